package io.closebench.remote.agent;

import io.closebench.fault.ChildMessage;
import io.closebench.fault.ChildMessage.Word;
import io.closebench.fault.PeerPlace;
import io.closebench.remote.AgentCapabilities;
import io.closebench.remote.ControlLines;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code closebench peer}: the misbehaving end of the matrix's, the benchmarks' and mass death's
 * cases, as an agent on another host. It listens where it was told, and only there; serves one
 * authenticated session at a time ({@link AgentSession}), answering any other client at once with
 * ERROR busy; makes connections to nothing but the observer that authenticated; and with
 * {@code --once} exits after its first authenticated session. It needs a JDK 17 and nothing else:
 * what its host cannot do is refused by name ({@link AgentCapabilities}).
 */
public final class PeerAgent implements AutoCloseable {

    private final AgentConfig config;
    private final ServerSocket control;
    private final ServerSocketChannel testListener;
    private final PeerPlace place = PeerPlace.here();
    private final AgentCapabilities capabilities;
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile boolean closed;

    private PeerAgent(AgentConfig config, ServerSocket control, ServerSocketChannel testListener) {
        this.config = config;
        this.control = control;
        this.testListener = testListener;
        this.capabilities = new AgentCapabilities(config.bash(), config.host().cableUnavailable(),
                config.host().freezeUnavailable(), config.host().wipeUnavailable(),
                System.getProperty("os.name", "").toLowerCase().startsWith("windows") ? "TerminateProcess" : "SIGKILL",
                testListener.socket().getLocalPort());
    }

    /** Binds the control and test listeners where {@code config} says. */
    public static PeerAgent bind(AgentConfig config) throws IOException {
        ServerSocket control = new ServerSocket();
        try {
            control.setReuseAddress(true);
            control.bind(config.listen(), 4);
            ServerSocketChannel test = ServerSocketChannel.open();
            try {
                test.socket().setReuseAddress(true);
                test.bind(new InetSocketAddress(config.listen().getAddress(), config.testPort()), 64);
                return new PeerAgent(config, control, test);
            } catch (IOException | RuntimeException e) {
                test.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            control.close();
            throw new IOException("cannot listen on " + config.listen() + " and test port " + config.testPort() + ": "
                    + e.getMessage(), e);
        }
    }

    public InetSocketAddress controlAddress() {
        return (InetSocketAddress) control.getLocalSocketAddress();
    }

    public AgentCapabilities capabilities() {
        return capabilities;
    }

    public PeerPlace place() {
        return place;
    }

    /**
     * Accepts clients until closed (or, with {@code --once}, until its first authenticated session
     * ended); each session on a thread of its own, every other client refused while one runs.
     */
    public void serve() throws IOException {
        while (!closed) {
            Socket client;
            try {
                client = control.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                throw e;
            }
            if (!busy.compareAndSet(false, true)) {
                refuseBusy(client);
                continue;
            }
            Thread t = new Thread(() -> session(client), "peer-agent-session");
            t.setDaemon(false);
            t.start();
        }
    }

    private void session(Socket client) {
        String from = client.getRemoteSocketAddress().toString();
        boolean authenticated = false;
        try {
            AgentSession s = AgentSession.authenticate(client, config, testListener, place, capabilities);
            if (s == null) {
                log("refused " + from + ": not authenticated");
                return;
            }
            authenticated = true;
            log("session from " + from + " authenticated");
            log("session from " + from + " ended: " + s.serve());
        } catch (IOException | RuntimeException e) {
            log("session from " + from + " failed: " + e);
        } finally {
            try {
                client.close();
            } catch (IOException ignored) {
                // closed
            }
            busy.set(false);
            if (authenticated && config.once()) {
                log("--once: exiting after one session");
                close();
            }
        }
    }

    private void refuseBusy(Socket client) {
        Thread t = new Thread(() -> {
            try (client) {
                client.setSoTimeout(1000);
                new ControlLines(client.getInputStream(), client.getOutputStream()).write(ChildMessage.of(Word.ERROR, "-",
                        "busy: this peer agent serves one session at a time and one is running"));
            } catch (IOException ignored) {
                // it went away
            }
            log("refused " + client.getRemoteSocketAddress() + ": busy with another session");
        }, "peer-agent-busy");
        t.setDaemon(true);
        t.start();
    }

    static void log(String line) {
        System.out.println("closebench peer: " + line);
        System.out.flush();
    }

    @Override
    public void close() {
        closed = true;
        try {
            control.close();
        } catch (IOException ignored) {
            // closed
        }
        try {
            testListener.close();
        } catch (IOException ignored) {
            // closed
        }
    }
}
