package io.closebench.matrix;

import io.closebench.analysis.format.ThreeFigureDuration;
import io.closebench.rig.CaseRunner;
import io.closebench.rig.Observation;
import io.closebench.rig.PeerHome;
import io.closebench.rig.RunControl;
import io.closebench.s1.CableCsv;
import io.closebench.s1.CablePlan;
import io.closebench.s1.CableRow;
import io.closebench.s1.CableSample;
import io.closebench.s1.CableSettings;
import io.closebench.s1.CableTrial;
import io.closebench.s1.TrialListener;
import io.closebench.s1.TrialSpec;
import io.closebench.scenario.CaseId;
import io.closebench.scenario.Scenario;
import io.closebench.schema.Observer;
import io.closebench.transport.KernelTcpState;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * Runs a matrix plan through the rig: every loopback scenario with every observer, N times each,
 * streaming every observation to the observations CSV and adding it to its row; then S1's trials,
 * every sample streamed to the cable CSV.
 *
 * <p>The loopback observers take turns repetition by repetition, so that all meet the same machine
 * conditions: on a shared 2-core machine, load drifts, and a comparison is only fair side by side.
 * S1's trials run a few at a time on separate host pairs, the longest first: they wait far more than
 * they compute (most of a trial is a bound or a timeout running out); a timer may then fire a few
 * milliseconds late while another trial starts its client, small against the seconds measured, and
 * each trial's groups still meet one and the same pull. A stop request ends the run between two
 * repetitions, or lets the trials under way finish (each bounded) and starts no other; the rows then
 * hold what completed, marked partial.
 */
public final class ConformanceMatrix {

    /** S1's trials run side by side: they mostly wait. */
    public static final int PARALLEL_TRIALS = 3;

    private ConformanceMatrix() {
    }

    /** Runs {@code plan}; S1's samples go to {@code folder}'s cable CSV. */
    public static MatrixResult run(MatrixPlan plan, ObservationLog log, Path folder, RunControl control, PrintStream progress)
            throws IOException, InterruptedException {
        List<MatrixRow> rows = loopback(plan, log, control, progress);
        List<CableSample> s1 = List.of();
        PulledCablePart part = plan.pulledCable();
        if (part.runs() && !control.stopRequested() && plan.home().lost().isEmpty()) {
            CablePlan trials = part.plan().get();
            progress.println();
            progress.printf("S1, the pulled cable and the dead host: %d trials on %s, %d connections per group, %d trials "
                    + "at a time%n", trials.trials().size(), plan.home() instanceof io.closebench.rig.ThisHost
                    ? "network namespaces" : "the peer's host (" + plan.home().describe() + ")", trials.connections(),
                    PARALLEL_TRIALS);
            control.nowDoing("S1 pulled cable");
            try (CableCsv csv = CableCsv.create(folder.resolve(trials.fileName()),
                    trials.settings().placement().placement().name(), plan.home().place())) {
                s1 = pulledCable(plan.home(), trials.trials(), trials.settings(), PARALLEL_TRIALS, control, csv::append,
                        progress);
            }
        }
        return new MatrixResult(rows, s1, part.selectedButNotRun() ? List.of(CaseId.S1) : List.of(), part.notRunBecause(),
                control.stoppedBy(), plan.home().place());
    }

