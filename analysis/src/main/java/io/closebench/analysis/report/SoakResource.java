package io.closebench.analysis.report;

import io.closebench.schema.row.SoakRecord;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a soak watches, each with how it is shown and the bound the soak held it to, read from the
 * metadata's {@code soak.bounds} (the soak's {@code GrowthBounds.describe()}, e.g. "fds &lt;= baseline
 * + 16; ...; TIME_WAIT &lt;= baseline + connections closed in the last 65 s + 500"). A clause this
 * closebench cannot read leaves the resource without a number to draw; the soak's own verdict (the
 * samples' violations, the status) still says whether it grew.
 */
enum SoakResource {

    FDS("file descriptors", "fds", "fds", SoakRecord::fds, 1),
    THREADS("threads", "threads", "threads", SoakRecord::threads, 1),
    RSS("resident memory (MiB)", "RSS (MiB)", "RSS", SoakRecord::rssBytes, 1 << 20),
    HEAP("heap after a full GC (MiB)", "heap (MiB)", "heap after GC", SoakRecord::heapAfterGcBytes, 1 << 20),
    CHILDREN("live child processes", "children", "live child", SoakRecord::liveChildren, 1),
    TIME_WAIT("TIME_WAIT sockets", "TIME_WAIT", "TIME_WAIT", SoakRecord::timeWait, 1),
    NAMESPACES("network namespaces", "netns", "network namespaces", SoakRecord::networkNamespaces, 1);

    private static final Pattern SLACK = Pattern.compile("<= baseline(?: \\+ (\\d{1,12})( MiB)?)?");
    private static final Pattern TIME_WAIT_BOUND = Pattern.compile(
            "<= baseline \\+ connections closed in the last \\d+ s \\+ (\\d{1,12})");

    private final String label;
    private final String axis;
    private final String clause;
    private final ToLongFunction<SoakRecord> value;
    private final long unit;

    SoakResource(String label, String axis, String clause, ToLongFunction<SoakRecord> value, long unit) {
        this.label = label;
        this.axis = axis;
        this.clause = clause;
        this.value = value;
        this.unit = unit;
    }

    /** @return e.g. "resident memory (MiB)" */
    String label() {
        return label;
    }

    /** @return a chart axis's short label, e.g. "RSS (MiB)" */
    String axis() {
        return axis;
    }

    /** @return whether it is a count (drawn with whole-number ticks) rather than MiB */
    boolean isCount() {
        return unit == 1;
    }

    /** @return the sample's value in this resource's unit (MiB for memory); negative when it could not be read */
    double of(SoakRecord s) {
        long v = value.applyAsLong(s);
        return v < 0 ? -1 : (double) v / unit;
    }

    /**
     * @param bounds the metadata's {@code soak.bounds}
     * @return this resource's clause, e.g. "RSS &lt;= baseline + 384 MiB"
     */
    Optional<String> clause(String bounds) {
        return Arrays.stream(bounds.split(";")).map(String::strip).filter(c -> c.startsWith(clause)
                || this == CHILDREN && c.startsWith("no live child")).findFirst();
    }

    /**
     * @param bounds the metadata's {@code soak.bounds}
     * @param baseline the baseline sample
     * @param at a later sample (TIME_WAIT's bound grows with the connections closed recently)
     * @return the most this resource may hold at that sample, in its unit; empty when the clause is absent
     *     or not of a form this closebench knows
     */
    OptionalDouble bound(String bounds, SoakRecord baseline, SoakRecord at) {
        Optional<String> c = clause(bounds);
        if (c.isEmpty()) {
            return OptionalDouble.empty();
        }
        if (this == CHILDREN) {
            return c.get().startsWith("no live child") ? OptionalDouble.of(0) : OptionalDouble.empty();
        }
        double base = of(baseline);
        if (base < 0) {
            return OptionalDouble.empty();
        }
        if (this == TIME_WAIT) {
            Matcher m = TIME_WAIT_BOUND.matcher(c.get());
            return m.find() ? OptionalDouble.of(base + at.closedLast65s() + Long.parseLong(m.group(1)))
                    : OptionalDouble.empty();
        }
        Matcher m = SLACK.matcher(c.get());
        if (!m.find()) {
            return OptionalDouble.empty();
        }
        double slack = m.group(1) == null ? 0 : Long.parseLong(m.group(1)) * (m.group(2) == null ? 1.0 : (1 << 20) / (double) unit);
        return OptionalDouble.of(base + slack);
    }

    /** @return the value as a table cell: a count, or MiB with one decimal */
    String format(double v) {
        if (v < 0) {
            return "-";
        }
        return unit == 1 ? Figures.count(Math.round(v)) : Figures.fixed(v, 1);
    }
}
