package io.closebench.cable;

import io.closebench.fault.ChildMessage;
import io.closebench.fault.ChildMessage.Word;
import io.closebench.schema.Outcome;

/**
 * How the server host reports one connection's end to the harness: an {@code OUTCOME}
 * {@link ChildMessage}, written by {@link #toMessage()} in the child and read back by
 * {@link #of(ChildMessage)} in the parent.
 *
 * @param group              the group's id
 * @param index              the connection's index in its group
 * @param remotePort         the client's port, to find the connection in {@code ss} output
 * @param outcome            what ended the observation
 * @param detectedBy         READ or WRITE (a socket call reported it), READ_DEADLINE, HEARTBEAT (the
 *                           server's own timers), BOUND (the harness's bound passed), RECOVERY (data
 *                           flowed again after the plug)
 * @param t1                 {@code System.nanoTime()} right after the deciding call returned or the
 *                           timer fired
 * @param lastReadAt         the last byte read before the decision (the start if none)
 * @param exceptionClass     simple class name, or ""
 * @param message            the exception's message verbatim, or ""
 * @param nextWrite          what one 1-byte write right after the decision returned
 * @param bytesWritten       bytes the kernel accepted from the server on this connection
 * @param pongs              pongs ({@code p}) received
 * @param firstUnackedSendAt the first send after the server's end of the cable lost carrier, or -1
 */
record OutcomeLine(int group, int index, int remotePort, Outcome outcome, String detectedBy, long t1,
                   long lastReadAt, String exceptionClass, String message, String nextWrite, long bytesWritten,
                   long pongs, long firstUnackedSendAt) {

    ChildMessage toMessage() {
        return ChildMessage.of(Word.OUTCOME, group, index, remotePort, outcome, detectedBy, t1, lastReadAt,
                exceptionClass, message, nextWrite, bytesWritten, pongs, firstUnackedSendAt);
    }

    static OutcomeLine of(ChildMessage m) {
        if (!m.is(Word.OUTCOME) || m.fields().size() != 13) {
            throw new IllegalArgumentException("not an outcome message: " + m.format());
        }
        return new OutcomeLine(m.intField(0), m.intField(1), m.intField(2), Outcome.valueOf(m.field(3)), m.field(4),
                m.longField(5), m.longField(6), m.field(7), m.field(8), m.field(9), m.longField(10), m.longField(11),
                m.longField(12));
    }
}
