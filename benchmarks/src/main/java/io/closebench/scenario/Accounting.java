package io.closebench.scenario;

/** What the note (or TCP, for the extra cases) says about the bytes, checked on every repetition. */
public enum Accounting {
    /** Nothing is claimed. */
    ANY("-"),
    /** Every byte the peer sent reaches the observer. */
    ALL_DELIVERED("all delivered"),
    /** Some bytes the peer sent never reach the observer. */
    SOME_LOST("some lost"),
    /** The kernel accepts exactly one write before the error. */
    ONE_WRITE_ACCEPTED("1st write ok"),
    /** The kernel accepts at least one write before the error. */
    SOME_WRITES_ACCEPTED(">=1 write ok");

    private final String label;

    Accounting(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
