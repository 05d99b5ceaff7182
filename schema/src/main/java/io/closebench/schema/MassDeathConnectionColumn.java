package io.closebench.schema;

/**
 * {@code massdeath-connections-*.csv}: one row per connection of every mass-death trial: what it
 * reported and when, t1 - t0 in nanoseconds (-1: not detected by the trial's bound, outcome TIMEOUT).
 * MECHANISM, last, came later ({@link LaterColumns}): HOST's detection mechanism, empty for the
 * other faults.
 */
public enum MassDeathConnectionColumn implements Column {
    FAULT, OBSERVER, PLACEMENT, CONNECTIONS, TRIAL, CONNECTION, OUTCOME, LATENCY_NS, EXCEPTION, MECHANISM
}
