package io.closebench.scenario;

import io.closebench.schema.Outcome;

/**
 * What the note says a case produces: its Linux and Windows columns in meaning, and the outcome and
 * byte accounting that its Linux column claims, which the matrix checks against this OS. For the
 * cases beyond the note, the claim is what TCP itself specifies, and {@code inNote} is false.
 *
 * @param linux      the note's Linux column (or TCP's expectation for an extra case)
 * @param windows    the note's Windows column ("-" where the note has none)
 * @param outcome    the outcome the Linux column claims
 * @param accounting the byte accounting it claims
 * @param inNote     false for the cases closebench adds beyond the note
 */
public record NoteExpectation(String linux, String windows, Outcome outcome, Accounting accounting, boolean inNote) {

    /** The claim in a few words: "RESET, some lost". */
    public String claim() {
        return accounting == Accounting.ANY ? outcome.name() : outcome + ", " + accounting.label();
    }

    /** The same columns, with the claim checked replaced by {@code other} (the Windows column's, in outcome terms). */
    NoteExpectation claiming(Outcome other, Accounting otherAccounting) {
        return new NoteExpectation(linux, windows, other, otherAccounting, inNote);
    }
}
