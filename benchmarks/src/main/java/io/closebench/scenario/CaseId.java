package io.closebench.scenario;

import static io.closebench.scenario.Accounting.ALL_DELIVERED;
import static io.closebench.scenario.Accounting.ANY;
import static io.closebench.scenario.Accounting.ONE_WRITE_ACCEPTED;
import static io.closebench.scenario.Accounting.SOME_LOST;
import static io.closebench.scenario.Accounting.SOME_WRITES_ACCEPTED;

import io.closebench.schema.Outcome;
import io.closebench.fault.Fault;
import io.closebench.fault.PeerPlace;

/**
 * The cases of the note ({@code shared/seed/tcp-abnormal-close-notes.en.md}), S1-S5 seen from the
 * server and C1-C3 from the client, in the note's own words, plus X1-X8, which users meet daily
 * and the note does not cover: for those the claim is what TCP or the JDK promises. Variants of a case live in {@link ScenarioCatalogue}.
 */
public enum CaseId {

    S1(Side.SERVER, "client's cable pulled and client killed",
            new NoteExpectation("no error at all; the connection is dropped only after a timeout",
                    "(same)", Outcome.TIMEOUT, ANY, true)),
    S2(Side.SERVER, "client sends many packets, closes normally, exits",
            new NoteExpectation("receives all messages, then \"peer closed\" (recv returns 0)",
                    "(same)", Outcome.EOF, ALL_DELIVERED, true)),
    S3(Side.SERVER, "client sends many packets, exits WITHOUT closing",
            new NoteExpectation("receives part of the messages, then 104: Connection reset by peer",
                    "10054: An existing connection was forcibly closed by the remote host",
                    Outcome.RESET, SOME_LOST, true)),
    S4(Side.SERVER, "client process killed while sending",
            new NoteExpectation("quickly receives 104: Connection reset by peer",
                    "10054", Outcome.RESET, ANY, true)),
    S5(Side.SERVER, "client closed normally; server keeps sending before noticing",
            new NoteExpectation("receives and sends some messages, then send fails: 32: Broken pipe",
                    "10053: An established connection was aborted by the software in your host machine",
                    Outcome.BROKEN_PIPE, SOME_WRITES_ACCEPTED, true)),
    C1(Side.CLIENT, "server closed; client sends twice",
            new NoteExpectation("first send succeeds, second fails: 32: Broken pipe, with SIGPIPE",
                    "10053", Outcome.BROKEN_PIPE, ONE_WRITE_ACCEPTED, true)),
    C2(Side.CLIENT, "server sends data and closes; client sends once, then reads",
            new NoteExpectation("send succeeds (server answers RST); recv gets all messages, then a normal \"peer closed\"",
                    "recv fails with 10053", Outcome.EOF, ALL_DELIVERED, true)),
    C3(Side.CLIENT, "server closes with unread data in its receive buffer; client reads",
            new NoteExpectation("server sends RST, not FIN; 104: Connection reset by peer arrives early, before the normal data",
                    "10054", Outcome.RESET, SOME_LOST, true)),
    X1(Side.SERVER, "peer closes with SO_LINGER=0 (abortive close)",
            new NoteExpectation("(not in the note) RFC 9293 abort: RST, Connection reset",
                    "-", Outcome.RESET, ANY, false)),
    X2(Side.SERVER, "peer half-closes with shutdownOutput()",
            new NoteExpectation("(not in the note) FIN: EOF after all data; the half-open connection still carries writes",
                    "-", Outcome.EOF, ALL_DELIVERED, false)),
    X3(Side.SERVER, "peer resets while the observer is idle; a write is the first to notice",
            new NoteExpectation("(not in the note) the write fails: Connection reset by peer",
                    "-", Outcome.RESET, ANY, false)),
    X4(Side.SERVER, "another thread of the observer's own program closes its socket while it reads",
            new NoteExpectation("(not in the note) JDK: a thread blocked on a socket that another thread closes "
                    + "fails at once (SocketException, AsynchronousCloseException); the peer gets a FIN",
                    "-", Outcome.CLOSED_LOCALLY, ANY, false)),
    X5(Side.SERVER, "peer stops reading, then dies while the observer is blocked in a write larger than both buffers",
            new NoteExpectation("(not in the note) RFC 9293: the RST aborts the connection; the blocked write "
                    + "fails: Connection reset by peer", "-", Outcome.RESET, ANY, false)),
    X6(Side.SERVER, "peer closes with SO_LINGER=" + Fault.LINGER_SECONDS
            + " s while its send queue holds data the observer reads slowly",
            new NoteExpectation("(not in the note) POSIX SO_LINGER: close() blocks until the queued data is sent, "
                    + "at most the linger time; the FIN follows the data: EOF after all of it",
                    "-", Outcome.EOF, ALL_DELIVERED, false)),
    X7(Side.CLIENT, "an RST arrives while the observer has unread data; it writes first, then reads",
            new NoteExpectation("(not in the note) RFC 9293 3.10.7.4: on an RST all queues are flushed: "
                    + "the write fails with a reset, the unread data is lost", "-", Outcome.RESET, SOME_LOST, false)),
    X8(Side.CLIENT, "server's channel is registered with its selector; it closes with SO_LINGER=0 or unread data",
            new NoteExpectation("(not in the note) RFC 9293 ABORT, RFC 1122 4.2.2.13 (close with unread data): "
                    + "an RST at once: Connection reset", "-", Outcome.RESET, ANY, false));

    private final Side side;
    private final String peerAction;
    private final NoteExpectation note;

    CaseId(Side side, String peerAction, NoteExpectation note) {
        this.side = side;
        this.peerAction = peerAction;
        this.note = note;
    }

    /**
     * What the note claims for a peer on {@code peer}'s OS, as an observer on this host (Linux) sees it.
     * For a Windows peer, its Windows column where that column says something else than the Linux one in
     * the observer's words: C2, whose Windows read fails ("10053") where Linux reads everything and then a
     * normal close. Its other Windows entries say what the Linux ones say in the observer's words (S3, S4,
     * C3: a reset, 10054 being ECONNRESET; S5, C1: a failed send, 10053, which a Linux observer reports as
     * EPIPE). For any other OS (macOS: the note has no column of its own), its Linux column.
     */
    public NoteExpectation noteFor(PeerPlace peer) {
        if (peer.windows() && this == C2) {
            return note.claiming(Outcome.RESET, ANY);
        }
        return note;
    }

    public Side side() {
        return side;
    }

    public String peerAction() {
        return peerAction;
    }

    public NoteExpectation note() {
        return note;
    }
}
