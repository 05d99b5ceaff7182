package io.closebench.s1;

import io.closebench.analysis.format.ThreeFigureDuration;
import io.closebench.netns.LeftoverSweep;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * Runs a {@link CablePlan}: leftovers of earlier runs swept first, then the trials, a few at a
 * time on separate host pairs (they wait far more than they compute: most of a trial is a bound
 * or a timeout running out), the longest first. Samples come back in plan order.
 *
 * <p>Running trials side by side shares the 2 cores: a timer may fire a few milliseconds late while
 * another trial starts its JVMs. That is small against the seconds measured here, and each trial's
 * groups still meet one and the same pull.
 */
public final class CableMatrix {

    private CableMatrix() {
    }

    /** What takes each trial's samples the moment it ends (the CSV: streamed, kept if the run stops). */
    public interface SampleSink {
        void take(List<CableSample> samples) throws java.io.IOException;
    }

    /**
     * Runs {@code trials} with {@code settings}, {@code parallelTrials} at a time; samples in trial
     * order. A stop request lets the trials under way finish (each bounded) and starts no other.
     */
    public static List<CableSample> run(List<TrialSpec> trials, CableSettings settings, int parallelTrials,
                                        io.closebench.rig.RunControl control, SampleSink sink, PrintStream progress)
            throws InterruptedException {
        LeftoverSweep.sweep();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallelTrials), r -> {
            Thread t = new Thread(r, "cable-trial");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<CableSample>>> futures = new ArrayList<>();
            for (int i = 0; i < trials.size(); i++) {
                futures.add(null);
            }
            int[] order = IntStream.range(0, trials.size()).boxed()
                    .sorted(Comparator.comparingLong((Integer i) -> -expectedNanos(trials.get(i), settings)))
                    .mapToInt(Integer::intValue).toArray();
            for (int i : order) {
                TrialSpec spec = trials.get(i);
                int number = i + 1;
                futures.set(i, pool.submit(() -> {
                    if (control.stopRequested()) {
                        return List.of();
                    }
                    long start = System.nanoTime();
                    List<CableSample> samples = CableTrial.run(number, spec, settings, TrialListener.NONE);
                    sink.take(samples);
                    control.repetitionsDone(samples.size());
                    synchronized (progress) {
                        progress.printf("[%2d/%d] %-60s %6.1f s  %s%n", number, trials.size(), spec.describe(),
                                (System.nanoTime() - start) / 1e9, summary(samples));
                    }
                    return samples;
                }));
            }
            List<CableSample> all = new ArrayList<>();
            for (Future<List<CableSample>> f : futures) {
                all.addAll(f.get());
            }
            return all;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a cable trial failed outside its own handling", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** For ordering only: the bound, or the predicted time where one is finite and shorter. */
    private static long expectedNanos(TrialSpec spec, CableSettings settings) {
        return spec.boundNanos(settings, 15);
    }

    private static String summary(List<CableSample> samples) {
        return String.join("; ", CableRow.of(samples).stream()
                .map(r -> r.mechanism().label() + "/" + r.observer() + " " + r.outcomeSummary() + " "
                        + ThreeFigureDuration.of(r.medianDetectionNanos()))
                .toList());
    }
}
