package io.closebench.netns;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs an external command that is guaranteed to be finished, one way or the other, when the
 * call returns: either it exited within its time limit, or it (and every process it forked) was
 * killed with SIGKILL and the call throws.
 *
 * <p>Why: everything in this package drives the kernel through short-lived {@code ip} and
 * {@code sysctl} invocations. A netlink request can block (e.g. behind the RTNL lock while
 * another namespace is being torn down), and a benchmark harness must never hang forever on
 * one. stdin is closed immediately, stdout and stderr are drained concurrently so a chatty
 * command cannot deadlock on a full pipe, and stderr is kept for the exception message.
 */
public final class BoundedCommand {

    /** Time limit used by this package for single {@code ip}/{@code sysctl} invocations. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** How long to wait for the output pipes to drain after the process has ended. */
    private static final Duration DRAIN_GRACE = Duration.ofSeconds(2);

    private BoundedCommand() {
    }

    /** {@link #run(Duration, List)} with {@link #DEFAULT_TIMEOUT}. */
    public static CommandResult run(String... command) {
        return run(DEFAULT_TIMEOUT, List.of(command));
    }

    /** {@link #runChecked(Duration, List)} with {@link #DEFAULT_TIMEOUT}. */
    public static CommandResult runChecked(String... command) {
        return runChecked(DEFAULT_TIMEOUT, List.of(command));
    }

    /**
     * Runs the command and insists on exit status 0.
     *
     * @throws CommandFailedException if it could not start, overran {@code timeout}, or exited
     *                                non-zero; the message carries its stderr
     */
    public static CommandResult runChecked(Duration timeout, List<String> command) {
        CommandResult result = run(timeout, command);
        if (!result.succeeded()) {
            throw new CommandFailedException(command, "exit status " + result.exitCode(),
                    result.stderr(), null, false);
        }
        return result;
    }

    /**
     * Runs the command and returns whatever exit status it had.
     *
     * @throws CommandFailedException if it could not start or overran {@code timeout} (in which
     *                                case it and its descendants have been killed)
     */
    public static CommandResult run(Duration timeout, List<String> command) {
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new CommandFailedException(command, "could not start: " + e.getMessage(), "", e,
                    true);
        }
        closeQuietly(process);
        Drain stdout = Drain.start(process.getInputStream(), command.get(0) + "-stdout");
        Drain stderr = Drain.start(process.getErrorStream(), command.get(0) + "-stderr");
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree(process);
                throw new CommandFailedException(command, "timed out after " + timeout
                        + " and was killed", stderr.await(DRAIN_GRACE), null, false);
            }
            return new CommandResult(command, process.exitValue(), stdout.await(DRAIN_GRACE),
                    stderr.await(DRAIN_GRACE));
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new CommandFailedException(command, "interrupted while waiting, killed", "", e,
                    false);
        }
    }

    private static void closeQuietly(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing stdin of " + process.pid(), e);
        }
    }

    /**
     * SIGKILL to the descendants (collected first, while they are still reachable as
     * descendants of this process) and to the process, then a bounded wait until all are gone.
     */
    private static void killTree(Process process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + DRAIN_GRACE.toNanos();
        try {
            for (ProcessHandle member : tree) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                member.onExit().get(left, TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Bounded best effort: SIGKILL has been sent; a process stuck in the kernel (state D)
            // ends when its syscall returns, and the caller is told the command timed out.
        }
    }

    /** Copies one pipe into memory on a daemon thread, so neither pipe can fill and block. */
    private static final class Drain implements Runnable {
        private final InputStream in;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final Thread thread;

        private Drain(InputStream in, String name) {
            this.in = in;
            this.thread = new Thread(this, "bounded-command-" + name);
            this.thread.setDaemon(true);
        }

        static Drain start(InputStream in, String name) {
            Drain drain = new Drain(in, name);
            drain.thread.start();
            return drain;
        }

        @Override
        public void run() {
            byte[] chunk = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(chunk)) >= 0) {
                    synchronized (buffer) {
                        buffer.write(chunk, 0, n);
                    }
                }
            } catch (IOException e) {
                // The pipe was closed under us (process killed); what was read so far is kept.
            }
        }

        /**
         * What the pipe delivered, waiting at most {@code grace} for its end: a grandchild that
         * inherited the pipe could otherwise keep it open indefinitely.
         */
        String await(Duration grace) throws InterruptedException {
            thread.join(grace.toMillis());
            synchronized (buffer) {
                return buffer.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
