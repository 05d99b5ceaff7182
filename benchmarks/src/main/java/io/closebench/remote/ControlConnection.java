package io.closebench.remote;

import io.closebench.fault.ChildMessage;
import io.closebench.fault.ChildMessage.Word;
import io.closebench.fault.PeerPlace;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The harness's end of a peer agent's control connection: the handshake (the agent's CHALLENGE, our
 * PROOF, its WELCOME with its own proof, which is checked too, so that the harness never drives an
 * impostor), then requests by id, each answered by DONE or ERROR, any number in flight from any
 * thread; a reader thread hands every answer to its caller. A heartbeat thread asks the agent's time
 * every second: it keeps the agent from taking the connection as lost, and tells this end when it
 * is (no answer for {@link #SILENCE}). Once lost, every call fails at once with the reason.
 */
public final class ControlConnection implements AutoCloseable {

    /** How long the handshake may take. */
    public static final Duration HANDSHAKE = Duration.ofSeconds(10);
    /** How often the heartbeat asks the agent's time. */
    static final Duration HEARTBEAT = Duration.ofSeconds(1);
    /** An estimate older than this is replaced by the heartbeat's next exchange, however its round trip compares. */
    static final Duration STALE = Duration.ofSeconds(10);
    /** No answer for this long and the connection is taken as lost. */
    static final Duration SILENCE = Duration.ofSeconds(10);
    /** Beyond a request's own budget, how long its answer may take to come back. */
    static final Duration GRACE = Duration.ofSeconds(5);
    /** TIME exchanges behind the first estimate of the clocks' offset. */
    static final int OPENING_EXCHANGES = 16;

    private final Socket socket;
    private final ControlLines lines;
    private final InetSocketAddress agent;
    private final PeerPlace place;
    private final AgentCapabilities capabilities;
    private final Map<String, CompletableFuture<ChildMessage>> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong();
    private final Object writing = new Object();
    private volatile String lost;
    private volatile ClockOffset.Estimate latest;
    private volatile long lastAnswerAt = System.nanoTime();
    private volatile boolean closing;

    private ControlConnection(Socket socket, ControlLines lines, InetSocketAddress agent, PeerPlace place,
                              AgentCapabilities capabilities) {
        this.socket = socket;
        this.lines = lines;
        this.agent = agent;
        this.place = place;
        this.capabilities = capabilities;
    }

    /**
     * Connects to the agent at {@code agent} and authenticates both ways with {@code token}.
     *
     * @throws IOException saying why: unreachable, refused (busy, wrong token), not an agent, or an impostor
     */
    public static ControlConnection open(InetSocketAddress agent, SharedToken token) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(agent, (int) HANDSHAKE.toMillis());
            s.setTcpNoDelay(true);
            s.setKeepAlive(true);
            s.setSoTimeout((int) HANDSHAKE.toMillis());
            ControlLines lines = new ControlLines(s.getInputStream(), s.getOutputStream());
            ChildMessage challenge = expect(lines.read(), Word.CHALLENGE, agent);
            if (challenge.fields().size() != 2 || !challenge.field(0).equals(SharedToken.PROTOCOL)) {
                throw new IOException("the peer agent at " + show(agent) + " speaks " + challenge.format()
                        + ", not " + SharedToken.PROTOCOL + " (closebench versions differ?)");
            }
            String theirs = challenge.field(1);
            String mine = SharedToken.nonce();
            lines.write(ChildMessage.of(Word.PROOF, mine, token.prove(SharedToken.OBSERVER, theirs, mine)));
            ChildMessage welcome = expect(lines.read(), Word.WELCOME, agent);
            if (welcome.fields().size() < 5 || !token.verify(welcome.field(0), SharedToken.PEER, mine, theirs)) {
                throw new IOException("the host at " + show(agent) + " answered without proving it holds the token: not "
                        + "the peer agent meant (or its token file differs)");
            }
            PeerPlace place = new PeerPlace(welcome.field(1), welcome.field(2), welcome.field(3), welcome.field(4));
            AgentCapabilities caps = AgentCapabilities.parse(welcome.fields().subList(5, welcome.fields().size()));
            s.setSoTimeout(0);
            ControlConnection c = new ControlConnection(s, lines, agent, place, caps);
            c.start();
            try {
                c.estimate(OPENING_EXCHANGES);
            } catch (IOException e) {
                c.close();
                throw e;
            }
            return c;
        } catch (ControlLines.MalformedMessage e) {
            s.close();
            throw new IOException("the host at " + show(agent) + " is not a closebench peer agent: " + e.getMessage(), e);
        } catch (SocketTimeoutException e) {
            s.close();
            throw new IOException("the peer agent at " + show(agent) + " did not complete the handshake within "
                    + HANDSHAKE.toSeconds() + " s", e);
        } catch (IOException | RuntimeException e) {
            s.close();
            if (e instanceof IOException io && io.getMessage() != null && io.getMessage().contains(show(agent))) {
                throw io;
            }
            throw new IOException("cannot reach the peer agent at " + show(agent) + ": " + e.getMessage(), e);
        }
    }

    private static ChildMessage expect(ChildMessage m, Word word, InetSocketAddress agent) throws IOException {
        if (m == null) {
            throw new IOException("the peer agent at " + show(agent) + " closed the connection during the handshake");
        }
        if (m.is(Word.ERROR)) {
            throw new IOException("the peer agent at " + show(agent) + " refused: "
                    + (m.fields().size() > 1 ? m.field(1) : m.format()));
        }
        if (!m.is(word)) {
            throw new IOException("the host at " + show(agent) + " said " + m.word() + " where a peer agent says " + word);
        }
        return m;
    }

    private void start() {
        Thread reader = new Thread(this::read, "peer-control-reader");
        reader.setDaemon(true);
        reader.start();
        Thread heartbeat = new Thread(this::heartbeat, "peer-control-heartbeat");
        heartbeat.setDaemon(true);
        heartbeat.start();
    }

    public PeerPlace place() {
        return place;
    }

    public AgentCapabilities capabilities() {
        return capabilities;
    }

    /** The agent's address, as this host reaches it. */
    public InetSocketAddress agent() {
        return agent;
    }

    /** This host's address on the control connection: where the agent connects back to. */
    public InetAddress localAddress() {
        return socket.getLocalAddress();
    }

    /** Why the session ended, or empty while it lives. */
    public Optional<String> lost() {
        return Optional.ofNullable(lost);
    }

    /**
     * Sends {@code word} for {@code object} with {@code budget} (the agent's bound for the work) and
     * waits for its answer; returns DONE's fields after the id.
     *
     * @throws IOException with the agent's reason (ERROR), or why there was no answer
     */
    public List<String> call(Word word, String object, Duration budget, Object... fields) throws IOException {
        long millis = Math.max(1, budget.toMillis());
        List<Object> all = new ArrayList<>(List.of(object, millis));
        all.addAll(List.of(fields));
        ChildMessage answer = exchange(word, all, Duration.ofMillis(millis).plus(GRACE));
        if (answer.is(Word.ERROR)) {
            throw new IOException("the peer agent could not " + word + ": " + (answer.fields().size() > 1 ? answer.field(1)
                    : "(no reason given)"));
        }
        return answer.fields().subList(1, answer.fields().size());
    }

    /** One TIME exchange, its four instants. */
    public ClockOffset.Exchange time() throws IOException {
        long sent = System.nanoTime();
        ChildMessage answer = exchange(Word.TIME, List.of(), SILENCE);
        long received = System.nanoTime();
        if (!answer.is(Word.TIMED) || answer.fields().size() != 3) {
            throw new IOException("the peer agent answered TIME with " + answer.format());
        }
        return new ClockOffset.Exchange(sent, Long.parseLong(answer.field(1)), Long.parseLong(answer.field(2)), received);
    }

    /** {@code n} TIME exchanges in a row, the best kept: the offset right now, with its bound. */
    public ClockOffset.Estimate estimate(int n) throws IOException {
        List<ClockOffset.Exchange> exchanges = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            exchanges.add(time());
        }
        ClockOffset.Estimate e = ClockOffset.best(exchanges);
        latest = e;
        return e;
    }

    /**
     * The most recent estimate of the offset (from the last {@link #estimate}, or a heartbeat's
     * exchange as good as it): for a first conversion, refined right after the fault where it counts.
     */
    public ClockOffset.Estimate latest() {
        return latest;
    }

    /** The round trip of the latest estimate, ns. */
    public long roundTrip() {
        return latest.roundTrip();
    }

    private ChildMessage exchange(Word word, List<Object> fields, Duration wait) throws IOException {
        String id = Long.toString(nextId.incrementAndGet());
        CompletableFuture<ChildMessage> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            failIfLost();
            List<Object> all = new ArrayList<>(fields.size() + 1);
            all.add(id);
            all.addAll(fields);
            synchronized (writing) {
                lines.write(ChildMessage.of(word, all.toArray()));
            }
            return answer.get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new IOException("the peer agent at " + show(agent) + " did not answer " + word + " within "
                    + wait.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for the peer agent's answer to " + word, e);
        } catch (IOException e) {
            failIfLost();
            throw new IOException("the control connection to " + show(agent) + " failed: " + e.getMessage(), e);
        } finally {
            pending.remove(id);
        }
    }

    private void failIfLost() throws IOException {
        String why = lost;
        if (why != null) {
            throw new IOException("the session with the peer agent at " + show(agent) + " has ended: " + why);
        }
    }

    private void read() {
        try {
            while (true) {
                ChildMessage m = lines.read();
                if (m == null) {
                    end("the peer agent closed the control connection");
                    return;
                }
                lastAnswerAt = System.nanoTime();
                String id = m.fields().isEmpty() ? "-" : m.field(0);
                if (m.is(Word.ERROR) && id.equals("-")) {
                    end("the peer agent ended the session: " + (m.fields().size() > 1 ? m.field(1) : ""));
                    return;
                }
                CompletableFuture<ChildMessage> f = pending.get(id);
                if (f != null) {
                    f.complete(m);
                }
            }
        } catch (IOException e) {
            end(closing ? "closed by the harness" : "the control connection failed: " + e.getMessage());
        }
    }

    private void heartbeat() {
        while (lost == null && !closing) {
            try {
                TimeUnit.NANOSECONDS.sleep(HEARTBEAT.toNanos());
                ClockOffset.Exchange e = time();
                ClockOffset.Estimate now = ClockOffset.best(List.of(e));
                ClockOffset.Estimate was = latest;
                // a fresh exchange replaces the estimate when it is as good, or the estimate has aged
                if (was == null || now.roundTrip() <= was.roundTrip() || now.measuredAt() - was.measuredAt() > STALE.toNanos()) {
                    latest = now;
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                if (lost == null && !closing && System.nanoTime() - lastAnswerAt > SILENCE.toNanos()) {
                    end("no answer from the peer agent for " + SILENCE.toSeconds() + " s");
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // it is gone anyway
                    }
                }
            }
        }
    }

    private synchronized void end(String why) {
        if (lost == null) {
            lost = why;
        }
        IOException e = new IOException("the session with the peer agent at " + show(agent) + " has ended: " + lost);
        pending.values().forEach(f -> f.completeExceptionally(e));
    }

    /** BYE, bounded, then the socket closed: the agent closes everything of this session. */
    @Override
    public void close() {
        if (lost == null && !closing) {
            closing = true;
            try {
                exchange(Word.BYE, List.of(), Duration.ofSeconds(5));
            } catch (IOException ignored) {
                // the socket is closed below either way
            }
        }
        closing = true;
        end("closed by the harness");
        try {
            socket.close();
        } catch (IOException ignored) {
            // closed
        }
    }

    static String show(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }
}