    private static List<MatrixRow> loopback(MatrixPlan plan, ObservationLog log, RunControl control, PrintStream progress)
            throws IOException {
        Map<Observer, CaseRunner> runners = new EnumMap<>(Observer.class);
        try {
            for (Observer o : plan.observers()) {
                // the matrix records the kernel's TCP state of every observer's socket, outside t1 - t0
                runners.put(o, new CaseRunner(o, plan.plan(), plan.settings().withTcpStates(KernelTcpState.visible()),
                        plan.home()));
            }
            List<MatrixRow> rows = new ArrayList<>();
            int index = 0;
            for (Scenario s : plan.scenarios()) {
                if (control.stopRequested() || plan.home().lost().isPresent()) {
                    break;
                }
                index++;
                java.util.Optional<String> cannot = plan.home().cannotPlay(s);
                if (cannot.isPresent()) {
                    // the peer's host cannot play it (no bash there): every model's row says so, none fails
                    for (Observer o : plan.observers()) {
                        rows.add(MatrixRow.skipped(s, o, plan.plan().placement(), cannot.get()));
                    }
                    plan.skipped().forEach((o, why) -> rows.add(MatrixRow.skipped(s, o, plan.plan().placement(), why)));
                    progress.printf("[%2d/%d] %-18s skipped: %s%n", index, plan.scenarios().size(), s.id(), cannot.get());
                    continue;
                }
                long start = System.nanoTime();
                Map<Observer, MatrixRow> byObserver = new LinkedHashMap<>();
                for (Observer o : plan.observers()) {
                    byObserver.put(o, new MatrixRow(s, o, plan.plan().placement(), plan.repetitionsOf(s), plan.home().place()));
                }
                control.nowDoing("matrix " + s.id());
                for (int rep = 0; rep < plan.repetitionsOf(s) && !control.stopRequested() && plan.home().lost().isEmpty();
                     rep++) {
                    for (Observer o : plan.observers()) {
                        Observation observation = runners.get(o).run(s);
                        byObserver.get(o).add(observation);
                        log.append(observation, rep);
                        control.repetitionDone();
                    }
                }
                rows.addAll(byObserver.values());
                plan.skipped().forEach((o, why) -> rows.add(MatrixRow.skipped(s, o, plan.plan().placement(), why)));
                StringBuilder line = new StringBuilder(String.format("[%2d/%d] %-18s x%d ", index,
                        plan.scenarios().size(), s.id(), plan.repetitionsOf(s)));
                for (MatrixRow row : byObserver.values()) {
                    line.append(String.format(" %s: %-16s", row.observer(), row.outcomeSummary()));
                }
                progress.printf("%s %6.1f s%s%n", line, (System.nanoTime() - start) / 1e9,
                        control.stopRequested() ? "  (stopped: " + control.stoppedBy() + ")"
                                : plan.home().lost().map(why -> "  (stopped: " + why + ")").orElse(""));
            }
            return rows;
        } finally {
            runners.values().forEach(CaseRunner::close);
        }
    }

    /** What takes each trial's samples the moment it ends (the CSV: streamed, kept if the run stops). */
    public interface SampleSink {
        void take(List<CableSample> samples) throws IOException;
    }

    /**
     * Runs S1's {@code trials} on {@code home}'s hosts with {@code settings}, {@code parallelTrials}
     * at a time, the longest first; samples in trial order.
     */
    public static List<CableSample> pulledCable(PeerHome home, List<TrialSpec> trials, CableSettings settings,
                                                int parallelTrials, RunControl control, SampleSink sink,
                                                PrintStream progress) throws InterruptedException {
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
                    // for ordering only: the bound, or the predicted time where one is finite and shorter
                    .sorted(Comparator.comparingLong((Integer i) -> -trials.get(i).boundNanos(settings, 15)))
                    .mapToInt(Integer::intValue).toArray();
            for (int i : order) {
                TrialSpec spec = trials.get(i);
                int number = i + 1;
                futures.set(i, pool.submit(() -> {
                    if (control.stopRequested()) {
                        return List.of();
                    }
                    long start = System.nanoTime();
                    List<CableSample> samples = CableTrial.run(number, spec, settings, TrialListener.NONE, home);
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

    private static String summary(List<CableSample> samples) {
        return String.join("; ", CableRow.of(samples).stream()
                .map(r -> r.mechanism().label() + "/" + r.observer() + " " + r.outcomeSummary() + " "
                        + ThreeFigureDuration.of(r.medianDetectionNanos()))
                .toList());
    }
}
