package io.closebench.s1;

import io.closebench.cable.KernelSocketView;
import io.closebench.cable.PulledCableHosts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where each connection's zero-window probing began for good, after its peer stopped reading:
 * the {@code TCP_USER_TIMEOUT} rule counts from there, and only the server kernel's persist
 * timers tell it.
 */
final class WindowProbeWatch {

    /** How long the persist timers are polled for after a peer stopped reading, and how often. */
    private static final long WINDOW_WATCH_NANOS = TimeUnit.SECONDS.toNanos(6);
    private static final long WINDOW_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private WindowProbeWatch() {
    }

    /**
     * Polls the server kernel's persist timers, for the groups with {@code TCP_USER_TIMEOUT} (whose
     * rule counts from there; {@code ss} filtered to their listeners, so that a poll stays short),
     * until each connection's probes have backed off twice, the watch's time is up, or the bound
     * has passed; what the server reports meanwhile waits in its queue. For each connection, the
     * latest expiry seen of its persist timer with no backoff yet: where the probing began for good
     * (a probe that found the window open a crack starts the kernel's count again). Keys:
     * {@link #portsKey}; {@code accepted}: each connection's group and client port.
     */
    static Map<Long, Long> starts(TrialSpec spec, PulledCableHosts hosts, List<int[]> accepted,
                                  Map<Integer, Integer> listeners, long t0, long bound) throws InterruptedException {
        Map<Long, Long> starts = new HashMap<>();
        List<int[]> watched = new ArrayList<>();
        for (int[] a : accepted) {
            if (spec.groups().get(a[0]).mechanism().socketSettings().userTimeoutMillis().isPresent()) {
                watched.add(new int[] {listeners.get(a[0]), a[1]});
            }
        }
        List<Integer> listening = watched.stream().map(w -> w[0]).distinct().toList();
        long until = t0 + Math.min(WINDOW_WATCH_NANOS, bound);
        List<int[]> open = new ArrayList<>(watched);
        while (!open.isEmpty() && System.nanoTime() - until < 0) {
            KernelSocketView view = hosts.serverView(listening);
            open.removeIf(w -> {
                view.unbackedWindowProbeAt(w[0], w[1]).ifPresent(at -> starts.put(portsKey(w[0], w[1]), at));
                return starts.containsKey(portsKey(w[0], w[1])) && view.windowProbesBackedOff(w[0], w[1], 2);
            });
            TimeUnit.NANOSECONDS.sleep(WINDOW_POLL_NANOS);
        }
        return starts;
    }

    /** One connection of the server's by its two ports, its listener's and the client's. */
    static long portsKey(int listenerPort, int clientPort) {
        return ((long) listenerPort << 16) | clientPort;
    }
}
