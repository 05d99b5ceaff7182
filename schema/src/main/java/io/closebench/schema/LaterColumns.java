package io.closebench.schema;

import java.util.Set;

/**
 * Columns that joined results schema 2 after its first folders were written, at the end of their
 * files: a reader accepts a file of schema 2 without them (the figure is then unknown), while every
 * other column of the file's enum must be there. A column that changes the meaning of others, or
 * one inserted before the end, needs a new schema version instead.
 *
 * <p>They are column constants, not header names: two files may share a name ({@code mechanism} is
 * a later column of the mass-death connections, and an original column of the cable CSV, which must
 * have it).
 */
public final class LaterColumns {

    /** The columns. */
    public static final Set<Column> OF_SCHEMA_2 = Set.of(
            MatrixColumn.MEDIAN_FAULT_CALL_NS, MatrixColumn.OBSERVER_TCP_STATES, MatrixColumn.SIGPIPE,
            ObservationColumn.FAULT_CALL_NS, ObservationColumn.OBSERVER_TCP_STATES, ObservationColumn.SIGPIPE,
            ObservationColumn.WIRE_FIRST_END, ObservationColumn.WIRE_END_BY, ObservationColumn.WIRE_END_AT_US,
            ObservationColumn.WIRE_RST_BEFORE_DATA, ObservationColumn.WIRE_RETRANSMISSIONS, ObservationColumn.WIRE_PROBES,
            ObservationColumn.WIRE_ORDER, ObservationColumn.WIRE_UNAVAILABLE, MatrixColumn.WIRE_FIRST_END, MatrixColumn.WIRE_END_AT_US,
            MatrixColumn.WIRE_RST_BEFORE_DATA, MatrixColumn.WIRE_RETRANSMISSIONS, MatrixColumn.WIRE_PROBES,
            MatrixColumn.WIRE_ORDER, MatrixColumn.WIRE_UNAVAILABLE, SoakColumn.OWN_NETWORK_NAMESPACES,
            CableColumn.ICMP_RATE_LIMITED, CableColumn.WIRE_SEGMENTS, CableColumn.WIRE_ARP_REQUESTS,
            CableColumn.WIRE_REPORTS, CableColumn.WIRE_UNAVAILABLE, CableColumn.KERNEL_ATTEMPTS,
            CableColumn.KERNEL_ATTEMPTS_HELD, CableColumn.KERNEL_END_NS, CableColumn.KERNEL_UNAVAILABLE, MassDeathConnectionColumn.MECHANISM,
            // where the peer ran, the round trip to its host, the bound of a t0 read on its clock (closebench peer)
            ObservationColumn.PEER_HOST, ObservationColumn.PEER_OS, ObservationColumn.PEER_JDK, ObservationColumn.RTT_NS,
            ObservationColumn.T0_BOUND_NS, MatrixColumn.PEER_HOST, MatrixColumn.PEER_OS, MatrixColumn.PEER_JDK,
            MatrixColumn.MEDIAN_RTT_NS, MatrixColumn.MAX_T0_BOUND_NS, MassDeathTrialColumn.PEER_HOST,
            MassDeathTrialColumn.PEER_OS, MassDeathTrialColumn.PEER_JDK, MassDeathTrialColumn.RTT_NS,
            MassDeathTrialColumn.T0_BOUND_NS, CableColumn.PEER_HOST, CableColumn.PEER_OS, CableColumn.PEER_JDK,
            CableColumn.RTT_NS, CableColumn.T0_BOUND_NS, PercentileColumn.PEER_HOST, PercentileColumn.PEER_OS,
            PercentileColumn.PEER_JDK, PercentileColumn.MEDIAN_RTT_NS, PercentileColumn.MAX_T0_BOUND_NS);

    private LaterColumns() {
    }

    /** Whether a schema-2 file may lack {@code column}. */
    public static boolean mayBeMissing(Column column) {
        return OF_SCHEMA_2.contains(column);
    }
}
