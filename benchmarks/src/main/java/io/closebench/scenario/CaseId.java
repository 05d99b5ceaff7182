package io.closebench.scenario;

import static io.closebench.scenario.Accounting.ALL_DELIVERED;
import static io.closebench.scenario.Accounting.ANY;
import static io.closebench.scenario.Accounting.ONE_WRITE_ACCEPTED;
import static io.closebench.scenario.Accounting.SOME_LOST;
import static io.closebench.scenario.Accounting.SOME_WRITES_ACCEPTED;

import io.closebench.schema.Outcome;

/**
 * The cases of the note ({@code shared/seed/tcp-abnormal-close-notes.en.md}), S1-S5 seen from the
 * server and C1-C3 from the client, in the note's own words, plus X1-X3, which users meet daily
 * and the note does not cover. Variants of a case live in {@link ScenarioCatalogue}.
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
                    "-", Outcome.RESET, ANY, false));

    private final Side side;
    private final String peerAction;
    private final NoteExpectation note;

    CaseId(Side side, String peerAction, NoteExpectation note) {
        this.side = side;
        this.peerAction = peerAction;
        this.note = note;
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
