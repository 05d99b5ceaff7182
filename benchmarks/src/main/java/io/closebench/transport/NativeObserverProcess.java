package io.closebench.transport;

import io.closebench.placement.Affinity;
import io.closebench.placement.CpuSet;
import io.closebench.schema.Outcome;
import io.closebench.schema.SigPipe;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
import java.util.stream.Collectors;

/**
 * The C observer: the native floor's program in its server mode ({@code floor observe}, described
 * at the top of {@code floor.c}), a child process that owns the observer's sockets and makes their
 * calls, driven one request line at a time over its stdin. Its answers carry what the note speaks
 * of: each call's return value, errno by number and name, and whether it raised SIGPIPE.
 *
 * <p>Every request waits for its answer at most until its own deadline plus a grace; a program that
 * does not answer, or that ends, fails the request with an {@link IOException} saying so (and what
 * it printed on stderr), never a hang. The program ends by itself when its stdin closes, so that not
 * even a harness killed outright leaves it behind; {@link #close()} closes it and waits for it.
 *
 * <p>Thread-safe: requests may come from several threads at once (a close while a probe runs).
 */
public final class NativeObserverProcess implements AutoCloseable {

    /** How the program waits: {@code recv()} asleep in the kernel, or epoll. */
    public enum Api { BLOCKING, EPOLL }

    /** Whether its sends may raise SIGPIPE ({@code SIGNAL}) or carry {@code MSG_NOSIGNAL}. */
    public enum Signals { SIGNAL, NOSIGNAL }

    /** How long the program may take to start and say it is ready. */
    private static final long START_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** Beyond a request's own deadline, how long its answer may take. */
    private static final long ANSWER_GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** A request without a deadline of its own (listen, available, close, clock) gets this long. */
    private static final long PLAIN_ANSWER_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** The program's own bound on its SIGPIPE check, plus a margin. */
    private static final long SIGPIPE_CHECK_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final int STDERR_TAIL_CHARS = 4096;

    private final Process process;
    private final Writer requests;
    private final Thread reader;
    private final Thread errors;
    private final StringBuilder stderrTail = new StringBuilder();
    private final CompletableFuture<String> readyLine = new CompletableFuture<>();
    private final Map<Long, Answer> waiting = new ConcurrentHashMap<>();
    private final AtomicLong numbers = new AtomicLong();
    private volatile String endedBecause;
    /** A probe was sent and has not yet said "armed" (or ended): its thread's sleep is not the probe's. */
    private volatile boolean probeStarting;
    private long pid;
    private int mainTid;
    private int observerTid;

