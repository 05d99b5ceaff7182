package io.closebench.netns;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A helper program the tests started (usually a small Java main inside a namespace), talked to
 * line by line with a bound on every wait, and killed on close whatever state it is in. Public for
 * the tests of other packages that run programs in namespaces ({@code wire}).
 */
public final class RunningProgram implements AutoCloseable {

    private static final String END = "\u0000end-of-stream";

    private final Process process;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final StringBuffer stderr = new StringBuffer();

    private RunningProgram(Process process) {
        this.process = process;
        pump(process.getInputStream(), "stdout", line -> stdout.add(line), () -> stdout.add(END));
        pump(process.getErrorStream(), "stderr", line -> stderr.append(line).append('\n'),
                () -> { });
    }

    public static RunningProgram start(ProcessBuilder builder) {
        try {
            return new RunningProgram(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("starting " + builder.command(), e);
        }
    }

    /**
     * {@code java -cp <these test classes> <main> <args>} inside {@code namespace}: the argv for
     * {@link HostPair#processIn(String, String...)}.
     */
    static String[] javaMain(Class<?> main, String... args) {
        List<String> argv = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m",
                "-cp", classpathRootOf(main), main.getName()));
        argv.addAll(List.of(args));
        return argv.toArray(String[]::new);
    }

    /** The directory (or jar) a class was loaded from. */
    public static String classpathRootOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("code source of " + type, e);
        }
    }

    public long pid() {
        return process.pid();
    }

    /** The next line on stdout, failing the test if none arrives within {@code limit}. */
    public String nextLine(Duration limit) throws InterruptedException {
        String line = stdout.poll(limit.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new AssertionError("no output from " + process.info().commandLine().orElse("?")
                    + " within " + limit + "; stderr: " + stderr);
        }
        if (line.equals(END)) {
            stdout.add(END);
            throw new AssertionError("program ended without further output; stderr: " + stderr);
        }
        return line;
    }

    /** The next line that starts with {@code word}, skipping the others; fails as {@link #nextLine} does. */
    public String nextLineStartingWith(String word, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            String line = nextLine(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (line.startsWith(word)) {
                return line;
            }
        }
    }

    /**
     * Closes the program's stdin and returns every line it prints until its output ends; fails the
     * test unless it then exits with status 0, all within {@code limit}.
     */
    public List<String> remainingLines(Duration limit) throws IOException, InterruptedException {
        process.getOutputStream().close();
        long deadline = System.nanoTime() + limit.toNanos();
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = stdout.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("output not ended within " + limit + ": " + lines + "; stderr: " + stderr);
            }
            if (line.equals(END)) {
                stdout.add(END);
                break;
            }
            lines.add(line);
        }
        if (!process.waitFor(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
                || process.exitValue() != 0) {
            throw new AssertionError("did not exit with 0 within " + limit + ": " + lines + "; stderr: " + stderr);
        }
        return lines;
    }

    /** Sends one line to the program's stdin. */
    public void send(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Waits at most {@code limit} for the program to exit on its own; true if it did. */
    public boolean awaitExit(Duration limit) throws InterruptedException {
        return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    int exitValue() {
        return process.exitValue();
    }

    public String stderr() {
        return stderr.toString();
    }

    /** Kills the program (SIGKILL) and waits, bounded, for it to be gone. */
    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
    }

    private static void pump(InputStream stream, String name,
                             Consumer<String> sink, Runnable atEnd) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream,
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                sink.accept("<" + name + " closed: " + e + ">");
            } finally {
                atEnd.run();
            }
        }, "program-" + name);
        thread.setDaemon(true);
        thread.start();
    }
}
