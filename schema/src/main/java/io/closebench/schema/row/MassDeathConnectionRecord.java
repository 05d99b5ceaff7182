package io.closebench.schema.row;

import io.closebench.schema.CsvLog;
import io.closebench.schema.MassDeathConnectionColumn;
import io.closebench.schema.Observer;
import io.closebench.schema.Outcome;
import io.closebench.schema.Placement;
import io.closebench.schema.csv.CsvRow;
import io.closebench.schema.csv.ResultsFileException;

import static io.closebench.schema.MassDeathConnectionColumn.*;

/**
 * One connection of one mass-death trial, a row of {@code massdeath-connections-*.csv}: what it
 * reported and when. Every column of {@link MassDeathConnectionColumn}, in its order. A row belongs to
 * the trial row of the same fault, observer, placement, N and trial that precedes it in the writer's
 * order (each trial's row is followed by its N connections), which is how a reader attaches it: the
 * file has no load column (its name carries the load), and files written before its mechanism column
 * was added ({@code LaterColumns}; read as empty) tell HOST's mechanisms apart only by that order.
 *
 * @param fault how its peer died
 * @param observer the server's I/O model
 * @param placement where the threads ran
 * @param connections N of its trial
 * @param trial its trial's number
 * @param connection its index within the trial, from 0
 * @param outcome what the server saw; TIMEOUT when nothing by the bound
 * @param latencyNanos t1 - t0; -1 when not detected by the bound
 * @param exception "Class: message" as the JDK or Netty threw it; empty when none
 * @param mechanism HOST's detection mechanism ("KEEPALIVE:2:1:3"); empty for the other faults
 */
public record MassDeathConnectionRecord(String fault, Observer observer, Placement placement, int connections,
        int trial, int connection, Outcome outcome, long latencyNanos, String exception, String mechanism)
        implements SchemaRecord<MassDeathConnectionColumn> {

    /** How {@code massdeath-connections-*.csv} is read. */
    public static final RowFormat<MassDeathConnectionRecord> FORMAT = RowFormat.of(MassDeathConnectionColumn.class,
            MassDeathConnectionRecord::read);

    @Override
    public void fill(CsvLog<MassDeathConnectionColumn>.Row r) {
        r.set(FAULT, fault).set(OBSERVER, observer).set(PLACEMENT, placement).set(CONNECTIONS, connections)
                .set(TRIAL, trial).set(CONNECTION, connection).set(OUTCOME, outcome).set(LATENCY_NS, latencyNanos)
                .set(EXCEPTION, exception).set(MECHANISM, mechanism);
    }

    /**
     * @param r a row of a {@code massdeath-connections-*.csv}
     * @return the connection
     * @throws ResultsFileException naming file, row and column on a cell that is not what it should be
     */
    public static MassDeathConnectionRecord read(CsvRow r) throws ResultsFileException {
        return new MassDeathConnectionRecord(r.text(FAULT).strip(), r.word(OBSERVER, Observer.class),
                r.word(PLACEMENT, Placement.class), r.count(CONNECTIONS), r.count(TRIAL),
                r.count(CONNECTION), r.word(OUTCOME, Outcome.class), r.whole(LATENCY_NS),
                r.text(EXCEPTION), r.textOr(MECHANISM, "").strip());
    }

    /** @return whether the server noticed this connection's end by the bound */
    public boolean detected() {
        return latencyNanos >= 0;
    }
}
