package io.closebench.schema;

/**
 * Whether a socket call raised SIGPIPE, as the note's "32: Broken pipe, with SIGPIPE" asks. Only the
 * C observers can tell: the JVM takes SIGPIPE in a handler that ignores it, so nothing of it reaches
 * a Java program.
 */
public enum SigPipe implements CsvWord {
    /**
     * The kernel raised SIGPIPE for this send (EPIPE without {@code MSG_NOSIGNAL}). The C observer
     * keeps SIGPIPE blocked so that the signal stays pending instead of ending it, and takes it with
     * {@code sigtimedwait()} right after the send: with the default disposition unblocked, the
     * process would have died of it (checked by the program's {@code sigpipe_check}).
     */
    RAISED("raised"),
    /** The call was a send that raised no SIGPIPE. */
    NONE("none"),
    /** Not known: a read (which never raises it), no call at all, or a model that cannot see signals (every Java one). */
    UNKNOWN("n/a");

    private final String word;

    SigPipe(String word) {
        this.word = word;
    }

    /** The word in results files: "raised", "none", "n/a". */
    @Override
    public String word() {
        return word;
    }

    /** @throws IllegalArgumentException for a word that is none of {@link #word()}'s */
    public static SigPipe ofWord(String word) {
        for (SigPipe s : values()) {
            if (s.word.equals(word)) {
                return s;
            }
        }
        throw new IllegalArgumentException("not a SIGPIPE word: '" + word + "'");
    }

    /**
     * The word of an {@code observations-*.csv} cell, or the constant's name: the observation log wrote
     * the name ("RAISED", "UNKNOWN") until it wrote rows through the schema's records, and folders of
     * that time are still read.
     *
     * @throws IllegalArgumentException for a cell that is neither
     */
    public static SigPipe ofWordOrName(String cell) {
        for (SigPipe s : values()) {
            if (s.word.equals(cell) || s.name().equals(cell)) {
                return s;
            }
        }
        throw new IllegalArgumentException("'" + cell + "' is not one of " + java.util.Arrays.stream(values())
                .map(SigPipe::word).toList());
    }
}
