package io.closebench.bench;

import io.closebench.placement.CpuPlan;
import io.closebench.placement.CpuSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Threads that keep a CPU busy, to measure detection under CPU contention: on a 2-core machine one
 * burner takes half of it. Placed where the plan puts burners (on the observer's CPU: contention is
 * meant for the measured path), or unpinned. Each spins on arithmetic the JIT cannot remove (its
 * result is published when it stops). Bounded: they stop when the trial ends.
 */
final class CpuBurners implements AutoCloseable {

    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;
    private volatile long sink;

    CpuBurners(int count, Optional<CpuSet> cpus) {
        for (int i = 0; i < count; i++) {
            Thread t = new Thread(() -> {
                CpuPlan.pinCurrent(cpus);
                burn();
            }, "closebench-cpu-burner-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
    }

    private void burn() {
        long x = System.nanoTime();
        while (running) {
            for (int i = 0; i < 10_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
        }
        sink = x;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(5));
        }
    }
}
