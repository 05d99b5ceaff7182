package io.closebench.analysis.results;

import io.closebench.schema.Column;
import io.closebench.schema.MassDeathConnectionColumn;
import io.closebench.schema.Observer;
import io.closebench.schema.Outcome;
import io.closebench.schema.Placement;
import java.util.List;

import static io.closebench.schema.MassDeathConnectionColumn.*;

/**
 * One row of {@code massdeath-connections-*.csv}: one connection of one mass-death trial, what it
 * reported and when. A row belongs to the trial row of the same fault, observer, placement, N and
 * trial that precedes it in the writer's order (each trial's row is followed by its N connections),
 * which is how the reader attaches it: the file has no load column (its name carries the load), and
 * files written before its mechanism column was added tell HOST's mechanisms apart only by that
 * order, so the reader relies on the order for every file and leaves the mechanism to the trial.
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
 */
public record MassDeathConnectionRecord(String fault, Observer observer, Placement placement, int connections,
        int trial, int connection, Outcome outcome, long latencyNanos, String exception) {

    /** The file's columns, every one of which it must have. */
    public static final List<String> COLUMNS = Column.headers(MassDeathConnectionColumn.class);

    /**
     * @param r a row of a {@code massdeath-connections-*.csv}
     * @return the connection
     * @throws ResultsFileException naming file, row and column on a cell that is not what it should be
     */
    public static MassDeathConnectionRecord of(CsvRow r) throws ResultsFileException {
        return new MassDeathConnectionRecord(r.text(FAULT).strip(), r.word(OBSERVER, Observer.class),
                r.word(PLACEMENT, Placement.class), r.count(CONNECTIONS), r.count(TRIAL),
                r.count(CONNECTION), r.word(OUTCOME, Outcome.class), r.whole(LATENCY_NS),
                r.text(EXCEPTION));
    }

    /** @return whether the server noticed this connection's end by the bound */
    public boolean detected() {
        return latencyNanos >= 0;
    }
}
