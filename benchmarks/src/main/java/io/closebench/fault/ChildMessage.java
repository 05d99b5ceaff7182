package io.closebench.fault;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one line protocol between the harness and every child process it starts (the peers that exit
 * or are killed, the hosts of the pulled cable): one message per line, a word and its fields,
 * tab-separated, written by {@link #format()} and read back by {@link #parse(String)} on either
 * side. Field texts travel verbatim but for tabs and line breaks, which become spaces. The bash
 * peer writes the same format ({@code printf 'SENT\t%s\n'}).
 *
 * @param word   what the message is
 * @param fields its fields, in the order the word's documentation gives
 */
public record ChildMessage(Word word, List<String> fields) {

    /** Every message, with its direction and fields. */
    public enum Word {
        // a peer child, to the harness
        /** {@code localPort}: connected, token sent. */
        CONNECTED,
        /** {@code bytes}: read what the observer sent first. */
        READ,
        /** {@code total}: a write completed; the total so far. */
        SENT,
        /** {@code nanoTime}: right before the call that ends it (a JVM child's monotonic clock). */
        T0,
        /** {@code EPOCHREALTIME}: the same from bash, on the realtime clock. */
        T0R,
        // the harness, to a peer child
        /** Start sending, then end as told. */
        GO,
        /** {@code count} connections opened (a mass-death client). */
        READY,
        // the cable's client host, to the harness
        /** All connections opened. */
        ALL_CONNECTED,
        // any child, to the harness
        /** {@code text}: set-up failed. */
        FAILED,
        // the harness, to the cable's client host
        /** {@code t0 boundAt}: the fault happened at t0: stop reading. */
        FAULT,
        // the harness, to itself
        /** A child's output ended. */
        END
    }

    public ChildMessage {
        fields = List.copyOf(fields);
    }

    public static ChildMessage of(Word word, Object... fields) {
        List<String> f = new ArrayList<>();
        for (Object o : fields) {
            f.add(clean(String.valueOf(o)));
        }
        return new ChildMessage(word, f);
    }

    /** The line, without its line break. */
    public String format() {
        if (fields.isEmpty()) {
            return word.name();
        }
        return word.name() + "\t" + String.join("\t", fields);
    }

    /**
     * @return the message a line holds
     * @throws IllegalArgumentException when the line is not a message (a stray output line)
     */
    public static ChildMessage parse(String line) {
        String[] f = line.split("\t", -1);
        Word word;
        try {
            word = Word.valueOf(f[0]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a child message: " + line, e);
        }
        return new ChildMessage(word, Arrays.asList(f).subList(1, f.length));
    }

    /** Field {@code i}; the message is refused as malformed when it has fewer. */
    public String field(int i) {
        if (i >= fields.size()) {
            throw new IllegalArgumentException(word + " has " + fields.size() + " fields, wanted field " + i + ": " + format());
        }
        return fields.get(i);
    }

    public long longField(int i) {
        return Long.parseLong(field(i));
    }

    public int intField(int i) {
        return Integer.parseInt(field(i));
    }

    public boolean is(Word w) {
        return word == w;
    }

    static String clean(String s) {
        return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
