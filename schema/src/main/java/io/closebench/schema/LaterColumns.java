package io.closebench.schema;

import java.util.Set;

/**
 * Columns that joined results schema 2 after its first folders were written, at the end of their
 * files: a reader accepts a file of schema 2 without them (the figure is then unknown), while every
 * other column of the file's enum must be there. A column that changes the meaning of others, or
 * one inserted before the end, needs a new schema version instead.
 */
public final class LaterColumns {

    /** The headers, as {@link Column#header()} gives them. */
    public static final Set<String> OF_SCHEMA_2 = java.util.stream.Stream.of(
            MatrixColumn.MEDIAN_FAULT_CALL_NS, MatrixColumn.OBSERVER_TCP_STATES, MatrixColumn.SIGPIPE,
            ObservationColumn.FAULT_CALL_NS, ObservationColumn.OBSERVER_TCP_STATES, ObservationColumn.SIGPIPE,
            CableColumn.ICMP_RATE_LIMITED, MassDeathConnectionColumn.MECHANISM,
            // where the peer ran, the round trip to its host, the bound of a t0 read on its clock (closebench peer)
            ObservationColumn.PEER_HOST, ObservationColumn.PEER_OS, ObservationColumn.PEER_JDK, ObservationColumn.RTT_NS,
            ObservationColumn.T0_BOUND_NS, MatrixColumn.PEER_HOST, MatrixColumn.PEER_OS, MatrixColumn.PEER_JDK,
            MatrixColumn.MEDIAN_RTT_NS, MatrixColumn.MAX_T0_BOUND_NS, MassDeathTrialColumn.PEER_HOST,
            MassDeathTrialColumn.PEER_OS, MassDeathTrialColumn.PEER_JDK, MassDeathTrialColumn.RTT_NS,
            MassDeathTrialColumn.T0_BOUND_NS, CableColumn.PEER_HOST, CableColumn.PEER_OS, CableColumn.PEER_JDK,
            CableColumn.RTT_NS, CableColumn.T0_BOUND_NS, PercentileColumn.PEER_HOST, PercentileColumn.PEER_OS,
            PercentileColumn.PEER_JDK, PercentileColumn.MEDIAN_RTT_NS, PercentileColumn.MAX_T0_BOUND_NS)
            .map(Column::header).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private LaterColumns() {
    }

    /** Whether a schema-2 file may lack {@code header}. */
    public static boolean mayBeMissing(String header) {
        return OF_SCHEMA_2.contains(header);
    }
}
