package io.closebench.matrix;

import io.closebench.schema.Verdict;
import io.closebench.fault.PeerRuntime;
import io.closebench.scenario.Accounting;
import io.closebench.scenario.CaseId;
import io.closebench.fault.PeerChannel;
import io.closebench.observe.ObserverModels;
import io.closebench.schema.Observer;
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
        boolean outcomeDiffers = seen != row.claim().outcome();
        boolean allDelivered = row.repetitionsWithLoss() == 0;

        String peerOs = row.peer().osAndVersion();
        if ((c == CaseId.S3 || c == CaseId.S4) && seen == Outcome.EOF) {
            if (row.peer().linux()) {
                lines.add("Linux closes a dead process's sockets as close() does: FIN when it left nothing unread, "
                        + "RST only with unread data (variant b). The note's RST came from its Windows peer.");
            } else if (row.peer().windows()) {
                lines.add("The peer ran " + peerOs + ", and a dead process's sockets there ended with a FIN, not the RST "
                        + "(10054) the note reports of its Windows peer.");
            } else {
                lines.add("The peer ran " + peerOs + ": a dead process's sockets there ended as close() does, with a FIN "
                        + "when it had left nothing unread, as on Linux; the note's RST came from its Windows peer.");
            }
        }
        if (row.peer().windows() && !row.claim().equals(row.scenario().note())) {
            lines.add("The peer ran " + peerOs + ": judged against the note's Windows column (" + row.scenario().note().windows()
                    + "), read as " + row.claim().claim() + " by an observer on Linux.");
        } else if (!row.peer().linux() && !row.peer().windows() && row.verdict() != Verdict.AGREES && row.scenario().note().inNote()) {
            lines.add("The peer ran " + peerOs + ", for which the note has no column: judged against its Linux column.");
        }
        if ((c == CaseId.S3 || c == CaseId.S4) && seen == Outcome.RESET && allDelivered
                && row.claim().accounting() == Accounting.SOME_LOST) {
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
        boolean inC = ObserverModels.isNative(row.observer());
        if (c == CaseId.C1 && seen == Outcome.BROKEN_PIPE && !inC) {
            lines.add("The note's SIGPIPE never reaches Java: the JVM ignores SIGPIPE, so only the EPIPE error shows.");
        }
        if ((c == CaseId.C1 || c == CaseId.S5) && seen == Outcome.BROKEN_PIPE && row.tcpStates().startsWith("CLOSE_WAIT")) {
            lines.add("Broken pipe, not Connection reset: the peer's FIN had put the observer's socket in CLOSE_WAIT "
                    + "(measured before its first write), and Linux records an RST that arrives in CLOSE_WAIT as EPIPE "
                    + "(tcp_reset()); the same RST in ESTABLISHED is ECONNRESET (X3).");
        }
        if (inC) {
            lines.addAll(inTheNotesTerms(row, c, seen));
        }
        lines.addAll(beyondTheNote(row, c, seen));
        long lost = row.ioUringLostResets();
        if (seen == Outcome.TIMEOUT && c != CaseId.X4 && c != CaseId.X8 && row.outcomes().get(Outcome.TIMEOUT) > lost
                || seen == Outcome.HARNESS_FAILURE) {
            lines.add("The harness did not get an outcome in time: see the failure column of the observations CSV.");
        }
        long otherwise = row.n() - row.outcomes().getOrDefault(seen, 0L);
        // io_uring's lost RSTs among the repetitions that ended otherwise than the most frequent outcome
        long lostBeside = seen == Outcome.TIMEOUT ? 0 : lost;
        if (lost > 0) {
            lines.add(lost + " of " + row.n() + " repetitions never learned of the RST: it came with data still "
                    + "unread, Netty's io_uring transport read that data and then waited on its multishot POLLIN, which "
                    + "does not fire again for a reset already signalled; the next write got the reset. Counted as "
                    + "TIMEOUT, never dropped; reproducer and kernel trace: docs/findings-iouring-rst.md.");
        }
        // what no rule explains is said, also beside io_uring's lost RSTs
        if ((lines.isEmpty() || lost > 0) && otherwise > lostBeside) {
            lines.add((otherwise - lostBeside) + " of " + row.n() + " repetitions ended otherwise (" + row.outcomeSummary()
                    + "): the observations CSV has each one, with its exception text verbatim.");
        }
        if (lines.isEmpty() && row.verdict() != Verdict.AGREES) {
            lines.add(outcomeDiffers
                    ? "Observed " + seen + " where the note says " + row.claim().outcome()
                    + "; the observations CSV has every exception message verbatim."
                    : "The outcome matches but the byte accounting does not (" + row.claim().accounting().label()
                    + "): delivered " + row.bytesDelivered() + " of " + row.peerBytesSent() + " B.");
        }
        long lostNothing = seen == row.claim().outcome() ? row.outcomes().getOrDefault(seen, 0L) - row.agreeing() : 0;
        if (lostNothing > 0 && row.lostNothingBehindAnEmptyQueue() == lostNothing) {
            lines.add(lostNothing + " of " + row.n() + " repetitions lost nothing, and in each the wire shows the "
                    + "peer's RST left with nothing of its data queued behind it: the fault came after its last byte "
                    + "had left, a race between the fault and the peer's writes, not the model's doing.");
        }
        return lines;
    }

    /** What the C observers show that the Java models cannot: SIGPIPE, and the kernel's own errors. */
    private static List<String> inTheNotesTerms(MatrixRow row, CaseId c, Outcome seen) {
        List<String> lines = new ArrayList<>();
        if (seen == Outcome.BROKEN_PIPE && row.sigpipeRaised() == row.n() && row.n() > 0) {
            lines.add("SIGPIPE, as the note says: Linux raised it for every send that got EPIPE (32). With its default "
                    + "disposition it ends the process; the C observer keeps it blocked, so it stays pending and is "
                    + "counted, and its sends still return EPIPE.");
        }
        if (seen == Outcome.BROKEN_PIPE && row.observer() == Observer.NATIVE_NOSIGNAL && row.sigpipeRaised() == 0) {
            lines.add("With MSG_NOSIGNAL the send gets EPIPE (32) and no SIGPIPE at all.");
        }
        if (seen == Outcome.RESET && row.nextRead().equals("EOF")) {
            lines.add("ECONNRESET (104) once, then 0: Linux reports a reset's error to one call only, and a socket "
                    + "the RST closed then reads as EOF. The JDK's 'Connection reset' on every later read, after a "
                    + "read reported it, is the JDK's own flag.");
        }
        if (c == CaseId.X4 && seen == Outcome.TIMEOUT) {
            lines.add(row.observer() == Observer.NATIVE_EPOLL
                    ? "close() from another thread does not wake epoll_wait(): the socket left the epoll set as it "
                    + "closed (the peer read its FIN at once), and the wait ran to its bound; the next call on the "
                    + "descriptor gets EBADF (9)."
                    : "close() from another thread does not wake a recv() blocked on the socket: the call holds the "
                    + "socket until it returns, so it waited out its bound (EAGAIN, 11), and only then did the socket "
                    + "close and the peer read its FIN; the next call on the descriptor gets EBADF (9).");
        }
        return lines;
    }

    /** X3-X8: what Linux, the JDK or Netty did that TCP's or the JDK's promise does not lead one to expect. */
    private static List<String> beyondTheNote(MatrixRow row, CaseId c, Outcome seen) {
        List<String> lines = new ArrayList<>();
        boolean jdk = row.observer() == Observer.BLOCKING || row.observer() == Observer.VIRTUAL || row.observer() == Observer.NIO;
        boolean nettyNative = row.observer() == Observer.NETTY_EPOLL || row.observer() == Observer.NETTY_IOURING;
        if ((c == CaseId.X3 || c == CaseId.X7) && seen == Outcome.RESET && jdk && row.nextRead().equals("EOF")) {
            lines.add("After a reset reported by a write, the next read reports EOF, not the reset: the JDK repeats "
                    + "'Connection reset' only after a read has reported it, and Linux reports the error once (the "
                    + "write took it); a socket the RST closed then reads as 0.");
        }
        if ((c == CaseId.X3 || c == CaseId.X7) && seen == Outcome.BROKEN_PIPE && nettyNative) {
            lines.add("Netty's native transport had already read the RST in its event loop, auto-read off "
                    + "notwithstanding (exceptionCaught came before the write), and so taken the kernel's one report of "
                    + "it: the write met a connection already reset, Broken pipe.");
        }
        if (c == CaseId.X4 && seen == Outcome.TIMEOUT && row.observer() == Observer.NIO) {
            lines.add("Closing a registered SocketChannel from another thread does not wake the Selector the read "
                    + "waits in: the read waited out its bound (TIMEOUT); the key is flushed and the descriptor "
                    + "released only at the selector's next select. The peer had its FIN at once all the same: the "
                    + "JDK shuts the output down when the close is deferred.");
        }
        if (c == CaseId.X5 && seen == Outcome.RESET && !jdk && row.medianLatencyNanos().orElse(-1) > 1_000_000) {
            lines.add("Netty's blocked write failed more than a millisecond after the RST: the time grows with what "
                    + "the write had queued, 32 MiB here (with 8 MiB it took a fifth of that; the JDK's models take "
                    + "a fraction of a millisecond either way: docs/findings-x4-x8.md).");
        }
        long closeCall = row.medianFaultCallNanos().orElse(-1);
        long toEof = row.medianLatencyNanos().orElse(-1);
        if (c == CaseId.X6 && seen == Outcome.EOF && row.repetitionsWithLoss() == 0) {
            PeerChannel mode = row.scenario().preparation().peerChannel();
            if (mode.registered() && closeCall >= 0 && closeCall < 1_000_000) {
                lines.add("A registered channel's close() does not linger: the JDK turns SO_LINGER off and shuts the "
                        + "output down instead, closes for real at the selector's next select, and the data and the FIN "
                        + "still arrive in full.");
            } else if (!mode.registered() && closeCall >= 0 && toEof >= 0 && closeCall < toEof) {
                lines.add("SO_LINGER's close() returned before the observer had read everything: Linux waits until "
                        + "the data and the FIN are acknowledged, which they are once they fit in the observer's receive "
                        + "buffer, not once they are read"
                        + (mode == PeerChannel.NON_BLOCKING ? "; and it blocks a non-blocking channel too (Linux "
                        + "ignores O_NONBLOCK there, the JDK leaves an unregistered channel's close to the kernel)." : "."));
            }
        }
        if (c == CaseId.X7 && seen == Outcome.RESET && row.repetitionsWithLoss() == 0) {
            lines.add("Linux keeps what it received before an RST: the write reports the reset, and the unread 16 KiB "
                    + "are still read in full afterwards. RFC 9293 says to flush every queue.");
        }
        if (c == CaseId.X7 && row.observer() == Observer.NETTY_NIO && row.repetitionsWithLoss() == row.n() && row.n() > 0) {
            lines.add("Netty's NIO transport closes the channel when a write fails (auto-close), and with auto-read off "
                    + "nothing had read the 16 KiB: they are lost with it.");
        }
        if (c == CaseId.X8 && seen == Outcome.TIMEOUT && row.tcpStates().endsWith("ESTABLISHED")) {
            lines.add("With SO_LINGER=0 a registered channel's close() sends nothing: the JDK defers the close until "
                    + "the server's selector flushes the key, and shuts the output down only when SO_LINGER is not 0. "
                    + "With that selector asleep the observer heard nothing, and its socket was still ESTABLISHED.");
        }
        if (c == CaseId.X8 && seen == Outcome.RESET) {
            lines.add("The RST is late, not turned into a FIN: it left when the server's selector selected again "
                    + "and flushed the key.");
        }
        if (c == CaseId.X8 && seen == Outcome.EOF && row.tcpStates().endsWith("CLOSE") && row.nextRead().equals("EOF")) {
            lines.add("With unread data a registered channel's close() sends a FIN at once (the JDK shuts the output "
                    + "down) and the RST only when the key is flushed. The RST came (the socket ended CLOSE), yet reads "
                    + "keep reporting EOF: Linux reports a FIN it has received before any later error.");
        }
        return lines;
    }
}
