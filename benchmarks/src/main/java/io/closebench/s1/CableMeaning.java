package io.closebench.s1;

import io.closebench.analysis.format.ThreeFigureDuration;
import io.closebench.analysis.report.CableFigures;
import io.closebench.cable.CableFault;
import io.closebench.cable.KeepaliveWithUserTimeout;
import io.closebench.cable.Mechanism;
import io.closebench.cable.Theory;
import io.closebench.schema.DetectedBy;
import io.closebench.schema.Outcome;
import io.closebench.schema.row.CableRecord;

/**
 * One plain sentence per table row saying what the row means: the console's last S1 column, beside
 * the columns it shares with the report ({@code CableView}). Each sentence is chosen by what the row
 * actually observed (its figures from the written rows: dominant outcome and how it was reached),
 * never by what was expected, so a row can never claim a behaviour this kernel did not show; a mixed
 * distribution is said so. The fault and the mechanism are the harness's own objects, for what only
 * they know (which faults reconnect, what each setting alone would give).
 */
public final class CableMeaning {

    private CableMeaning() {
    }

    /**
     * @param row the figures of one fault, mechanism, observer and placement
     * @param fault the fault those rows name
     * @param mechanism the mechanism they name
     * @return what the row means, in one sentence
     */
    public static String explain(CableFigures row, CableFault fault, Mechanism mechanism) {
        String text = sentence(row, fault, mechanism) + againstEachAlone(row, fault, mechanism);
        return row.outcomes().size() > 1 && row.dominantOutcome() != Outcome.HARNESS_FAILURE
                ? text + " [not all alike: " + row.outcomeSummary() + "]" : text;
    }

    private static String sentence(CableFigures row, CableFault fault, Mechanism mechanism) {
        String why = row.theoryText();
        String ratio = row.medianRatio().isPresent() ? String.format(java.util.Locale.ROOT, "%.2fx", row.medianRatio().getAsDouble()) : "";
        switch (row.dominantOutcome()) {
            case HARNESS_FAILURE:
                return "the harness could not run it: " + row.firstFailure();
            case CONNECTION_TIMED_OUT:
                return "the kernel gave up (ETIMEDOUT) at " + ratio + " of its rule: " + why;
            case NO_ROUTE_TO_HOST:
                if (fault.reconnects()) {
                    return "the connect failed with EHOSTUNREACH at " + ratio + " of its rule: the SYN waited for the "
                            + "dead host's link-layer address, the ARP requests went unanswered, and the local "
                            + "host-unreachable error aborted the connect: " + why + roundsLater(row);
                }
                if (mechanism.socketSettings().userTimeoutMillis().isPresent()) {
                    return "the kernel gave up at " + ratio + " of its rule, reporting EHOSTUNREACH, not ETIMEDOUT: ARP for "
                            + "the peer failed meanwhile and the local ICMP error it raised replaced the error; the user "
                            + "timeout still set the time: " + why;
                }
                return "the kernel gave up, at " + ratio + " of its rule, reporting EHOSTUNREACH, not ETIMEDOUT: ARP for the "
                        + "peer failed meanwhile, and the local ICMP error it raised both replaced the error and undid RTO "
                        + "backoff (RFC 6069), moving the abort to a later timer tick";
            case RESET:
                return (fault == CableFault.HOST_REBOOTED
                        ? "the rebooted host answered the first segment that reached it after the plug with RST: "
                        : "the first segment after the plug met the dead process's socket, which answered RST: ") + why;
            case EOF:
                return fault == CableFault.KILLED_REPLUGGED
                        ? "a clean close, though nobody closed anything: the client's kernel outlived the process and "
                        + "sent its FIN once the cable was back"
                        : "the peer's FIN arrived";
            case BROKEN_PIPE:
                return "a write met a connection already torn down (EPIPE): the client's kernel answered with FIN "
                        + "and RST once the cable was back, and the writing thread got there first";
            case HEARTBEAT_MISSED:
                return (fault == CableFault.PEER_FROZEN
                        ? "only the heartbeat catches a frozen peer, whose kernel acknowledges everything: "
                        : fault == CableFault.PEER_NOT_READING
                        ? "the application noticed a peer that reads nothing, though its kernel answers every probe: "
                        : "the application noticed: ") + why + "; TCP still had it " + row.endStates();
            case TIMEOUT:
                if (row.dominantDetectedBy() == DetectedBy.CONNECT_TIMEOUT) {
                    return (mechanism.connectTimeout().isPresent() ? "the application's connect timeout"
                            : "the library's own default connect timeout") + " gave up at " + ratio + " of its rule, "
                            + "the connect still unanswered (" + row.typicalMessage() + "): " + why;
                }
                if (row.dominantDetectedBy() == DetectedBy.READ_DEADLINE) {
                    return "a local timer, not a detection: a write right after it was accepted ("
                            + row.typicalNextWrite() + ") and the kernel still had the connection " + row.endStates();
                }
                return "nothing noticed within " + ThreeFigureDuration.of(row.boundNanos()) + ": " + why;
            case NONE:
                if (row.dominantDetectedBy() == DetectedBy.RULE) {
                    return "not measured: the rule gives " + (row.medianTheory().isPresent()
                            ? ThreeFigureDuration.of(row.medianTheory().getAsLong()) + " "
                            + Theory.Reference.valueOf(row.theoryReference()).phrase()
                            : "no time") + ", beyond the longest wait asked for; " + why;
                }
                if (row.dominantDetectedBy() == DetectedBy.CONNECTED) {
                    return "the connect succeeded: the host was not dead after all";
                }
                if (row.dominantDetectedBy() != DetectedBy.RECOVERY) {
                    return "ended without an outcome";
                }
                return "recovered: pongs flowed again " + ThreeFigureDuration.of(row.medianSincePlug().orElse(-1))
                        + " after the plug; " + why;
            default:
                return "observed " + row.dominantOutcome() + ": " + row.typicalMessage();
        }
    }

