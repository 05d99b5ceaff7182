package io.closebench.netns;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.closebench.transport.SocketHome;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A thread of this process that lives in one of the project's network namespaces, where an
 * observer watching from that namespace's host makes its sockets ({@link SocketHome}).
 *
 * <p>Why a thread and not a process: {@code setns(2)} with {@code CLONE_NEWNET} moves only the
 * calling thread, and a socket belongs to the namespace of the thread that created it, whichever
 * thread then uses it (and a socket an accept returns, to its listener's). So the observer's
 * threads, the models' loops and every measurement stay in the harness's JVM, on one clock, and
 * only the creation of a socket runs here. This thread does nothing else: threads it would start
 * would inherit its namespace.
 */
public final class NamespaceThread implements SocketHome, AutoCloseable {

    private static final int CLONE_NEWNET = 0x40000000;
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;
    /** How long entering the namespace, or making one socket there, may take. */
    private static final Duration BOUND = Duration.ofSeconds(10);

    private interface LibC extends Library {
        LibC LIBC = Native.load("c", LibC.class);

        int open(String path, int flags);

        int setns(int fd, int nstype);

        int close(int fd);
    }

    private final String namespace;
    private final ExecutorService thread;

    private NamespaceThread(String namespace) {
        this.namespace = namespace;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "netns-" + namespace);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * A thread in {@code namespace}, one of this project's ({@code cb-...}, under {@code /run/netns}).
     *
     * @throws IOException when the namespace cannot be entered (no such namespace, no CAP_SYS_ADMIN)
     */
    public static NamespaceThread enter(String namespace) throws IOException {
        IpNetns.requireProjectName(namespace);
        NamespaceThread t = new NamespaceThread(namespace);
        try {
            t.make(() -> {
                int fd = LibC.LIBC.open("/run/netns/" + namespace, O_RDONLY | O_CLOEXEC);
                if (fd < 0) {
                    throw new IOException("cannot open /run/netns/" + namespace + ": errno " + Native.getLastError());
                }
                try {
                    if (LibC.LIBC.setns(fd, CLONE_NEWNET) != 0) {
                        throw new IOException("setns into " + namespace + " failed: errno " + Native.getLastError());
                    }
                } finally {
                    LibC.LIBC.close(fd);
                }
                return null;
            });
            return t;
        } catch (IOException | RuntimeException | LinkageError e) {
            t.close();
            throw e instanceof IOException io ? io : new IOException("cannot enter " + namespace + ": " + e, e);
        }
    }

    public String namespace() {
        return namespace;
    }

    @Override
    public <T> T make(Creation<T> creation) throws IOException {
        Future<T> made = thread.submit(creation::create);
        try {
            return made.get(BOUND.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("making a socket in " + namespace + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            made.cancel(true);
            throw new IOException("making a socket in " + namespace + " took over " + BOUND.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making a socket in " + namespace, e);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }

    @Override
    public String toString() {
        return "network namespace " + namespace;
    }
}
