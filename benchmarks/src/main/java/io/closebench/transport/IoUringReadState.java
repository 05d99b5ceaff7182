package io.closebench.transport;

import io.netty.channel.Channel;
import io.netty.channel.uring.IoUring;
import java.lang.reflect.Field;
import java.util.Optional;

/**
 * What a Netty io_uring channel had armed, and what the kernel held for its socket, at the moment a
 * read with auto-read off gave up: read from the channel's private state (Netty has no public view
 * of it) and from the socket itself. {@link #isLostReset()} tells apart the state in which such a
 * read waits forever although the kernel has the peer's RST (what leads there, with the program
 * and the kernel trace that show it: {@code docs/findings-iouring-rst.md}) from any other timeout.
 *
 * @param readPending     Netty's {@code readPending}: the program asked for a read that has not come
 * @param pollInArmed     a {@code POLLIN} poll of the channel is armed
 * @param pollInMultishot the transport arms {@code POLLIN} as a multishot poll (its default;
 *                        {@code -Dio.netty.iouring.pollAddMultishotEnabled=false} turns it off)
 * @param pollRdHupArmed  the channel's one-shot {@code POLLRDHUP} poll is still armed
 * @param recvOutstanding a receive of the channel is in flight
 * @param rdHupReceived   the channel has seen {@code POLLRDHUP}
 * @param unreadInKernel  bytes in the socket's receive queue ({@code FIONREAD}); -1 when unknown
 * @param kernelTcpState  the kernel's TCP state of the socket ({@code tcpi_state} of {@code TCP_INFO}, named
 *                        as {@link KernelTcpState} names it), "CLOSE" once an RST has been processed; "?"
 *                        when unknown
 */
public record IoUringReadState(boolean readPending, boolean pollInArmed, boolean pollInMultishot,
                               boolean pollRdHupArmed, boolean recvOutstanding, boolean rdHupReceived,
                               int unreadInKernel, String kernelTcpState) {

    /**
     * The event a timed-out read reports when {@link #isLostReset()} (and only then): one fixed
     * text, since every fact in it is what that test requires.
     */
    public static final String LOST_RESET = "no event: Netty's io_uring lost the RST (POLLRDHUP seen, receive queue "
            + "drained, kernel state CLOSE; only its multishot POLLIN armed, no receive in flight, read pending)";

    /**
     * The state of {@code channel}'s reading, or empty when it is not an io_uring channel or this
     * Netty's private fields are not the ones read here (another version). Call on the channel's
     * event loop.
     */
    public static Optional<IoUringReadState> of(Channel channel, int unreadInKernel, String kernelTcpState) {
        Class<?> base = abstractIoUringChannel(channel.getClass());
        if (base == null) {
            return Optional.empty();
        }
        try {
            int ioState = ((Number) field(base, "ioState").get(channel)).intValue();
            boolean readPending = field(base, "readPending").getBoolean(channel);
            Object handle = channel.unsafe().recvBufAllocHandle();
            boolean rdHup = field(handle.getClass(), "rdHupReceived").getBoolean(handle);
            return Optional.of(new IoUringReadState(readPending,
                    (ioState & constant(base, "POLL_IN_SCHEDULED")) != 0, IoUring.isPollAddMultishotEnabled(),
                    (ioState & constant(base, "POLL_RDHUP_SCHEDULED")) != 0,
                    (ioState & constant(base, "READ_SCHEDULED")) != 0, rdHup, unreadInKernel, kernelTcpState));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether this is the lost RST: the kernel has the reset and nothing left to read, Netty has seen
     * {@code POLLRDHUP}, a read is pending, and all Netty waits on is its multishot {@code POLLIN},
     * with no receive in flight.
     */
    public boolean isLostReset() {
        return "CLOSE".equals(kernelTcpState) && unreadInKernel == 0 && rdHupReceived && readPending
                && pollInArmed && pollInMultishot && !pollRdHupArmed && !recvOutstanding;
    }

    private static Class<?> abstractIoUringChannel(Class<?> c) {
        for (; c != null; c = c.getSuperclass()) {
            if (c.getName().equals("io.netty.channel.uring.AbstractIoUringChannel")) {
                return c;
            }
        }
        return null;
    }

    private static Field field(Class<?> c, String name) throws NoSuchFieldException {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    private static int constant(Class<?> c, String name) throws ReflectiveOperationException {
        return field(c, name).getInt(null);
    }
}
