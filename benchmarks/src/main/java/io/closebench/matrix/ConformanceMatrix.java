package io.closebench.matrix;

import io.closebench.analysis.format.ThreeFigureDuration;
import io.closebench.analysis.report.CableFigures;
import io.closebench.rig.CaseRunner;
import io.closebench.rig.Observation;
import io.closebench.rig.PeerHome;
import io.closebench.rig.RunControl;
import io.closebench.s1.CableCsv;
import io.closebench.s1.CablePlan;
import io.closebench.s1.CableSample;
import io.closebench.s1.CableSettings;
import io.closebench.s1.CableTrial;
import io.closebench.s1.TrialListener;
import io.closebench.s1.TimelineCsv;
import io.closebench.s1.TrialSpec;
import io.closebench.scenario.CaseId;
import io.closebench.scenario.Scenario;
import io.closebench.schema.Observer;
import io.closebench.schema.ResultFile;
import io.closebench.schema.Placement;
import io.closebench.transport.KernelTcpState;
import io.closebench.wire.WireColumns;
import io.closebench.remote.RemoteHome;
import io.closebench.rig.ThisHost;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
    /** How long a scenario's observations wait, at most, for their capture to be read (each read restarts tcpdump). */
    private static final long WIRE_BATCH_NANOS = TimeUnit.SECONDS.toNanos(10);

    private ConformanceMatrix() {
    }

    /** Runs {@code plan}; S1's samples go to {@code folder}'s cable CSV. */
    public static MatrixResult run(MatrixPlan plan, ObservationLog log, Path folder, RunControl control, PrintStream progress)
            throws IOException, InterruptedException {
        WireWatch wire = WireWatch.in(folder, plan.noCapture());
        wire.unavailable().ifPresent(why -> progress.println("no wire capture: " + why));
        List<MatrixRow> rows = loopback(plan, log, wire, control, progress);
        List<CableSample> s1 = List.of();
        PulledCablePart part = plan.pulledCable();
        if (part.runs() && !control.stopRequested() && plan.home().lost().isEmpty()) {
            CablePlan trials = part.plan().get();
            progress.println();
            progress.printf("S1, the pulled cable and the dead host: %d trials on %s, %d connections per group, %d trials "
                    + "at a time%n", trials.trials().size(), plan.home() instanceof ThisHost
                    ? "network namespaces" : "the peer's host (" + plan.home().describe() + ")", trials.connections(),
                    PARALLEL_TRIALS);
            control.nowDoing("S1 pulled cable");
            try (CableCsv csv = CableCsv.create(folder.resolve(trials.fileName()),
                    trials.settings().placement().placement().name(), plan.home().place())) {
                // each trial's server cable and loopback, captured beside the loopback scenarios' pcap files; with
                // the peer on another host the loopback is not captured, but S1's topology is asked all the same,
                // so that its trials' wire facts say why it captures nothing (or what it captured)
                boolean captureS1 = wire.unavailable().isEmpty()
                        || plan.noCapture().filter(RemoteHome.NOT_ON_LOOPBACK::equals).isPresent();
                CableSettings settings = captureS1
                        ? trials.settings().capturingTo(folder.resolve(WireWatch.FOLDER)) : trials.settings();
                if (settings.captureTo().isEmpty()) {
                    s1 = pulledCable(plan.home(), trials.trials(), settings, PARALLEL_TRIALS, control, csv::append,
                            progress);
                } else {
                    Files.createDirectories(settings.captureTo().get());
                    try (TimelineCsv timeline = TimelineCsv.create(folder.resolve(ResultFile.S1_TIMELINE.name(
                            ResultFile.CABLE.parametersOf(trials.fileName()))))) {
                        s1 = pulledCable(plan.home(), trials.trials(), settings, PARALLEL_TRIALS, control, samples -> {
                            csv.append(samples);
                            timeline.append(samples);
                        }, progress);
                    }
                }
            }
        }
        return new MatrixResult(rows, s1, part.selectedButNotRun() ? List.of(CaseId.S1) : List.of(), part.notRunBecause(),
                control.stoppedBy(), plan.home().place());
    }

    private static List<MatrixRow> loopback(MatrixPlan plan, ObservationLog log, WireWatch wire, RunControl control,
                                            PrintStream progress) throws IOException, InterruptedException {
        Map<Observer, CaseRunner> runners = new EnumMap<>(Observer.class);
        try {
            Set<Integer> ports = new TreeSet<>(plan.home().peerPorts());
            for (Observer o : plan.observers()) {
                // the matrix records the kernel's TCP state of every observer's socket, outside t1 - t0
                CaseRunner runner = new CaseRunner(o, plan.plan(), plan.settings().withTcpStates(KernelTcpState.visible()),
                        plan.home());
                runners.put(o, runner);
                ports.addAll(runner.listenerPorts());
            }
            ports.addAll(plan.home().peerPorts());
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
                        rows.add(MatrixRow.skipped(s, o, plan.plan().placement(), cannot.get(), plan.home().place()));
                    }
                    plan.skipped().forEach((o, why) -> rows.add(MatrixRow.skipped(s, o, plan.plan().placement(), why,
                            plan.home().place())));
                    progress.printf("[%2d/%d] %-18s skipped: %s%n", index, plan.scenarios().size(), s.id(), cannot.get());
                    continue;
                }
                long start = System.nanoTime();
                Map<Observer, MatrixRow> byObserver = new LinkedHashMap<>();
                for (Observer o : plan.observers()) {
                    byObserver.put(o, new MatrixRow(s, o, plan.plan().placement(), plan.repetitionsOf(s), plan.home().place()));
                }
                control.nowDoing("matrix " + s.id());
                // a repetition's wire facts are known once the capture that saw it stops: its observation waits
                // till then, at most WIRE_BATCH_NANOS, so that the observations CSV still grows as the run goes
                List<Observation> unjudged = new ArrayList<>();
                Map<Observer, Integer> repetition = new EnumMap<>(Observer.class);
                try (WireWatch.Scenario capture = wire.start(s.id(), ports)) {
                    long batchStart = System.nanoTime();
                    for (int rep = 0; rep < plan.repetitionsOf(s) && !control.stopRequested()
                            && plan.home().lost().isEmpty(); rep++) {
                        for (Observer o : plan.observers()) {
                            Observation observation = runners.get(o).run(s);
                            byObserver.get(o).add(observation);
                            unjudged.add(observation);
                            control.repetitionDone();
                        }
                        boolean more = rep + 1 < plan.repetitionsOf(s) && !control.stopRequested()
                                && plan.home().lost().isEmpty();
                        if (more && System.nanoTime() - batchStart > WIRE_BATCH_NANOS) {
                            record(capture.judge(unjudged, true), byObserver, log, repetition);
                            unjudged.clear();
                            batchStart = System.nanoTime();
                        }
                    }
                    record(capture.judge(unjudged, false), byObserver, log, repetition);
                    unjudged.clear();
                    capture.cutFiles().forEach(f -> progress.println("        " + f.getFileName() + " reached "
                            + (WireWatch.MAX_FILE_BYTES >> 20) + " MiB: it holds the first packets only"));
                } finally {
                    // a scenario that failed midway still logs every observation it made, without wire facts
                    for (Observation observation : unjudged) {
                        log.append(observation, repetition.merge(observation.observer(), 1, Integer::sum) - 1,
                                new WireColumns.Unavailable("the scenario failed before its capture was read"));
                    }
                }
                rows.addAll(byObserver.values());
                plan.skipped().forEach((o, why) -> rows.add(MatrixRow.skipped(s, o, plan.plan().placement(), why,
                        plan.home().place())));
                StringBuilder line = new StringBuilder(String.format("[%2d/%d] %-18s x%d ", index,
                        plan.scenarios().size(), s.id(), plan.repetitionsOf(s)));
                for (MatrixRow row : byObserver.values()) {
                    line.append(String.format(" %s: %-16s", row.observer(), row.outcomeSummary()));
                }
                progress.printf("%s %6.1f s%s%n", line, (System.nanoTime() - start) / 1e9,
                        control.stopRequested() ? "  (stopped: " + control.stoppedBy() + ")"
                                : plan.home().lost().map(why -> "  (stopped: " + why + ")").orElse(""));
                progress.print(wireLine(byObserver.values()));
            }
            return rows;
        } finally {
            runners.values().forEach(CaseRunner::close);
        }
    }

    /** The judged observations, in the order they were made: to their rows, and streamed to the log. */
    private static void record(Map<Observation, WireColumns> judged, Map<Observer, MatrixRow> rows, ObservationLog log,
                               Map<Observer, Integer> repetition) throws IOException {
        for (Map.Entry<Observation, WireColumns> e : judged.entrySet()) {
            Observation observation = e.getKey();
            rows.get(observation.observer()).addWire(observation, e.getValue());
            log.append(observation, repetition.merge(observation.observer(), 1, Integer::sum) - 1, e.getValue());
        }
    }

    /**
     * The scenario's repetitions as the wire showed them, one line: "wire, every model: RST by peer
     * 20/20", or each model's where they differ; "" when nothing was captured and there is no reason.
     */
    private static String wireLine(java.util.Collection<MatrixRow> rows) {
        Map<String, List<Observer>> byWhat = new LinkedHashMap<>();
        for (MatrixRow row : rows) {
            String what = row.wire().firstEnd().isEmpty() ? String.join("; ", row.wire().unavailableReasons())
                    : row.wire().firstEnd();
            byWhat.computeIfAbsent(what, k -> new ArrayList<>()).add(row.observer());
        }
        if (byWhat.isEmpty() || byWhat.size() == 1 && byWhat.keySet().iterator().next().isEmpty()) {
            return "";
        }
        if (byWhat.size() == 1) {
            return "        wire, every model: " + byWhat.keySet().iterator().next() + "%n".formatted();
        }
        StringBuilder line = new StringBuilder("        wire:");
        byWhat.forEach((what, models) -> line.append(" ").append(models).append(" ").append(what).append(";"));
        return line.append(System.lineSeparator()).toString();
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
                                (System.nanoTime() - start) / 1e9, summary(samples, settings.placement().placement()));
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

    private static String summary(List<CableSample> samples, Placement placement) {
        return String.join("; ", CableFigures.of(CableCsv.records(samples, placement)).stream()
                .map(g -> g.mechanism() + "/" + g.observer() + " " + g.outcomeSummary() + " "
                        + ThreeFigureDuration.of(g.medianDetection()))
                .toList());
    }
}
