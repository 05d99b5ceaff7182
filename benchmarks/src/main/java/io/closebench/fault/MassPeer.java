package io.closebench.fault;

import io.closebench.fault.Peer;
import io.closebench.fault.PeerReport;
import io.closebench.fault.ChildClassPath;
import io.closebench.fault.ChildMessage;
import io.closebench.fault.ChildMessage.Word;
import io.closebench.fault.ChildProcess;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The N clients of a mass death, and how they all die at once. The fault is injected from the
 * calling (harness) thread, placed where the peer belongs; a child process inherits its CPUs.
 */
public interface MassPeer extends Peer {

    /** Opens {@code connections} connections to {@code server}; they are up when this returns. */
    void connect(InetSocketAddress server, int connections, long deadline) throws IOException, InterruptedException;

    /** Kills them all; returns t0, the clock read right before the call that does it. */
    @Override
    long injectFault(long deadline) throws IOException, InterruptedException;

    /** CPU time the peer's own killing used in this process (an in-process peer's close loop); 0 otherwise. */
    long cpuNanosInThisProcess();

    /** Nothing to report: a mass death counts what the server saw. */
    @Override
    default PeerReport report(long deadline) {
        return PeerReport.sent(0, "", -1);
    }

    @Override
    void close();

    static MassPeer of(MassFault fault) {
        return switch (fault) {
            case KILL, KILL_UNREAD -> new ChildPeer();
            case ABORT -> new InProcessPeer();
            case HOST -> throw new IllegalArgumentException("HOST dies in network namespaces, not on loopback");
        };
    }

    /** One child process holding every connection; SIGKILL makes its kernel close them all. */
    final class ChildPeer implements MassPeer {
        private static final int CAP_SECONDS = 300;
        private ChildProcess child;

        @Override
        public void connect(InetSocketAddress server, int connections, long deadline) throws IOException, InterruptedException {
            child = ChildProcess.start("the mass-death client", new ProcessBuilder(ChildClassPath.jvmCommand(
                    MassPeerMain.class, "-Xmx" + (32 + connections / 64) + "m", List.of(server.getAddress().getHostAddress(),
                            String.valueOf(server.getPort()), String.valueOf(connections), String.valueOf(CAP_SECONDS))))
                    .redirectErrorStream(true));
            ChildMessage ready = child.next(deadline, "its " + connections + " connections");
            if (!ready.is(Word.READY) || ready.intField(0) != connections) {
                throw new IOException("the client reported " + ready.format() + ", expected READY " + connections);
            }
        }

        @Override
        public long injectFault(long deadline) throws InterruptedException {
            long t0 = System.nanoTime();
            child.kill();
            return t0;
        }

        @Override
        public long cpuNanosInThisProcess() {
            return 0;
        }

        @Override
        public void close() {
            if (child != null) {
                child.close();
            }
        }
    }

    /** Every client socket in this process; one thread closes them all with SO_LINGER 0, as fast as it can. */
    final class InProcessPeer implements MassPeer {
        private final List<SocketChannel> clients = new ArrayList<>();
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private long cpu;

        @Override
        public void connect(InetSocketAddress server, int connections, long deadline) throws IOException {
            for (int i = 0; i < connections; i++) {
                SocketChannel c = SocketChannel.open(server);
                // set before t0, so that t0 precedes the closes alone
                c.setOption(StandardSocketOptions.SO_LINGER, 0);
                clients.add(c);
            }
        }

        @Override
        public long injectFault(long deadline) throws IOException {
            long cpuBefore = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            for (SocketChannel c : clients) {
                c.close();
            }
            cpu = threads.getCurrentThreadCpuTime() - cpuBefore;
            return t0;
        }

        @Override
        public long cpuNanosInThisProcess() {
            return cpu;
        }

        @Override
        public void close() {
            for (SocketChannel c : clients) {
                try {
                    c.close();
                } catch (IOException ignored) {
                    // teardown
                }
            }
        }
    }
}
