package io.closebench.schema;

/**
 * Whether the observer was seen asleep in the kernel right before the fault: the figure measures a
 * wake-up only where it was. Column {@code asleep_at_fault}.
 */
public enum Asleep implements CsvWord {
    /** Seen asleep (its thread in state S, or for a virtual thread every thread it runs on). */
    YES("yes"),
    /** Not seen asleep within the wait, or awake again when the idle time had passed. */
    NO("no"),
    /** Does not apply: the observer acts after the fault, or a child decides when it ends. */
    NOT_APPLICABLE("n/a");

    private final String word;

    Asleep(String word) {
        this.word = word;
    }

    @Override
    public String word() {
        return word;
    }

    public static Asleep of(boolean asleep) {
        return asleep ? YES : NO;
    }
}