    private NativeObserverProcess(Process process) {
        this.process = process;
        this.requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII);
        this.reader = new Thread(this::readAnswers, "closebench-native-answers");
        this.errors = new Thread(this::keepStderrTail, "closebench-native-stderr");
        reader.setDaemon(true);
        errors.setDaemon(true);
    }

    /**
     * Starts {@code executable observe api signals cpus} and waits until it says it is ready.
     *
     * @param cpus where both of its threads run; empty: not pinned, that is on every CPU this process
     *             may use (not on whatever the calling thread happens to be pinned to, which a child inherits)
     */
    public static NativeObserverProcess start(Path executable, Api api, Signals signals, Optional<CpuSet> cpus)
            throws IOException {
        String cpuList = Optional.of(cpus.orElseGet(Affinity::allowed))
                .map(c -> c.stream().mapToObj(Integer::toString).collect(Collectors.joining(",")))
                .filter(list -> !list.isEmpty()).orElse("any");
        Process p = new ProcessBuilder(executable.toString(), "observe", api.name(), signals.name(), cpuList).start();
        NativeObserverProcess n = new NativeObserverProcess(p);
        n.reader.start();
        n.errors.start();
        try {
            n.ready();
            return n;
        } catch (IOException | RuntimeException e) {
            n.close();
            throw e;
        }
    }

    /** "0 ready pid=12 main=12 observer=13 api=BLOCKING sigpipe=SIGNAL" */
    private void ready() throws IOException {
        String line;
        try {
            line = readyLine.get(START_NANOS, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new IOException("the C observer did not start within " + TimeUnit.NANOSECONDS.toSeconds(START_NANOS)
                    + " s" + stderrSaid());
        } catch (ExecutionException e) {
            throw new IOException("the C observer did not start: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the C observer started");
        }
        String[] f = line.split(" ");
        if (f.length < 5 || !f[0].equals("0") || !f[1].equals("ready")) {
            throw new IOException("the C observer's first line is not 'ready': " + line);
        }
        pid = Long.parseLong(value(f[2], "pid"));
        mainTid = Integer.parseInt(value(f[3], "main"));
        observerTid = Integer.parseInt(value(f[4], "observer"));
    }

    private static String value(String field, String key) throws IOException {
        if (!field.startsWith(key + "=")) {
            throw new IOException("expected " + key + "=..., found '" + field + "'");
        }
        return field.substring(key.length() + 1);
    }

    /** The program's process id. */
    public long pid() {
        return pid;
    }

    /** Its two threads' kernel ids: the one that reads requests, and the observer thread, which makes the probes' calls. */
    public List<Integer> threads() {
        return List.of(mainTid, observerTid);
    }

    /** The kernel id of the thread that sleeps in recv, send and epoll_wait during a probe. */
    public int observerTid() {
        return observerTid;
    }

    /** Whether a probe was handed over and has not yet said it is about to make its first call. */
    public boolean probeStarting() {
        return probeStarting;
    }

    /** A listening socket's handle and the address it is bound to. */
    public record Listening(long handle, InetSocketAddress address) {
    }

    /** A connected socket's handle and its two ends. */
    public record Connected(long handle, InetSocketAddress local, InetSocketAddress remote) {
    }

    /**
     * A probe and its follow-up as the program ran them.
     *
     * @param t0 the program's clock right before the probe's first call, where it was asked to take
     *           t0; else {@code Long.MIN_VALUE}
     * @param detectedBy "READ" or "WRITE"
     */
    public record ProbeAnswer(IoResult decisive, String detectedBy, long bytesRead, int writesAccepted,
                              long bytesWritten, IoResult nextRead, IoResult nextWrite, long t0) {
    }

    public Listening listen(InetSocketAddress bindTo) throws IOException {
        String[] f = okFields(request("listen " + ipv4(bindTo) + " " + bindTo.getPort(), plainDeadline()), 5);
        return new Listening(Long.parseLong(f[2]), new InetSocketAddress(InetAddress.getByName(f[3]), Integer.parseInt(f[4])));
    }

    /** @throws SocketTimeoutException when nothing connected by {@code deadline} */
    public Connected accept(long listener, long deadline) throws IOException {
        return connected(request("accept " + listener + " " + deadline, deadline + ANSWER_GRACE_NANOS), "accept");
    }

    /** @throws SocketTimeoutException when the connection was not established by {@code deadline} */
    public Connected connect(InetSocketAddress to, long deadline) throws IOException {
        return connected(request("connect " + ipv4(to) + " " + to.getPort() + " " + deadline,
                deadline + ANSWER_GRACE_NANOS), "connect");
    }

    /** Connection.read on {@code connection}: its answer, the bytes put into {@code dst}. */
    public IoResult read(long connection, ByteBuffer dst, long deadline) throws IOException {
        List<String> answer = request("read " + connection + " " + dst.remaining() + " " + deadline,
                Math.max(deadline, System.nanoTime()) + ANSWER_GRACE_NANOS);
        return call(only(answer), "read", dst);
    }

    /** Connection.write on {@code connection}: all of {@code src}, or the error; {@code src} advanced by what was sent. */
    public IoResult write(long connection, ByteBuffer src, long deadline) throws IOException {
        StringBuilder hex = new StringBuilder(2 * src.remaining());
        ByteBuffer view = src.duplicate();
        while (view.hasRemaining()) {
            byte b = view.get();
            hex.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
        }
        IoResult r = call(only(request("write " + connection + " " + deadline + " " + hex,
                Math.max(deadline, System.nanoTime()) + ANSWER_GRACE_NANOS)), "write", null);
        if (!r.ended()) {
            src.position(src.position() + r.bytes());
        }
        return r;
    }

    /** FIONREAD on {@code connection}. */
    public int available(long connection) throws IOException {
        return Integer.parseInt(okFields(request("available " + connection, plainDeadline()), 3)[2]);
    }

    /** close() of the handle, on the program's request thread, whatever its observer thread is doing. */
    public void close(long handle) throws IOException {
        okFields(request("close " + handle, plainDeadline()), 2);
    }

    /**
     * Runs {@code probe} (a name of {@code observe.Probe}) and its follow-up whole in the program.
     *
     * @param armed   run when the program says its first call is next; null: it need not say
     * @param takesT0 whether the program takes t0 (right before its first call)
     */
    public ProbeAnswer probe(long connection, String probe, int writeChunk, int maxWrites, long until,
                             long followUpNanos, Runnable armed, boolean takesT0) throws IOException {
        long answerBy = Math.max(until, System.nanoTime()) + 2 * followUpNanos + ANSWER_GRACE_NANOS;
        List<String> lines = request("probe " + connection + " " + probe + " " + writeChunk + " " + maxWrites + " "
                + until + " " + followUpNanos + " " + (armed == null ? 0 : 1) + " " + (takesT0 ? 1 : 0), answerBy, armed);
        if (lines.size() != 4) {
            failed(lines.get(lines.size() - 1));
            throw new IOException("the C observer's probe answered " + lines);
        }
        String[] done = fields(lines.get(3), 7);
        if (!done[1].equals("done")) {
            throw new IOException("the C observer's probe did not end with 'done': " + lines);
        }
        long t0 = Long.parseLong(done[2]);
        return new ProbeAnswer(call(lines.get(0), "decisive", null), done[3], Long.parseLong(done[4]),
                Integer.parseInt(done[5]), Long.parseLong(done[6]), call(lines.get(1), "next_read", null),
                call(lines.get(2), "next_write", null), t0 < 0 ? Long.MIN_VALUE : t0);
    }

    /** The program's clock now: CLOCK_MONOTONIC, which System.nanoTime() reads on Linux. */
    public long clock() throws IOException {
        return Long.parseLong(okFields(request("clock", plainDeadline()), 3)[2]);
    }

    /**
     * How a forked child of the program, with SIGPIPE's default disposition and the signal unblocked,
     * ended after a send that got EPIPE: "killed by signal 13 (SIGPIPE)" where the default
     * disposition ends the process, as it does on Linux.
     */
    public String sigpipeCheck() throws IOException {
        return okFields(request("sigpipe_check", System.nanoTime() + SIGPIPE_CHECK_NANOS), 3)[2];
    }

    // ---------------------------------------------------------------- requests and answers

    private static long plainDeadline() {
        return System.nanoTime() + PLAIN_ANSWER_NANOS;
    }

    private List<String> request(String request, long answerBy) throws IOException {
        return request(request, answerBy, null);
    }

    private List<String> request(String request, long answerBy, Runnable armed) throws IOException {
        boolean probe = request.startsWith("probe ");
        long n = numbers.incrementAndGet();
        Answer answer = new Answer(probe, armed);
        waiting.put(n, answer);
        if (endedBecause != null) {
            waiting.remove(n);
            throw new IOException(endedBecause);
        }
        if (probe) {
            probeStarting = true;
        }
        try {
            synchronized (requests) {
                requests.write(n + " " + request + "\n");
                requests.flush();
            }
            return answer.lines.get(Math.max(0, answerBy - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new IOException("the C observer did not answer '" + verb(request) + "' in time" + stderrSaid());
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the C observer's '" + verb(request) + "'");
        } catch (IOException e) {
            throw new IOException("could not write to the C observer: " + e.getMessage()
                    + (endedBecause == null ? "" : " (" + endedBecause + ")"), e);
        } finally {
            waiting.remove(n);
            if (probe) {
                probeStarting = false;
            }
        }
    }

    private static String verb(String request) {
        int space = request.indexOf(' ');
        return space < 0 ? request : request.substring(0, space);
    }

    /** What one request is waiting for: one line, or a probe's lines up to "done". */
    private final class Answer {
        final boolean probe;
        final Runnable armed;
        final List<String> collected = new ArrayList<>();
        final CompletableFuture<List<String>> lines = new CompletableFuture<>();

        Answer(boolean probe, Runnable armed) {
            this.probe = probe;
            this.armed = armed;
        }

        /** @return whether this line was the last */
        boolean accept(String line, String word) {
            if (probe && word.equals("armed")) {
                probeStarting = false;
                if (armed != null) {
                    armed.run();
                }
                return false;
            }
            collected.add(line);
            if (probe && word.equals("call")) {
                return false;
            }
            lines.complete(List.copyOf(collected));
            return true;
        }
    }

    private void readAnswers() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.US_ASCII))) {
            String line = in.readLine();
            if (line != null) {
                readyLine.complete(line);
            }
            while ((line = in.readLine()) != null) {
                String[] f = line.split(" ", 3);
                if (f.length < 2) {
                    continue;
                }
                long n;
                try {
                    n = Long.parseLong(f[0]);
                } catch (NumberFormatException e) {
                    continue;
                }
                Answer a = waiting.get(n);
                // an answer nobody waits for any more: its request gave up
                if (a != null && a.accept(line, f[1])) {
                    waiting.remove(n);
                }
            }
        } catch (IOException e) {
            // the pipe closed under us: the program is gone
        }
        ended();
    }

    /** The program's output ended: every request still waiting fails, saying why. */
    private void ended() {
        String why = "the C observer ended";
        try {
            if (process.waitFor(1, TimeUnit.SECONDS)) {
                why += " with exit status " + process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            errors.join(TimeUnit.SECONDS.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        endedBecause = why + stderrSaid();
        IOException gone = new IOException(endedBecause);
        readyLine.completeExceptionally(gone);
        waiting.values().forEach(a -> a.lines.completeExceptionally(gone));
    }

    private void keepStderrTail() {
        try (InputStream err = process.getErrorStream()) {
            byte[] buffer = new byte[1024];
            int n;
            while ((n = err.read(buffer)) > 0) {
                synchronized (stderrTail) {
                    stderrTail.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    if (stderrTail.length() > STDERR_TAIL_CHARS) {
                        stderrTail.delete(0, stderrTail.length() - STDERR_TAIL_CHARS);
                    }
                }
            }
        } catch (IOException e) {
            // the program is gone
        }
    }

    private String stderrSaid() {
        synchronized (stderrTail) {
            String s = stderrTail.toString().strip();
            return s.isEmpty() ? "" : "; it said: " + s;
        }
    }

    private static String only(List<String> lines) throws IOException {
        if (lines.size() != 1) {
            throw new IOException("expected one answer line, got " + lines);
        }
        return lines.get(0);
    }

    private static String[] fields(String line, int count) throws IOException {
        String[] f = line.split(" ", count);
        if (f.length < count) {
            throw new IOException("a short answer from the C observer: " + line);
        }
        return f;
    }

    /** The fields of an "ok" answer; an "err" answer is thrown as the error it names. */
    private static String[] okFields(List<String> lines, int count) throws IOException {
        String line = only(lines);
        failed(line);
        String[] f = fields(line, count);
        if (!f[1].equals("ok")) {
            throw new IOException("unexpected answer from the C observer: " + line);
        }
        return f;
    }

    /** Throws the error an "err" answer names: "ECONNREFUSED 111: Connection refused". */
    private static void failed(String line) throws IOException {
        String[] f = line.split(" ", 5);
        if (f.length >= 2 && f[1].equals("err")) {
            throw new IOException(f.length == 5 ? f[3] + " " + f[2] + ": " + f[4] : line);
        }
    }

    private static Connected connected(List<String> lines, String what) throws IOException {
        String line = only(lines);
        if (line.split(" ", 3)[1].equals("timeout")) {
            throw new SocketTimeoutException(what + " timed out");
        }
        String[] f = okFields(lines, 7);
        return new Connected(Long.parseLong(f[2]),
                new InetSocketAddress(InetAddress.getByName(f[3]), Integer.parseInt(f[4])),
                new InetSocketAddress(InetAddress.getByName(f[5]), Integer.parseInt(f[6])));
    }

    /**
     * "n call role OUTCOME syscall rc bytes errno NAME at sigpipe hex text": the errno's name becomes
     * the result's exception class, its number and text the message, as the note writes them.
     */
    static IoResult call(String line, String role, ByteBuffer dst) throws IOException {
        failed(line);
        String[] f = fields(line, 13);
        if (!f[1].equals("call") || !f[2].equals(role)) {
            throw new IOException("expected the C observer's '" + role + "' call, got: " + line);
        }
        Outcome outcome = Outcome.valueOf(f[3]);
        long bytes = Long.parseLong(f[6]);
        int errno = Integer.parseInt(f[7]);
        long returnedAt = Long.parseLong(f[9]);
        SigPipe sigpipe = SigPipe.ofWord(f[10]);
        if (dst != null && !f[11].equals("-")) {
            String hex = f[11];
            for (int i = 0; i + 1 < hex.length(); i += 2) {
                dst.put((byte) Integer.parseInt(hex, i, i + 2, 16));
            }
        }
        return new IoResult(outcome, outcome == Outcome.NONE ? (int) bytes : 0, errno == 0 ? "" : f[8],
                errno == 0 ? "" : errno + ": " + f[12], "", returnedAt, sigpipe);
    }

    private static String ipv4(InetSocketAddress a) throws IOException {
        if (a.getAddress() == null || a.getAddress().getAddress().length != 4) {
            throw new IOException("the C observer speaks IPv4 only, not " + a);
        }
        return a.getAddress().getHostAddress();
    }

    /** Closes its stdin, which ends it; waits for it, and kills it if it does not end within a second. */
    @Override
    public void close() {
        try {
            synchronized (requests) {
                requests.close();
            }
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(1, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
            reader.join(TimeUnit.SECONDS.toMillis(5));
            errors.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
