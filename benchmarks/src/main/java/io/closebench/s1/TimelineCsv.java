package io.closebench.s1;

import io.closebench.schema.CsvLog;
import io.closebench.schema.S1TimelineColumn;
import io.closebench.schema.row.S1TimelineRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The S1 timeline ({@link CableTimeline}) of the first {@value #CONNECTIONS_PER_GROUP} connections of
 * every group, one row per event as the schema's {@link S1TimelineRecord}, appended as each trial
 * ends. Every connection's counts stand in the cable CSV; these rows show how its events line up
 * with the rules, for a reader and a chart, at a size a published run can hold.
 */
public final class TimelineCsv implements AutoCloseable {

    /** How many connections of each group get their timeline written. */
    public static final int CONNECTIONS_PER_GROUP = 2;

    private final CsvLog<S1TimelineColumn> log;

    private TimelineCsv(CsvLog<S1TimelineColumn> log) {
        this.log = log;
    }

    public static TimelineCsv create(Path file) throws IOException {
        return new TimelineCsv(CsvLog.create(file, S1TimelineColumn.class));
    }

    /** Appends the timelines of one trial's first connections per group and flushes them. */
    public synchronized void append(List<CableSample> samples) throws IOException {
        for (CableSample s : samples) {
            if (s.connection() < CONNECTIONS_PER_GROUP) {
                for (S1TimelineRecord r : records(s)) {
                    r.appendTo(log);
                }
            }
        }
    }

    /** One sample's timeline as rows; none when it was not captured. */
    public static List<S1TimelineRecord> records(CableSample s) {
        return CableTimeline.of(s).stream().map(row -> new S1TimelineRecord(s.trial(), s.fault().letter(),
                s.mechanism().label(), s.mechanism().settings(), s.observer(), s.connection(), row.event(), row.role(),
                row.k(), row.detail(),
                row.measured().map(m -> OptionalDouble.of(m.nanos() / 1e3)).orElse(OptionalDouble.empty()),
                row.measured().map(m -> OptionalDouble.of(m.boundNanos() / 1e3)).orElse(OptionalDouble.empty()),
                row.rule().isPresent() ? OptionalDouble.of(row.rule().getAsLong() / 1e3) : OptionalDouble.empty()))
                .toList();
    }

    public Path file() {
        return log.file();
    }

    @Override
    public void close() throws IOException {
        log.close();
    }
}
