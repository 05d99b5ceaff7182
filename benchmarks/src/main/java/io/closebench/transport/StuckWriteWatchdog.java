package io.closebench.transport;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Gives blocking writes a deadline, which {@code java.net.Socket} lacks: {@code SO_TIMEOUT}
 * bounds reads only, and a write to a peer that stopped reading blocks forever once the send
 * buffer is full.
 *
 * <p>A writer {@linkplain #arm arms} its socket with a deadline before the write and
 * {@linkplain #disarm disarms} it after; one daemon thread closes any socket still armed past its
 * deadline, which makes the stuck write throw. Arming is a map put, not a scheduled task, because
 * it sits on the measured path of the write probes. The check runs every {@value #TICK_MILLIS} ms:
 * this is a safety net against hangs, not a precise timer.
 */
final class StuckWriteWatchdog {

    static final long TICK_MILLIS = 10;
    private static final Map<Closeable, Long> ARMED = new ConcurrentHashMap<>();
    private static final Map<Closeable, Boolean> FIRED = new ConcurrentHashMap<>();

    static {
        Thread t = new Thread(StuckWriteWatchdog::watch, "closebench-write-watchdog");
        t.setDaemon(true);
        t.start();
    }

    private StuckWriteWatchdog() {
    }

    static void arm(Closeable socket, long deadlineNanos) {
        ARMED.put(socket, deadlineNanos);
    }

    /** Disarms; returns true if the watchdog closed the socket because the deadline passed. */
    static boolean disarm(Closeable socket) {
        ARMED.remove(socket);
        return FIRED.remove(socket) != null;
    }

    private static void watch() {
        while (true) {
            try {
                TimeUnit.MILLISECONDS.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            ARMED.forEach((socket, deadline) -> {
                if (now - deadline >= 0 && ARMED.remove(socket, deadline)) {
                    FIRED.put(socket, Boolean.TRUE);
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // closing is the whole point; a failure to close leaves nothing to do
                    }
                }
            });
        }
    }
}
