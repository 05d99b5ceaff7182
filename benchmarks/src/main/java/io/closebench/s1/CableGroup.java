package io.closebench.s1;

import io.closebench.cable.Mechanism;

import io.closebench.schema.Observer;
/**
 * Connections of one trial that share a mechanism and an observer, as the trial is planned (the
 * report's and the console's S1 rows are {@code analysis.report.CableFigures}, over every trial of a fault).
 *
 * @param mechanism   how the server watches them
 * @param observer    through which API
 * @param connections how many (one sample each)
 */
public record CableGroup(Mechanism mechanism, Observer observer, int connections) {

    public CableGroup {
        if (connections < 1) {
            throw new IllegalArgumentException("a group needs at least one connection, got " + connections);
        }
        if (!mechanism.observers().contains(observer)) {
            throw new IllegalArgumentException(mechanism.label() + " cannot be applied by the " + observer
                    + " observer (only " + mechanism.observers() + ")");
        }
    }
}
