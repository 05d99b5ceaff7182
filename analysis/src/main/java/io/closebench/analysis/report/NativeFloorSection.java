package io.closebench.analysis.report;

import io.closebench.analysis.format.AlignedTable;
import io.closebench.analysis.format.ThreeFigureDuration;
import io.closebench.schema.BenchmarkKey;
import io.closebench.schema.FloorApi;
import io.closebench.schema.Observer;
import io.closebench.schema.row.NativeFloorRecord;
import java.util.List;
import java.util.Optional;

/**
 * The native floor beside the Java figures: {@code native-floor.csv} holds the same detections done
 * by a C program under the same placement and idle time, so Java over C says what the JVM and the
 * JDK's I/O add. The project's target is that a pinned Java figure be within {@value #TARGET}x of
 * its floor. The ratio's uncertainty is the Java median's interval divided by the C median (the C
 * figure has no interval of its own); the target is called met or missed only when that whole
 * interval lies on one side of it. Java's BLOCKING pairs with C's POLL, because the JDK's timed
 * blocking read is a poll() in the kernel ({@link io.closebench.schema.FloorApi}).
 */
final class NativeFloorSection {

    /** Java over C that the project aims for, pinned. */
    static final double TARGET = 1.3;

    private NativeFloorSection() {
    }

    static void append(ReportContext c) {
        List<NativeFloorRecord> floor = c.run.nativeFloor();
        if (floor.isEmpty()) {
            return;
        }
        c.md.append("## The native floor: Java against C\n\n");
        c.md.append("From `native-floor.csv`: the same detection done by a C program on this kernel, under the same "
                + "placement and idle time, beside the Java figure of the same scenario (" + HarnessOverhead.DETECTION
                + ", no load). Java/C is the Java median over the C median; its range is the Java median's " + c.level
                + " interval over the C median. Target: pinned, within " + TARGET + "x. The C observers: "
                + java.util.Arrays.stream(FloorApi.values()).map(a -> a + ", " + a.description()
                        + a.javaCounterpart().map(o -> " (the floor of Java's " + o + ")").orElse(" (no Java counterpart)"))
                        .collect(java.util.stream.Collectors.joining("; ")) + ". " + c.intervalNote() + "\n\n");
        AlignedTable t = new AlignedTable("scenario", "placement", ">idle", "C observer", ">C median", ">C p99",
                "Java observer", "JDK", ">Java median (CI)", ">Java/C (range)", "target");
        AlignedTable skipped = new AlignedTable("scenario", "C observer", "placement", ">idle", "why");
        for (NativeFloorRecord r : floor) {
            if (r.skippedReason().isPresent() || !r.measured()) {
                skipped.row(r.scenarioId(), r.api().name(), r.placement().name(), Figures.idle(r.idleBeforeFaultMicros()),
                        r.skippedReason().orElse("measured no latency (" + r.outcomeCounts() + ")"));
                continue;
            }
            Optional<Observer> java = r.api().javaCounterpart();
            Optional<BenchmarkFigure> figure = java.flatMap(o -> c.figures.values().stream()
                    .filter(f -> matches(f.key(), r, o)).findFirst());
            String target;
            String ratio;
            if (java.isEmpty()) {
                target = "no Java counterpart";
                ratio = "-";
            } else if (figure.isEmpty()) {
                target = "no Java figure of this scenario, placement and idle time in this run";
                ratio = "-";
            } else {
                BenchmarkFigure f = figure.get();
                double point = (double) f.median().estimate() / r.p50Nanos();
                boolean defined = f.median().interval().isDefined();
                double low = defined ? f.median().interval().low() / r.p50Nanos() : point;
                double high = defined ? f.median().interval().high() / r.p50Nanos() : point;
                ratio = Figures.ratio(point) + (defined ? " (" + Figures.ratio(low) + "-" + Figures.ratio(high) + ")" : "");
                target = !r.placement().pins() ? "not judged: unpinned, the target is for pinned threads"
                        : !defined ? "cannot tell: the Java median has no interval"
                        : high <= TARGET ? "within " + TARGET + "x"
                        : low > TARGET ? "beyond " + TARGET + "x"
                        : "cannot tell: the range spans " + TARGET + "x";
            }
            t.row(r.scenarioId(), r.placement().name(), Figures.idle(r.idleBeforeFaultMicros()),
                    r.api().name(), ThreeFigureDuration.of(r.p50Nanos()),
                    ThreeFigureDuration.of(r.p99Nanos()), java.map(Enum::name).orElse("-"),
                    figure.map(f -> Figures.jdk(f.jdk())).orElse("-"),
                    figure.map(BenchmarkFigure::medianWithInterval).orElse("-"), ratio, target);
        }
        c.table(t);
        if (!skipped.isEmpty()) {
            c.md.append("Floor cases not measured here:\n\n");
            c.table(skipped);
        }
        c.md.append("The C program's own figures, as the run printed them (idle in microseconds):\n\n");
        c.table(NativeFloorView.table(floor));
    }

    private static boolean matches(BenchmarkKey k, NativeFloorRecord r, Observer o) {
        return k.benchmark().startsWith(HarnessOverhead.DETECTION + ".") && k.scenario().equals(r.scenarioId())
                && k.observer() == o && k.placement() == r.placement()
                && k.idleBeforeFaultMicros() == r.idleBeforeFaultMicros() && k.loadConnections() == 0
                && k.cpuBurners() == 0;
    }
}
