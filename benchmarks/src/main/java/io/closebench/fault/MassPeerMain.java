package io.closebench.fault;

import io.closebench.fault.ChildLifetime;
import io.closebench.fault.ChildMessage;
import io.closebench.fault.ChildMessage.Word;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The client process of a mass death: opens {@code connections} connections to the server,
 * reports {@code READY connections}, and then does nothing but hold them until it is killed
 * (it never reads, so what the server sends stays unread in its receive buffers). It halts when its
 * stdin closes or after its time cap, so it never outlives the harness.
 *
 * <p>Arguments: {@code host port connections capSeconds}.
 */
public final class MassPeerMain {

    private MassPeerMain() {
    }

    public static void main(String[] args) throws Exception {
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        ChildLifetime.haltAfter(Long.parseLong(args[3]));
        ChildLifetime.followStdin(line -> { });
        InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        int n = Integer.parseInt(args[2]);
        List<SocketChannel> held = new ArrayList<>(n);
        try {
            for (int i = 0; i < n; i++) {
                held.add(SocketChannel.open(server));
            }
        } catch (IOException e) {
            report(out, ChildMessage.of(Word.FAILED, "connected " + held.size() + " of " + n + ": " + e));
            Runtime.getRuntime().halt(2);
        }
        report(out, ChildMessage.of(Word.READY, held.size()));
        Thread.currentThread().join();
    }

    private static void report(OutputStream out, ChildMessage m) throws IOException {
        out.write((m.format() + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
