package io.closebench.wire;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A helper program talked to line by line, every wait bounded, killed on close. */
final class LineProgram implements AutoCloseable {

    private static final String END = "\u0000end";

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuffer stderr = new StringBuffer();

    private LineProgram(Process process) {
        this.process = process;
        pump(process.getInputStream(), lines::add, () -> lines.add(END));
        pump(process.getErrorStream(), l -> stderr.append(l).append('\n'), () -> { });
    }

    static LineProgram start(List<String> argv) throws IOException {
        return new LineProgram(new ProcessBuilder(argv).start());
    }

    /** The next line starting with {@code word}, skipping others; fails after {@code limit}. */
    String await(String word, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null || line.equals(END)) {
                throw new AssertionError("no " + word + (line == null ? " within " + limit : " before the end")
                        + "; stderr: " + stderr);
            }
            if (line.startsWith(word)) {
                return line;
            }
        }
    }

    /**
     * Every line until the program's output ends, after which it must exit with status 0; both
     * within {@code limit}.
     */
    List<String> allLines(Duration limit) throws IOException, InterruptedException {
        process.getOutputStream().close();
        long deadline = System.nanoTime() + limit.toNanos();
        List<String> all = new java.util.ArrayList<>();
        String line;
        while ((line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) != null
                && !line.equals(END)) {
            all.add(line);
        }
        if (line == null || !process.waitFor(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            throw new AssertionError("did not end within " + limit + "; stdout " + all + "; stderr " + stderr);
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("exited " + process.exitValue() + "; stdout " + all + "; stderr " + stderr);
        }
        return all;
    }

    void send(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
    }

    private static void pump(java.io.InputStream stream, java.util.function.Consumer<String> sink, Runnable atEnd) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                sink.accept("<closed: " + e + ">");
            } finally {
                atEnd.run();
            }
        }, "line-program");
        t.setDaemon(true);
        t.start();
    }
}
