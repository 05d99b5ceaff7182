package io.closebench.cable;

import io.closebench.fault.ChildClassPath;

import io.closebench.netns.BoundedCommand;
import io.closebench.netns.HostPair;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One host's program: a child JVM started inside a namespace with
 * {@link HostPair#processIn(String, String...)} ({@code ip netns exec} execs {@code java}, so the
 * pid is the JVM's own), talked to line by line over stdin and stdout, every wait bounded.
 *
 * <p>It cannot outlive the harness: it halts when its stdin closes ({@link ChildLifetime}), which
 * {@link #close()} does first and the kernel does if the harness dies; {@code close()} then kills it
 * outright if it has not gone, and waits for it. Whatever is still inside a namespace when its
 * {@code HostPair} closes is killed there too.
 */
final class ChildJvm implements AutoCloseable {

    private static final String END = "\u0000end-of-stdout";
    private static final int STDERR_LINES = 12;

    private final String name;
    private final Process process;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final ArrayDeque<String> stderr = new ArrayDeque<>();

    private ChildJvm(String name, Process process) {
        this.name = name;
        this.process = process;
        pump(process.getInputStream(), stdout::add, () -> stdout.add(END));
        pump(process.getErrorStream(), this::keepStderr, () -> { });
    }

    /**
     * Starts {@code java <flags> -cp <closebench> <main> <args>} in {@code namespace}. Small heap,
     * C1 only and the serial collector: a child starts in a few hundred milliseconds and leaves the
     * second core to the other host.
     */
    static ChildJvm start(HostPair pair, String namespace, String name, Class<?> main, List<String> args) throws IOException {
        List<String> argv = new ArrayList<>(List.of(ChildClassPath.javaLauncher()));
        argv.addAll(ChildClassPath.FAST_START_FLAGS);
        argv.addAll(List.of("-Xmx96m", "-Xss256k", "-cp", ChildClassPath.get(), main.getName()));
        argv.addAll(args);
        ProcessBuilder pb = pair.processIn(namespace, argv.toArray(String[]::new));
        pb.environment().put("LC_ALL", "C");
        return new ChildJvm(name, pb.start());
    }

    long pid() {
        return process.pid();
    }

    /** The next stdout line, waiting until {@code deadline}; null at the deadline. */
    String poll(long deadline) throws IOException, InterruptedException {
        String line = stdout.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (END.equals(line)) {
            stdout.add(END);
            throw new IOException(name + " ended (" + exitDescription() + "); stderr: " + stderrTail());
        }
        return line;
    }

    /** The next stdout line, or an exception naming what went wrong by {@code deadline}. */
    String next(long deadline, String waitingFor) throws IOException, InterruptedException {
        String line = poll(deadline);
        if (line == null) {
            throw new IOException(name + " did not report " + waitingFor + " in time; stderr: " + stderrTail());
        }
        if (line.startsWith("FAILED\t")) {
            throw new IOException(name + " failed: " + line.substring(7) + "; stderr: " + stderrTail());
        }
        return line;
    }

    void send(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** SIGKILL, then waits (bounded) until it is gone: its sockets are then closed by its kernel. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
    }

    /** Sends a signal the JDK has no call for (SIGSTOP) with {@code kill -s}. */
    void signal(String signal) {
        BoundedCommand.runChecked("kill", "-s", signal, String.valueOf(process.pid()));
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String stderrTail() {
        synchronized (stderr) {
            return stderr.isEmpty() ? "(empty)" : String.join(" | ", stderr);
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

    private void keepStderr(String line) {
        synchronized (stderr) {
            if (stderr.size() == STDERR_LINES) {
                stderr.removeFirst();
            }
            stderr.addLast(line);
        }
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
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void pump(InputStream stream, java.util.function.Consumer<String> sink, Runnable atEnd) {
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
    }
}
