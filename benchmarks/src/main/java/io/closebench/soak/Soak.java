package io.closebench.soak;

import io.closebench.matrix.MatrixResult;
import io.closebench.matrix.MatrixRow;
import io.closebench.rig.CaseRunner;
import io.closebench.rig.Observation;
import io.closebench.rig.RunControl;
import io.closebench.scenario.Scenario;
import io.closebench.schema.Observer;
import io.closebench.schema.Outcome;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs cases round-robin for a long time and watches what the run holds: every few seconds,
 * between two repetitions, it samples the process's descriptors, threads and memory and the
 * machine's children, TIME_WAIT sockets and namespaces ({@link ResourceSample}); after warm-up, the
 * first sample is the baseline, and any later one beyond its {@link GrowthBounds} stops the soak.
 *
 * <p>Each repetition is a real one, exactly as the matrix runs it (one {@link CaseRunner} per
 * model, reused, as in the matrix); its outcome and latency go into the scenario's and model's
 * {@link MatrixRow}, whose histogram has a fixed size: memory does not grow with repetitions. No
 * per-repetition row is written (a 30-minute soak makes millions).
 */
public final class Soak {

    private Soak() {
    }

    public static SoakResult run(SoakPlan plan, SoakLog log, RunControl control, PrintStream progress) throws IOException {
        Map<Observer, CaseRunner> runners = new EnumMap<>(Observer.class);
        Map<String, MatrixRow> rows = new LinkedHashMap<>();
        List<ResourceSample> samples = new ArrayList<>();
        RecentConnections recent = new RecentConnections();
        ResourceSample baseline = null;
        List<String> growth = List.of();
        long repetitions = 0;
        long unexpected = 0;
        long harnessFailures = 0;
        long start = System.nanoTime();
        long end = start + plan.duration().toNanos();
        long nextSample = start;
        try {
            for (Observer o : plan.observers()) {
                runners.put(o, new CaseRunner(o, plan.plan(), plan.settings()));
            }
            for (Scenario s : plan.scenarios()) {
                for (Observer o : plan.observers()) {
                    rows.put(key(s, o), new MatrixRow(s, o, plan.plan().placement(), 0));
                }
            }
            control.nowDoing("soak");
            loop:
            while (true) {
                for (Scenario s : plan.scenarios()) {
                    for (Observer o : plan.observers()) {
                        long now = System.nanoTime();
                        if (now - nextSample >= 0) {
                            boolean warm = now - start >= plan.warmup().toNanos() || repetitions >= plan.warmupRepetitions();
                            ResourceSample sample = ResourceSample.now(now - start, repetitions);
                            samples.add(sample);
                            long closed = recent.inWindow(now);
                            boolean isBaseline = warm && baseline == null;
                            if (isBaseline) {
                                baseline = sample;
                            }
                            List<String> violations = baseline == null || isBaseline ? List.of()
                                    : plan.bounds().violations(baseline, sample, closed);
                            log.append(sample, isBaseline, closed, unexpected, harnessFailures, violations);
                            progress.println(describe(sample, baseline, isBaseline, unexpected, violations));
                            nextSample = now + plan.sampleEvery().toNanos();
                            if (!violations.isEmpty()) {
                                growth = violations;
                                break loop;
                            }
                        }
                        if (now - end >= 0 || repetitions >= plan.maxRepetitions() || control.stopRequested()) {
                            break loop;
                        }
                        control.nowDoing("soak " + s.id() + " " + o);
                        Observation observation = runners.get(o).run(s);
                        rows.get(key(s, o)).add(observation);
                        recent.closed(System.nanoTime());
                        repetitions++;
                        control.repetitionDone();
                        if (observation.outcome() != s.onLinux(o)) {
                            unexpected++;
                        }
                        if (observation.outcome() == Outcome.HARNESS_FAILURE) {
                            harnessFailures++;
                        }
                    }
                }
            }
        } finally {
            runners.values().forEach(CaseRunner::close);
        }
        if (growth.isEmpty() && baseline != null) {
            // the last word: a sample after the last repetition, every runner closed
            long now = System.nanoTime();
            ResourceSample last = ResourceSample.now(now - start, repetitions);
            samples.add(last);
            long closed = recent.inWindow(now);
            growth = plan.bounds().violations(baseline, last, closed);
            log.append(last, false, closed, unexpected, harnessFailures, growth);
            progress.println(describe(last, baseline, false, unexpected, growth));
        }
        List<MatrixRow> all = new ArrayList<>(rows.values());
        for (Scenario s : plan.scenarios()) {
            plan.skipped().forEach((o, why) -> all.add(MatrixRow.skipped(s, o, plan.plan().placement(), why)));
        }
        return new SoakResult(new MatrixResult(all, List.of(), List.of(), "", control.stoppedBy()), samples,
                Optional.ofNullable(baseline), growth, unexpected);
    }

    private static String key(Scenario s, Observer o) {
        return s.id() + "/" + o;
    }

    private static String describe(ResourceSample s, ResourceSample baseline, boolean isBaseline, long unexpected,
                                   List<String> violations) {
        long seconds = s.elapsedNanos() / 1_000_000_000L;
        return String.format("  %3d:%02d  %9d reps  fds %4d  threads %3d  heap %4d MiB  RSS %4d MiB  children %d  "
                        + "TIME_WAIT %5d  netns %d  unexpected %d%s", seconds / 60, seconds % 60, s.repetitions(), s.fds(),
                s.threads(), s.heapAfterGcBytes() >> 20, s.rssBytes() >> 20, s.children(), s.timeWait(), s.namespaces(),
                unexpected, isBaseline ? "  <- baseline" : baseline == null ? "  (warming up)"
                        : violations.isEmpty() ? "" : "  GREW: " + String.join("; ", violations));
    }
}
