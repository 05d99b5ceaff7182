package io.closebench.remote.agent;

import io.closebench.fault.ChildMessage;
import io.closebench.fault.ChildMessage.Word;
import io.closebench.fault.PeerPlace;
import io.closebench.remote.AgentCapabilities;
import io.closebench.remote.CaseOrder;
import io.closebench.remote.ControlLines;
import io.closebench.remote.ControlLines.MalformedMessage;
import io.closebench.remote.SharedToken;
import io.closebench.fault.PeerRuntime;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One session of a peer agent with the harness that authenticated on its control connection. It
 * reads the harness's requests one line at a time; answers TIME at once, on its own thread, with its
 * clock's readings (so that the offset estimate sees no queueing); hands every other request to the
 * worker of the object it names, one request at a time per object, each bounded by the budget it
 * carries (and never more than {@link #MAX_BUDGET_MILLIS}); and answers each with DONE or ERROR.
 *
 * <p>It ends on BYE, at the end of the stream, on a malformed line (after saying so), or when the
 * harness has been silent for {@link #IDLE_MILLIS} (it sends TIME every second or so while it
 * lives): the control connection is then taken as lost. Whatever ends it, every object is closed
 * before the next session can start: sockets closed, children killed, rules removed.
 */
final class AgentSession {

    /** How long the handshake may take before the client is dropped. */
    static final int HANDSHAKE_MILLIS = 10_000;
    /** Silence from the harness beyond this ends the session as lost. */
    static final int IDLE_MILLIS = 30_000;
    /** The longest one request may take. */
    static final long MAX_BUDGET_MILLIS = TimeUnit.MINUTES.toMillis(30);
    /** Objects open at once. */
    static final int MAX_OBJECTS = 16;

    private final Socket control;
    private final ControlLines lines;
    private final AgentConfig config;
    private final ServerSocketChannel testListener;
    private final InetAddress observer;
    private final Map<String, AgentObject> objects = new ConcurrentHashMap<>();
    private final Map<String, ExecutorService> workers = new ConcurrentHashMap<>();
    private final Object writing = new Object();
    private volatile boolean ended;

    private AgentSession(Socket control, ControlLines lines, AgentConfig config, ServerSocketChannel testListener) {
        this.control = control;
        this.lines = lines;
        this.config = config;
        this.testListener = testListener;
        this.observer = control.getInetAddress();
    }

    /**
     * The handshake on a freshly accepted connection: CHALLENGE, the harness's PROOF checked, WELCOME
     * with the agent's own proof. A client that does not prove it holds the token gets ERROR and is
     * closed, nothing done.
     *
     * @return the session, or null when the client did not authenticate (it has been told why)
     */
    static AgentSession authenticate(Socket client, AgentConfig config, ServerSocketChannel testListener,
                                     PeerPlace place, AgentCapabilities capabilities) throws IOException {
        client.setSoTimeout(HANDSHAKE_MILLIS);
        // every answer is a small write of its own: Nagle's algorithm would hold it for the delayed ACK
        client.setTcpNoDelay(true);
        ControlLines lines = new ControlLines(client.getInputStream(), client.getOutputStream());
        String mine = SharedToken.nonce();
        lines.write(ChildMessage.of(Word.CHALLENGE, SharedToken.PROTOCOL, mine));
        ChildMessage proof;
        try {
            proof = lines.read();
        } catch (SocketTimeoutException e) {
            refuse(lines, "not authenticated: no PROOF within " + HANDSHAKE_MILLIS / 1000 + " s");
            return null;
        } catch (MalformedMessage e) {
            refuse(lines, "not authenticated: " + e.getMessage());
            return null;
        }
        if (proof == null) {
            return null;
        }
        if (!proof.is(Word.PROOF) || proof.fields().size() != 2) {
            refuse(lines, "not authenticated: expected PROOF nonce mac, got " + proof.word());
            return null;
        }
        String theirs = proof.field(0);
        if (!config.token().verify(proof.field(1), SharedToken.OBSERVER, mine, theirs)) {
            refuse(lines, "not authenticated: the proof does not match this agent's token (wrong token file?)");
            return null;
        }
        List<Object> welcome = new ArrayList<>(List.of(config.token().prove(SharedToken.PEER, theirs, mine), place.host(),
                place.os(), place.osVersion(), place.jdk()));
        welcome.addAll(capabilities.fields());
        lines.write(ChildMessage.of(Word.WELCOME, welcome.toArray()));
        client.setSoTimeout(IDLE_MILLIS);
        client.setKeepAlive(true);
        return new AgentSession(client, lines, config, testListener);
    }

    private static void refuse(ControlLines lines, String why) {
        try {
            lines.write(ChildMessage.of(Word.ERROR, "-", why));
        } catch (IOException ignored) {
            // it went away first
        }
    }

    /** Serves requests until the session ends; cleans up; returns why it ended, in words. */
    String serve() {
        String why;
        try {
            why = loop();
        } catch (MalformedMessage e) {
            why = "malformed input from the harness: " + e.getMessage();
            say("-", why + "; session closed, nothing of it done");
        } catch (SocketTimeoutException e) {
            why = "no word from the harness for " + IDLE_MILLIS / 1000 + " s: control connection taken as lost";
        } catch (IOException e) {
            why = "control connection lost: " + e.getMessage();
        } finally {
            ended = true;
            cleanUp();
        }
        return why;
    }

    private String loop() throws IOException {
        while (true) {
            ChildMessage m = lines.read();
            long receivedAt = System.nanoTime();
            if (m == null) {
                return "the harness closed the control connection";
            }
            List<String> f = m.fields();
            if (f.isEmpty()) {
                throw new MalformedMessage(m.word() + " without a request id");
            }
            String id = f.get(0);
            switch (m.word()) {
                case TIME -> reply(ChildMessage.of(Word.TIMED, id, receivedAt, System.nanoTime()));
                case BYE -> {
                    reply(ChildMessage.of(Word.DONE, id));
                    return "the harness said BYE";
                }
                case OPEN, TAKE, PREPARE, PROBING, INJECT, AFTER, REPORT, READ_ONCE, AWAIT, PLUG, CLOSE -> request(m);
                default -> throw new MalformedMessage(m.word() + " is not a request of the protocol");
            }
        }
    }

    /** An object's request: {@code WORD id object budgetMs fields...}, handed to that object's worker. */
    private void request(ChildMessage m) throws MalformedMessage {
        List<String> f = m.fields();
        if (f.size() < 3) {
            throw new MalformedMessage(m.word() + " needs id, object and budget");
        }
        String id = f.get(0);
        String object = f.get(1);
        long budget;
        try {
            budget = Long.parseLong(f.get(2));
        } catch (NumberFormatException e) {
            throw new MalformedMessage(m.word() + ": budget is not a number: " + f.get(2));
        }
        if (budget < 1 || budget > MAX_BUDGET_MILLIS) {
            say(id, "a budget must be 1-" + MAX_BUDGET_MILLIS + " ms, got " + budget);
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(budget);
        List<String> rest = List.copyOf(f.subList(3, f.size()));
        if (m.is(Word.OPEN)) {
            if (objects.containsKey(object) || workers.containsKey(object)) {
                say(id, "object " + object + " exists already");
                return;
            }
            if (workers.size() >= MAX_OBJECTS) {
                say(id, "at most " + MAX_OBJECTS + " objects at once: close one first");
                return;
            }
            ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "peer-agent-" + object);
                t.setDaemon(true);
                return t;
            });
            workers.put(object, worker);
            submit(worker, id, () -> {
                AgentObject made;
                try {
                    made = open(rest, deadline);
                } catch (Exception | Error e) {
                    workers.remove(object);
                    worker.shutdown();
                    throw e;
                }
                objects.put(object, made);
                if (ended) {
                    made.close();
                }
                return made instanceof CaseObject c ? c.opened() : List.of();
            });
            return;
        }
        ExecutorService worker = workers.get(object);
        if (worker == null) {
            say(id, "no object " + object);
            return;
        }
        if (m.is(Word.CLOSE)) {
            submit(worker, id, () -> {
                AgentObject o = objects.remove(object);
                if (o != null) {
                    o.close();
                }
                workers.remove(object);
                worker.shutdown();
                return List.of();
            });
            return;
        }
        submit(worker, id, () -> {
            AgentObject o = objects.get(object);
            if (o == null) {
                throw new IllegalStateException("object " + object + " was never made");
            }
            return o.handle(m.word(), rest, deadline);
        });
    }

    private AgentObject open(List<String> f, long deadline) throws Exception {
        if (f.isEmpty()) {
            throw new IllegalArgumentException("OPEN needs a kind: CASE, MASS or CABLE");
        }
        List<String> rest = f.subList(1, f.size());
        return switch (f.get(0)) {
            case CaseOrder.KIND -> {
                CaseOrder order = CaseOrder.parse(rest);
                if (order.runtime() == PeerRuntime.BASH_CHILD && config.bash().isPresent()) {
                    throw new IllegalStateException("this peer cannot start a bash child: " + config.bash().get());
                }
                yield CaseObject.open(order, observer, testListener, deadline);
            }
            case "MASS" -> MassObject.open(rest, observer, deadline);
            case "CABLE" -> config.host().openCable(rest, observer, control.getLocalAddress(), deadline);
            default -> throw new IllegalArgumentException("no such kind: " + f.get(0) + " (CASE, MASS or CABLE)");
        };
    }

    private interface Work {
        List<Object> run() throws Exception;
    }

    private void submit(ExecutorService worker, String id, Work work) {
        try {
            worker.execute(() -> {
                try {
                    List<Object> results = work.run();
                    List<Object> all = new ArrayList<>(results.size() + 1);
                    all.add(id);
                    all.addAll(results);
                    reply(ChildMessage.of(Word.DONE, all.toArray()));
                } catch (Exception | Error e) {
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                    }
                    say(id, e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            say(id, "its object is closing");
        }
    }

    private void say(String id, String why) {
        try {
            reply(ChildMessage.of(Word.ERROR, id, why));
        } catch (IOException ignored) {
            // the control connection is gone: the session ends on its own
        }
    }

    private void reply(ChildMessage m) throws IOException {
        synchronized (writing) {
            lines.write(m);
        }
    }

    /** Closes every object (sockets, children, rules), stops the workers, closes the control connection. */
    private void cleanUp() {
        for (AgentObject o : List.copyOf(objects.values())) {
            o.close();
        }
        objects.clear();
        for (ExecutorService w : workers.values()) {
            w.shutdownNow();
        }
        for (ExecutorService w : workers.values()) {
            try {
                w.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // an object a worker was still making when the session ended is closed by that worker (ended)
        for (AgentObject o : List.copyOf(objects.values())) {
            o.close();
        }
        workers.clear();
        try {
            control.close();
        } catch (IOException ignored) {
            // gone
        }
    }
}
