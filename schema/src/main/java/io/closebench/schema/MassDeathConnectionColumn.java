package io.closebench.schema;

/**
 * {@code massdeath-connections-*.csv}: one row per connection of every mass-death trial: what it
 * reported and when, t1 - t0 in nanoseconds (-1: not detected by the trial's bound, outcome TIMEOUT).
 */
public enum MassDeathConnectionColumn implements Column {
    FAULT, OBSERVER, PLACEMENT, CONNECTIONS, TRIAL, CONNECTION, OUTCOME, LATENCY_NS, EXCEPTION
}
