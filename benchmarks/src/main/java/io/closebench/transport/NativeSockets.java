package io.closebench.transport;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.ptr.IntByReference;

/**
 * What the kernel knows of a socket's queues and the JDK does not ask: {@code ioctl(FIONREAD)}
 * (bytes received, not yet read) and {@code ioctl(SIOCOUTQ)} (bytes sent, not yet acknowledged),
 * on a raw file descriptor, through JNA. Used for sockets the JDK's {@code available()} cannot
 * reach (Netty's native channels) and for a peer's unsent data.
 */
public final class NativeSockets {

    private static final int FIONREAD = 0x541B;
    private static final int SIOCOUTQ = 0x5411;

    private interface LibC extends Library {
        int ioctl(int fd, long request, IntByReference value) throws LastErrorException;
    }

    private static final class Holder {
        static final LibC LIBC = Native.load("c", LibC.class);
    }

    private NativeSockets() {
    }

    /** Bytes in {@code fd}'s receive queue that no read has taken yet. */
    public static int unread(int fd) throws java.io.IOException {
        return ioctl(fd, FIONREAD, "FIONREAD");
    }

    /** Bytes in {@code fd}'s send queue not yet acknowledged by the peer. */
    public static int unsent(int fd) throws java.io.IOException {
        return ioctl(fd, SIOCOUTQ, "SIOCOUTQ");
    }

    private static int ioctl(int fd, int request, String name) throws java.io.IOException {
        IntByReference value = new IntByReference();
        try {
            Holder.LIBC.ioctl(fd, request, value);
            return value.getValue();
        } catch (LastErrorException e) {
            throw new java.io.IOException("ioctl(" + fd + ", " + name + ") failed: errno " + e.getErrorCode(), e);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new java.io.IOException("ioctl is not reachable through JNA here: " + e, e);
        }
    }
}
