package io.closebench.matrix;

import io.closebench.schema.Verdict;
import io.closebench.fault.PeerRuntime;
import io.closebench.scenario.Accounting;
import io.closebench.scenario.CaseId;
import io.closebench.schema.Outcome;
import java.util.ArrayList;
import java.util.List;

/**
 * One plain line per way a row departs from the note, saying why. Each rule fires only on what the
 * row actually observed, so a line never claims a divergence this OS did not show; a departure no
 * rule explains still gets a generic line, so none goes unmentioned.
 */
public final class Findings {

    private Findings() {
    }

    public static List<String> explain(MatrixRow row) {
        List<String> lines = new ArrayList<>();
        CaseId c = row.scenario().caseId();
        Outcome seen = row.dominantOutcome();
        boolean outcomeDiffers = seen != row.scenario().note().outcome();
        boolean allDelivered = row.repetitionsWithLoss() == 0;

        if ((c == CaseId.S3 || c == CaseId.S4) && seen == Outcome.EOF) {
            lines.add("Linux closes a dead process's sockets as close() does: FIN when it left nothing unread, "
                    + "RST only with unread data (variant b). The note's RST came from its Windows peer.");
        }
        if ((c == CaseId.S3 || c == CaseId.S4) && seen == Outcome.RESET && allDelivered
                && row.scenario().note().accounting() == Accounting.SOME_LOST) {
            lines.add("The RST arrived after every byte was read: Linux keeps received data readable ahead of a "
                    + "reset; bytes are lost only if still queued at the peer when it dies"
                    + (row.scenario().runtime() == PeerRuntime.JVM_CHILD
                    ? " (the JVM child takes long enough to exit that nothing is still queued)." : "."));
        }
        if (c == CaseId.C3 && seen == Outcome.RESET && allDelivered) {
            lines.add("Linux delivers data already in the client's receive buffer before reporting the reset; "
                    + "only data still queued at the server is lost (variant b). 'RST ahead of the data' is the "
                    + "Windows behaviour.");
        }
        if (c == CaseId.C2 && seen == Outcome.RESET) {
            lines.add("With data still queued at the server, the client's send reaches a closed socket whose RST "
                    + "discards that queue: the read returns part of the data, then a reset. The note's Linux "
                    + "observation holds only when all data had already arrived (variant a).");
        }
        if (c == CaseId.C1 && seen == Outcome.BROKEN_PIPE) {
            lines.add("The note's SIGPIPE never reaches Java: the JVM ignores SIGPIPE, so only the EPIPE error shows.");
        }
        if (seen == Outcome.TIMEOUT || seen == Outcome.HARNESS_FAILURE) {
            lines.add("The harness did not get an outcome in time: see the failure column of the observations CSV.");
        }
        if (lines.isEmpty() && row.verdict() != Verdict.AGREES) {
            lines.add(outcomeDiffers
                    ? "Observed " + seen + " where the note says " + row.scenario().note().outcome()
                    + "; the observations CSV has every exception message verbatim."
                    : "The outcome matches but the byte accounting does not (" + row.scenario().note().accounting().label()
                    + "): delivered " + row.bytesDelivered() + " of " + row.peerBytesSent() + " B.");
        }
        return lines;
    }
}