    /**
     * The other way a connect misses its round's report, counted nowhere: docs/findings-s1-kernel-rules.md,
     * item 2, traced in ReconnectTest.
     */
    private static final String CUT = "the others were behind a cut: when a SYN for the host leaves while a failed round's reports "
            + "are sent (a connect already reported, its SYN timer running on the other CPU), the kernel stops reporting and "
            + "purges the rest of the queue unreported; the traced columns show that SYN: kernel_attempts above "
            + "kernel_attempts_held on a connect of the first round";

    /**
     * The connects that learnt at a later failed ARP round than their rule's, and what the kernel
     * dropped meanwhile: the host-unreachable reports past the ICMP rate limit never reached them.
     */
    private static String roundsLater(CableFigures row) {
        long late = row.rows().stream().filter(r -> r.ratio() > CableSample.LATER_ROUND_RATIO).count();
        if (late == 0) {
            return "";
        }
        long dropped = row.rows().stream().mapToLong(CableRecord::icmpRateLimited).max().orElse(-1);
        String counted = dropped < 0 ? "this kernel does not count ICMP dropped to its rate limit: not explained"
                : "the server's kernel dropped " + (dropped == 0 ? "no" : "up to " + dropped) + " ICMP messages a trial "
                + "to its rate limit (net.ipv4.icmp_msgs_burst); a connect whose host-unreachable report is dropped "
                + "retransmits its SYN and waits for a new resolution";
        return "; " + late + " of " + row.rows().size() + " learnt at a later ARP round (ratio > " + CableSample.LATER_ROUND_RATIO + "): "
                + counted + (dropped >= 0 && late > dropped ? " (that explains at most " + dropped + " of them; " + CUT + ")" : "");
    }

    /**
     * For keepalive and {@code TCP_USER_TIMEOUT} together: the measurement held against each
     * setting's own rule too, from the same reference, so that the row says which one decided.
     */
    private static String againstEachAlone(CableFigures row, CableFault fault, Mechanism mechanism) {
        if (!(mechanism instanceof KeepaliveWithUserTimeout both) || row.medianSinceReference().isEmpty()
                || row.rows().stream().allMatch(CableRecord::reachedBound)) {
            return "";
        }
        long measured = row.medianSinceReference().getAsLong();
        int retries2 = row.rows().get(0).tcpRetries2();
        StringBuilder s = new StringBuilder("; held against each alone: ");
        String sep = "";
        for (var alone : both.aloneNanos(fault, retries2).entrySet()) {
            s.append(sep).append(alone.getKey()).append(' ');
            s.append(alone.getValue() == Theory.NEVER ? "never"
                    : ThreeFigureDuration.of(alone.getValue()) + String.format(" (%.2fx)", (double) measured / alone.getValue()));
            sep = ", ";
        }
        return sep.isEmpty() ? "" : s.toString();
    }
}
