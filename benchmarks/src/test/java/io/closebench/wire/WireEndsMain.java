package io.closebench.wire;

import io.closebench.fault.ChildLifetime;
import io.closebench.transport.KernelTcpState;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * One connection on the loopback of the namespace it runs in, ended one way, for
 * {@code WireEndsTest}: the observer connects, the peer is the accepted end, and the peer ends the
 * connection as {@link End} says. Peers are blocking {@code SocketChannel}s, whose close sends an RST
 * alone where the kernel sends one (a {@code java.net.Socket} shuts its output down first).
 *
 * <p>Prints, one per line: {@code OBSERVER addr port}, {@code PEER addr port}, {@code UNACKED n}
 * (the peer's send queue as the kernel listed it just before the fault; {@link End#QUEUED} only),
 * {@code T0 nanos} (right before the peer's call that ends the connection), {@code T1 nanos} (right
 * after it returned), {@code WRITTEN peer observer} (bytes each program wrote), {@code READ n outcome}
 * (what the observer read after the fault and how its reading ended), {@code DONE}. Every socket is
 * closed before DONE; halts after 30 s whatever happens.
 */
public final class WireEndsMain {

    /** How the peer ends the connection. */
    enum End {
        /** A plain close after its data was read: FIN. */
        FIN,
        /** SO_LINGER 0, then close: an abortive close. */
        LINGER_ZERO,
        /** Close while the observer's 100 bytes lie unread in the peer's receive buffer. */
        UNREAD,
        /** A plain close, then the observer writes to the closed connection. */
        WRITE_AFTER_CLOSE,
        /** Close with unread data while the peer's own send queue is full (the observer never read). */
        QUEUED
    }

    private static final int SMALL = 100;

    private WireEndsMain() {
    }

    public static void main(String[] args) throws Exception {
        ChildLifetime.haltAfter(30);
        End end = End.valueOf(args[0]);
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(loopback, 0));
            SocketChannel observer = SocketChannel.open(listener.getLocalAddress());
            SocketChannel peer = listener.accept();
            InetSocketAddress peerLocal = (InetSocketAddress) peer.getLocalAddress();
            InetSocketAddress peerRemote = (InetSocketAddress) peer.getRemoteAddress();
            say("OBSERVER " + ((InetSocketAddress) observer.getLocalAddress()).getAddress().getHostAddress() + " "
                    + ((InetSocketAddress) observer.getLocalAddress()).getPort());
            say("PEER " + peerLocal.getAddress().getHostAddress() + " " + peerLocal.getPort());
            long peerWrote = 0;
            long observerWrote = 0;
            if (end == End.FIN || end == End.LINGER_ZERO || end == End.WRITE_AFTER_CLOSE) {
                peerWrote += writeFully(peer, SMALL);
                readExactly(observer, SMALL);
            }
            if (end == End.UNREAD || end == End.QUEUED) {
                observerWrote += writeFully(observer, SMALL);
                awaitUnread(peer, SMALL);
            }
            if (end == End.QUEUED) {
                peerWrote += fillUntilBlocked(peer);
                say("UNACKED " + steadyUnacknowledged(peerLocal, peerRemote));
            }
            if (end == End.LINGER_ZERO) {
                peer.setOption(StandardSocketOptions.SO_LINGER, 0);
            }
            long t0 = System.nanoTime();
            peer.close();
            long t1 = System.nanoTime();
            if (end == End.WRITE_AFTER_CLOSE) {
                observerWrote += writeFully(observer, SMALL);
                awaitGone(observer);
            }
            say("T0 " + t0);
            say("T1 " + t1);
            say("WRITTEN " + peerWrote + " " + observerWrote);
            say(readToEnd(observer));
            observer.close();
        }
        say("DONE");
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private static long writeFully(SocketChannel channel, int n) throws IOException {
        ByteBuffer data = ByteBuffer.allocate(n);
        while (data.hasRemaining()) {
            channel.write(data);
        }
        return n;
    }

    private static void readExactly(SocketChannel channel, int n) throws IOException {
        ByteBuffer data = ByteBuffer.allocate(n);
        while (data.hasRemaining()) {
            if (channel.read(data) < 0) {
                throw new IOException("EOF after " + data.position() + " of " + n + " bytes");
            }
        }
    }

    /** Waits (bounded) until {@code n} bytes lie unread in the channel's receive queue. */
    private static void awaitUnread(SocketChannel channel, int n) throws IOException, InterruptedException {
        for (int i = 0; i < 500; i++) {
            if (channel.socket().getInputStream().available() >= n) {
                return;
            }
            Thread.sleep(2);
        }
        throw new IOException("the observer's " + n + " bytes never arrived");
    }

    /**
     * Non-blocking writes of 64 KiB until three in a row, 20 ms apart, are refused (the peer's window
     * and this side's send buffer are full), bounded to 64 MiB; returns the bytes written. The
     * channel stays non-blocking.
     */
    static long fillUntilBlocked(SocketChannel channel) throws IOException, InterruptedException {
        channel.configureBlocking(false);
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        long written = 0;
        int refused = 0;
        while (refused < 3 && written < 64L * 1024 * 1024) {
            chunk.clear();
            int n = channel.write(chunk);
            written += n;
            if (n == 0) {
                refused++;
                Thread.sleep(20);
            } else {
                refused = 0;
            }
        }
        return written;
    }

    /** The send queue once it has held still for 50 ms (the window is shut), bounded to 3 s. */
    private static long steadyUnacknowledged(InetSocketAddress local, InetSocketAddress remote)
            throws InterruptedException {
        long last = -2;
        for (int i = 0; i < 60; i++) {
            long now = KernelTcpState.unacknowledged(local, remote);
            if (now == last && now >= 0) {
                return now;
            }
            last = now;
            Thread.sleep(50);
        }
        return last;
    }

    /** Waits (bounded) until the kernel no longer lists the observer's connection: the RST closed it. */
    private static void awaitGone(SocketChannel observer) throws IOException, InterruptedException {
        InetSocketAddress local = (InetSocketAddress) observer.getLocalAddress();
        InetSocketAddress remote = (InetSocketAddress) observer.getRemoteAddress();
        for (int i = 0; i < 500; i++) {
            if (KernelTcpState.of(local, remote).equals("CLOSE")) {
                return;
            }
            Thread.sleep(2);
        }
        throw new IOException("no RST closed the observer's connection; state " + KernelTcpState.of(local, remote));
    }

    /** "READ n outcome": bytes the observer reads after the fault, and EOF or the exception that ended it. */
    private static String readToEnd(SocketChannel observer) {
        long read = 0;
        try {
            observer.configureBlocking(true);
            observer.socket().setSoTimeout(5_000);
            var in = observer.socket().getInputStream();
            byte[] bytes = new byte[64 * 1024];
            int n;
            while ((n = in.read(bytes)) >= 0) {
                read += n;
            }
            return "READ " + read + " EOF";
        } catch (IOException e) {
            return "READ " + read + " " + e.getMessage();
        }
    }
}
