package io.closebench.remote.agent;

import io.closebench.fault.AsleepProbe;
import io.closebench.fault.ChildMessage.Word;
import io.closebench.fault.ChildPeer;
import io.closebench.fault.InProcessPeer;
import io.closebench.fault.Peer;
import io.closebench.fault.PeerReport;
import io.closebench.fault.PeerRuntime;
import io.closebench.remote.CaseOrder;
import io.closebench.remote.PreparationFields;
import io.closebench.scenario.Side;
import io.closebench.transport.IoResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The peer of one repetition, on the agent's host: the very {@link InProcessPeer} or {@link ChildPeer}
 * the harness uses on loopback, driven request by request (PREPARE, PROBING, INJECT, REPORT), so that
 * a case plays the same on both. Its connection goes to the observer that authenticated, and to
 * nothing else: a server-side peer connects to that address (the port is the harness's), a
 * client-side one accepts on the agent's test port only a connection from that address and port.
 * A server-side connection starts with a token, which the observer reads before the case begins.
 */
final class CaseObject implements AgentObject {

    private final CaseOrder order;
    private final InetAddress observer;
    private final ServerSocketChannel testListener;
    private Peer peer;
    private InProcessPeer inProcess;
    private final List<Object> opened;

    private CaseObject(CaseOrder order, InetAddress observer, ServerSocketChannel testListener, long deadline)
            throws IOException {
        this.order = order;
        this.observer = observer;
        this.testListener = testListener;
        InetSocketAddress target = new InetSocketAddress(observer, order.observerPort());
        if (order.runtime() != PeerRuntime.IN_PROCESS) {
            ChildPeer child = ChildPeer.start(order.runtime(), target, order.script(), order.killAfterBytes());
            peer = child;
            opened = List.of(child.token(), child.pid());
        } else if (order.side() == Side.SERVER) {
            SocketChannel channel = SocketChannel.open();
            try {
                channel.socket().connect(target, millisLeft(deadline));
                String token = String.format("cb%014x", ThreadLocalRandom.current().nextLong() >>> 8);
                ByteBuffer b = ByteBuffer.wrap(token.getBytes(StandardCharsets.US_ASCII));
                while (b.hasRemaining()) {
                    channel.write(b);
                }
                take(channel);
                opened = List.of(token, channel.socket().getLocalPort());
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } else {
            opened = List.of("-", testListener.socket().getLocalPort());
        }
    }

    /** Makes the peer {@code order} asks for; DONE says how the observer recognises its connection. */
    static CaseObject open(CaseOrder order, InetAddress observer, ServerSocketChannel testListener, long deadline)
            throws IOException {
        return new CaseObject(order, observer, testListener, deadline);
    }

    List<Object> opened() {
        return opened;
    }

    @Override
    public List<Object> handle(Word word, List<String> fields, long deadline) throws Exception {
        switch (word) {
            case TAKE -> {
                accept(Integer.parseInt(one(fields)), deadline);
                return List.of();
            }
            case PREPARE -> {
                peer().prepare(PreparationFields.parse(fields), deadline);
                return List.of();
            }
            case PROBING -> {
                peer().whileObserverProbes(deadline);
                return List.of();
            }
            case INJECT -> {
                return List.of(peer().injectFault(deadline));
            }
            case REPORT -> {
                PeerReport r = peer().report(deadline);
                return List.of(r.bytesSent(), r.t0(), r.t0Source().name(), r.peerAfter(), r.faultCallNanos(), r.failure());
            }
            case READ_ONCE -> {
                if (inProcess == null) {
                    throw new IllegalStateException("only a peer socket of the agent reads once");
                }
                IoResult r = inProcess.readOnce(deadline);
                return List.of(r.describe(), r.returnedAt());
            }
            default -> throw new IllegalArgumentException(word + " is not a request a case's peer answers");
        }
    }

    private Peer peer() {
        if (peer == null) {
            throw new IllegalStateException("the observer's connection has not been taken yet (TAKE)");
        }
        return peer;
    }

    /** The observer's connection on the test port: from its address and {@code observerPort} only. */
    private void accept(int observerPort, long deadline) throws IOException {
        if (order.side() != Side.CLIENT || peer != null) {
            throw new IllegalStateException("TAKE is for a client-side case's peer, once");
        }
        while (true) {
            int wait = millisLeft(deadline);
            testListener.socket().setSoTimeout(wait);
            Socket s;
            try {
                s = testListener.socket().accept();
            } catch (SocketTimeoutException e) {
                throw new IOException("the observer's connection from " + observer.getHostAddress() + ":" + observerPort
                        + " did not arrive on the test port in time");
            }
            InetSocketAddress from = (InetSocketAddress) s.getRemoteSocketAddress();
            if (from.getAddress().equals(observer) && from.getPort() == observerPort) {
                take(s.getChannel());
                return;
            }
            // someone else: not the authenticated observer's connection
            s.close();
        }
    }

    private void take(SocketChannel channel) throws IOException {
        inProcess = new InProcessPeer(channel, System::nanoTime, order.fault(), null, AsleepProbe.NONE);
        peer = inProcess;
    }

    private static String one(List<String> fields) {
        if (fields.size() != 1) {
            throw new IllegalArgumentException("expected 1 field, got " + fields.size());
        }
        return fields.get(0);
    }

    static int millisLeft(long deadline) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            throw new IllegalStateException("its budget ran out");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    @Override
    public void close() {
        if (peer != null) {
            peer.close();
        }
    }
}
