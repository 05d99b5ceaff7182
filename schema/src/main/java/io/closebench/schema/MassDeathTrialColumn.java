package io.closebench.schema;

/**
 * {@code massdeath-trials-*.csv}: one row per mass-death trial (N connections, one fault at t0),
 * appended as each trial ends. Times are nanoseconds after t0; -1 where nothing was detected. CPU
 * times are the server process's, the peer's own work taken out where the peer is in-process. Added last: where
 * the peer ran, the round trip to its host and the bound of its converted t0 (see {@code ObservationColumn}).
 */
public enum MassDeathTrialColumn implements Column {
    FAULT, OBSERVER, PLACEMENT, CONNECTIONS, LOAD_CONNECTIONS, TRIAL, MECHANISM, JDK, LOOPS, DETECTED, UNDETECTED,
    OUTCOME_COUNTS, FIRST_NS, P50_NS, P99_NS, LAST_NS, BOUND_NS, SERVER_CPU_NS, PEER_CPU_NS, CPU_NS_PER_PEER, ALLOCATED_BYTES_PER_PEER,
    SERVER_THREADS, SERVER_RSS_BYTES, SERVER_FDS, SETUP_NS, TEARDOWN_NS, OBSERVER_CPUS, PEER_CPUS, FAILURE,
    PEER_HOST, PEER_OS, PEER_JDK, RTT_NS, T0_BOUND_NS
}
