package io.closebench.schema;

/**
 * {@code s1-timeline-*.csv}: the first connections of every S1 group after the fault, event by event,
 * each beside what the rules the cable table counts with expect; appended as each trial ends. Times
 * are microseconds after t0, decimal, empty where there is none.
 */
public enum S1TimelineColumn implements Column {
    TRIAL, FAULT, MECHANISM, SETTINGS, OBSERVER, CONNECTION, EVENT, ROLE, K, DETAIL, AT_US, BOUND_US, RULE_AT_US
}
