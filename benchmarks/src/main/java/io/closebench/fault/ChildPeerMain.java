package io.closebench.fault;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The JVM child peer: the misbehaving client as a separate process, for the exit and kill cases.
 * Uses the JDK only, so that it starts fast from any class path.
 *
 * <p>Protocol ({@link ChildMessage}, shared with {@code peer.sh}): arguments {@code host port token
 * readBytes sendBytes chunk mode capSeconds}. It connects, sends {@code token} so the parent can
 * tell this connection from any other, reports {@code CONNECTED}, reads {@code readBytes} the
 * parent sent (0 leaves them unread), then waits for {@code GO} on stdin. It then sends in writes of
 * {@code chunk} bytes, reporting {@code SENT <total>} after each completed write, and ends as
 * {@code mode} says, reporting {@code T0 <System.nanoTime()>} right before the call that ends it.
 * EOF on stdin (the parent died) or the time cap ends it with {@code halt}, so it never outlives
 * the harness.
 */
public final class ChildPeerMain {

    private static final OutputStream REPORT = new FileOutputStream(FileDescriptor.out);

    private ChildPeerMain() {
    }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        byte[] token = args[2].getBytes(StandardCharsets.US_ASCII);
        long readBytes = Long.parseLong(args[3]);
        long sendBytes = Long.parseLong(args[4]);
        int chunk = Integer.parseInt(args[5]);
        ChildMode mode = ChildMode.valueOf(args[6]);
        long capNanos = TimeUnit.SECONDS.toNanos(Long.parseLong(args[7]));
        long start = System.nanoTime();

        CountDownLatch go = watchParent(capNanos);
        Socket socket = new Socket(host, port);
        OutputStream out = socket.getOutputStream();
        out.write(token);
        report(ChildMessage.of(ChildMessage.Word.CONNECTED, socket.getLocalPort()));
        readFully(socket.getInputStream(), readBytes);
        if (readBytes > 0) {
            report(ChildMessage.of(ChildMessage.Word.READ, readBytes));
        }
        go.await();

        byte[] block = new byte[chunk];
        java.util.Arrays.fill(block, (byte) 'x');
        long sent = 0;
        long cap = mode == ChildMode.STREAM ? sendBytes : Long.MAX_VALUE;
        long target = mode == ChildMode.STREAM ? Long.MAX_VALUE : sendBytes;
        while (sent < target && sent < cap && System.nanoTime() - start < capNanos) {
            out.write(block);
            sent += chunk;
            report(ChildMessage.of(ChildMessage.Word.SENT, sent));
        }
        if (mode == ChildMode.STREAM) {
            Runtime.getRuntime().halt(7); // not killed within its caps: the parent will see this exit code
        }
        long t0 = System.nanoTime();
        report(ChildMessage.of(ChildMessage.Word.T0, t0));
        if (mode == ChildMode.CLOSE_THEN_EXIT) {
            socket.close();
        }
        // halt, not exit: no shutdown hooks, no finalisation, nothing that could touch the socket
        Runtime.getRuntime().halt(0);
    }

    /** Releases the latch on "GO"; halts on EOF of stdin (parent gone) or when the time cap passes. */
    private static CountDownLatch watchParent(long capNanos) {
        CountDownLatch go = new CountDownLatch(1);
        ChildLifetime.followStdin(line -> {
            if (ChildMessage.parse(line).is(ChildMessage.Word.GO)) {
                go.countDown();
            }
        });
        ChildLifetime.haltAfter(TimeUnit.NANOSECONDS.toSeconds(capNanos));
        return go;
    }

    private static void readFully(InputStream in, long bytes) throws IOException {
        byte[] buf = new byte[8192];
        long left = bytes;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw new IOException("connection ended after " + (bytes - left) + " of " + bytes + " bytes");
            }
            left -= n;
        }
    }

    private static void report(ChildMessage m) throws IOException {
        REPORT.write((m.format() + "\n").getBytes(StandardCharsets.US_ASCII));
    }
}
