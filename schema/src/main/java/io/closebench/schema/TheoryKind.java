package io.closebench.schema;

/**
 * What a pulled-cable connection's detection mechanism predicts, in kind (column {@code theory_kind}
 * of {@code cable-*.csv}): a finite time after a reference instant, never, or nothing, because the
 * client's surviving kernel, not the server's settings, decides.
 */
public enum TheoryKind {
    /** A finite time after the reference instant: measured / predicted means something. */
    FINITE,
    /** Nothing will ever end the connection (a frozen peer's kernel acknowledges everything). */
    NEVER,
    /** The server's settings do not decide it: the client's kernel does. */
    NOT_PREDICTED
}
