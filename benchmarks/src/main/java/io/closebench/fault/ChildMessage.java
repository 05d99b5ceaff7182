package io.closebench.fault;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one line protocol between the harness and every child process it starts (the peers that exit
 * or are killed, the hosts of the pulled cable), and between the harness and a peer agent on
 * another host (its control connection, {@code io.closebench.remote}): one message per line, a word
 * and its fields, tab-separated, written by {@link #format()} and read back by
 * {@link #parse(String)} on either side. Field texts travel verbatim but for tabs and line breaks,
 * which become spaces. The bash peer writes the same format ({@code printf 'SENT\t%s\n'}).
 * The agent's words and their fields are documented in {@code docs/remote-peer.md}.
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
        END,
        // a peer agent and the harness, on the agent's control connection (docs/remote-peer.md)
        /** agent: {@code version nonce}: prove you hold the token. */
        CHALLENGE,
        /** harness: {@code nonce mac}: its own nonce and the HMAC of both. */
        PROOF,
        /** agent: {@code mac host os osVersion jdk capability...}: the session is open. */
        WELCOME,
        /** harness: {@code id}: what time is it on your clock. */
        TIME,
        /** agent: {@code id receivedAt sentAt}: its clock when the TIME arrived and when this left. */
        TIMED,
        /** harness: {@code id object budgetMs kind fields...}: make a peer (CASE, MASS, CABLE). */
        OPEN,
        /** harness: {@code id object budgetMs observerPort}: accept the observer's connection. */
        TAKE,
        /** harness: {@code id object budgetMs readsObserverBytes data bytes writeSize channel}: Peer.prepare. */
        PREPARE,
        /** harness: {@code id object budgetMs}: Peer.whileObserverProbes. */
        PROBING,
        /** harness: {@code id object budgetMs}: Peer.injectFault; DONE carries t0 on the agent's clock. */
        INJECT,
        /** harness: {@code id object budgetMs t0}: Peer.afterFault, t0 on the agent's clock. */
        AFTER,
        /** harness: {@code id object budgetMs}: Peer.report. */
        REPORT,
        /** harness: {@code id object budgetMs}: the peer reads once, bounded, and says what it got. */
        READ_ONCE,
        /** harness: {@code id object budgetMs}: the cable's client has opened all its connections. */
        AWAIT,
        /** harness: {@code id object budgetMs}: plug the cable back. */
        PLUG,
        /** harness: {@code id object budgetMs}: close the peer, whatever its state. */
        CLOSE,
        /** harness: {@code id}: the session ends. */
        BYE,
        /** agent: {@code id fields...}: the request succeeded; its results. */
        DONE,
        /** agent: {@code id reason}: the request failed, nothing more done; id {@code -}: the session ends. */
        ERROR
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
