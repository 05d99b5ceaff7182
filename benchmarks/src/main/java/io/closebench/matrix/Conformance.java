package io.closebench.matrix;

import io.closebench.rig.Observation;
import io.closebench.scenario.Accounting;
import io.closebench.scenario.NoteExpectation;

/** Checks one observation against the note's claim: the outcome, then the byte accounting. */
public final class Conformance {

    private Conformance() {
    }

    public static boolean agrees(Observation o, NoteExpectation note) {
        return o.outcome() == note.outcome() && accountingHolds(o, note.accounting());
    }

    /**
     * A child's "sent" counts completed writes only, so a child killed mid-write can deliver more
     * than it reported: "all delivered" is therefore delivered &gt;= sent, not equality.
     */
    public static boolean accountingHolds(Observation o, Accounting accounting) {
        return switch (accounting) {
            case ANY -> true;
            case ALL_DELIVERED -> o.delivery().bytesDelivered() >= o.delivery().peerBytesSent();
            case SOME_LOST -> o.delivery().bytesDelivered() < o.delivery().peerBytesSent();
            case ONE_WRITE_ACCEPTED -> o.delivery().writesAccepted() == 1;
            case SOME_WRITES_ACCEPTED -> o.delivery().writesAccepted() >= 1;
        };
    }
}
