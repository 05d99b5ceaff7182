package io.closebench.schema.row;

import io.closebench.schema.CsvLog;
import io.closebench.schema.Observer;
import io.closebench.schema.S1TimelineColumn;
import io.closebench.schema.TimelineEvent;
import io.closebench.schema.csv.CsvRow;
import io.closebench.schema.csv.ResultsFileException;
import java.util.Locale;
import java.util.OptionalDouble;

import static io.closebench.schema.S1TimelineColumn.*;

/**
 * One event of a pulled-cable connection after the fault, a row of {@code s1-timeline-*.csv}: what
 * it was, when it happened, and when the rules expected it. Every column of {@link S1TimelineColumn},
 * in its order; {@code results/README.md} says what each means. Times are microseconds after the
 * trial's t0, written to three decimals (a nanosecond) and held as written.
 *
 * @param trial      the trial's number in its run ({@code cable-*.csv}'s {@code trial})
 * @param fault      the fault's letter (a, b, c, c', d, e, f, g, g')
 * @param mechanism  the detection mechanism, as the cable CSV names it
 * @param settings   its settings, as the cable CSV writes them
 * @param observer   the model
 * @param connection the connection's index in its group
 * @param event      what it was
 * @param role       a segment's or attempt's role (RETRANSMISSION, KEEPALIVE_PROBE, RST, SYN ...), else empty
 * @param k          its number among the connection's events of the same event and role, from 1
 * @param detail     a report's "SYN" or "data"; an attempt's "sent", "held" or "err N"; the detection's outcome
 * @param atMicros   when it happened after t0; empty when only the rules have it
 * @param boundMicros the bound of {@code atMicros} (a capture's clock conversion); empty with it
 * @param ruleAtMicros when the rules expect it after t0; empty when they say nothing of it
 */
public record S1TimelineRecord(int trial, String fault, String mechanism, String settings, Observer observer,
        int connection, TimelineEvent event, String role, int k, String detail, OptionalDouble atMicros,
        OptionalDouble boundMicros, OptionalDouble ruleAtMicros) implements SchemaRecord<S1TimelineColumn> {

    /** How {@code s1-timeline-*.csv} is read. */
    public static final RowFormat<S1TimelineRecord> FORMAT = RowFormat.of(S1TimelineColumn.class, S1TimelineRecord::read);

    /** Times held as the file writes them, to a nanosecond. */
    public S1TimelineRecord {
        atMicros = asWritten(atMicros);
        boundMicros = asWritten(boundMicros);
        ruleAtMicros = asWritten(ruleAtMicros);
    }

    private static OptionalDouble asWritten(OptionalDouble micros) {
        return micros.isPresent() ? OptionalDouble.of(Double.parseDouble(cell(micros))) : micros;
    }

    private static String cell(OptionalDouble micros) {
        return micros.isPresent() ? String.format(Locale.ROOT, "%.3f", micros.getAsDouble()) : "";
    }

    @Override
    public void fill(CsvLog<S1TimelineColumn>.Row r) {
        r.set(TRIAL, trial).set(FAULT, fault).set(MECHANISM, mechanism).set(SETTINGS, settings).set(OBSERVER, observer)
                .set(CONNECTION, connection).set(EVENT, event).set(ROLE, role).set(K, k).set(DETAIL, detail)
                .set(AT_US, cell(atMicros)).set(BOUND_US, cell(boundMicros)).set(RULE_AT_US, cell(ruleAtMicros));
    }

    /**
     * @param r a row of a {@code s1-timeline-*.csv}
     * @return the event
     * @throws ResultsFileException naming file, row and column on a cell that is not what it should be
     */
    public static S1TimelineRecord read(CsvRow r) throws ResultsFileException {
        return new S1TimelineRecord(r.count(TRIAL), r.text(FAULT), r.text(MECHANISM), r.text(SETTINGS),
                r.word(OBSERVER, Observer.class), r.count(CONNECTION), r.word(EVENT, TimelineEvent.class), r.text(ROLE),
                r.count(K), r.text(DETAIL), micros(r, AT_US), micros(r, BOUND_US), micros(r, RULE_AT_US));
    }

    private static OptionalDouble micros(CsvRow r, S1TimelineColumn column) throws ResultsFileException {
        if (r.text(column).isBlank()) {
            return OptionalDouble.empty();
        }
        double value = r.decimalOrNaN(column);
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw r.problem(column.header(), "'" + r.text(column) + "' is not a time in microseconds");
        }
        return OptionalDouble.of(value);
    }
}
