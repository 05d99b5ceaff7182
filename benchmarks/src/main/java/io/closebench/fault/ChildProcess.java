package io.closebench.fault;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child process the harness started and talks to in {@link ChildMessage}s: its stdout read on a
 * thread of its own (so it never blocks on a full pipe), every message queued in order, every other
 * line kept as a diagnostic with its stderr; commands written to its stdin. Every wait is bounded.
 *
 * <p>It cannot outlive the harness: it is in {@link LiveChildren} (killed when the harness's JVM
 * exits), and a child halts when its stdin closes ({@link ChildLifetime}), which {@link #close()}
 * does first and the kernel does if the harness dies; close then kills it outright if it has not
 * gone, and waits for it.
 */
public final class ChildProcess implements AutoCloseable {

    private static final ChildMessage END_OF_OUTPUT = ChildMessage.of(ChildMessage.Word.END, "end of stdout");
    private static final int DIAGNOSTIC_LINES = 12;

    private final String name;
    private final Process process;
    private final BlockingQueue<ChildMessage> messages = new LinkedBlockingQueue<>();
    private final ArrayDeque<String> diagnostics = new ArrayDeque<>();
    private final Thread stdout;

    private ChildProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.stdout = pump(process.getInputStream(), this::take, () -> messages.add(END_OF_OUTPUT));
        // with stderr merged into stdout this stream is empty and the pump ends at once
        pump(process.getErrorStream(), this::keep, () -> { });
    }

    /**
     * Starts {@code command} as the child {@code name} ("the server host", "a bash peer"); it
     * inherits the CPU affinity of the calling thread.
     */
    public static ChildProcess start(String name, ProcessBuilder command) throws IOException {
        command.environment().put("LC_ALL", "C");
        Process p = command.start();
        LiveChildren.add(p);
        return new ChildProcess(name, p);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The next message, waiting until {@code deadline}; null at the deadline. */
    public ChildMessage poll(long deadline) throws IOException, InterruptedException {
        ChildMessage m = messages.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (m == END_OF_OUTPUT) {
            messages.add(END_OF_OUTPUT);
            throw new IOException(name + " ended (" + exitDescription() + "); it said: " + diagnostics());
        }
        return m;
    }

    /** The next message, or an exception naming what went wrong by {@code deadline}; FAILED is an exception. */
    public ChildMessage next(long deadline, String waitingFor) throws IOException, InterruptedException {
        ChildMessage m = poll(deadline);
        if (m == null) {
            throw new IOException(name + " did not report " + waitingFor + " in time; it said: " + diagnostics());
        }
        if (m.is(ChildMessage.Word.FAILED)) {
            throw new IOException(name + " failed: " + m.field(0) + "; it said: " + diagnostics());
        }
        return m;
    }

    /** Every message still queued, once the child's output has ended (bounded by {@code deadline}). */
    public java.util.List<ChildMessage> drain(long deadline) throws InterruptedException {
        stdout.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        java.util.List<ChildMessage> rest = new java.util.ArrayList<>();
        messages.drainTo(rest);
        rest.removeIf(m -> m == END_OF_OUTPUT);
        return rest;
    }

    public void send(ChildMessage command) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((command.format() + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** SIGKILL, then waits (bounded) until it is gone: its sockets are then closed by its kernel. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
    }

    /** Waits for the child to exit until {@code deadline}; kills it if it has not. Returns whether it exited by itself. */
    public boolean awaitExit(long deadline) throws InterruptedException {
        boolean exited = process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (!exited) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        return exited;
    }

    /** The exit status; the child must have ended. */
    public int exitValue() {
        return process.exitValue();
    }

    /** Its last lines that were not messages, and its stderr: for failure reports. */
    public String diagnostics() {
        synchronized (diagnostics) {
            return diagnostics.isEmpty() ? "(nothing)" : String.join(" | ", diagnostics);
        }
    }

    private void take(String line) {
        try {
            messages.add(ChildMessage.parse(line));
        } catch (IllegalArgumentException e) {
            keep(line);
        }
    }

    private void keep(String line) {
        synchronized (diagnostics) {
            if (diagnostics.size() == DIAGNOSTIC_LINES) {
                diagnostics.removeFirst();
            }
            diagnostics.addLast(line);
        }
    }

    private String exitDescription() {
        try {
            process.waitFor(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return process.isAlive() ? "still running" : "exit status " + process.exitValue();
    }

    /** Closes stdin (the child halts), then kills it if it is still there; bounded. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // already closed: the child is gone or going
        }
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
            stdout.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            LiveChildren.remove(process);
            try {
                process.getInputStream().close();
            } catch (IOException ignored) {
                // teardown
            }
        }
    }

    private static Thread pump(InputStream stream, java.util.function.Consumer<String> sink, Runnable atEnd) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    sink.accept(line);
                }
            } catch (IOException ignored) {
                // the child is gone; what it wrote so far stands
            } finally {
                atEnd.run();
            }
        }, "child-pipe");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
