package io.closebench.cable;

import io.closebench.schema.DetectedBy;

import io.closebench.schema.Outcome;

/**
 * How one watched connection of a trial ended, as its watch decided it.
 *
 * @param group              the group's index in its trial
 * @param index              the connection's index in its group
 * @param remotePort         the client's port, to find the connection in {@code ss} output
 * @param outcome            what ended the observation
 * @param detectedBy         READ or WRITE (a socket call reported it), CONNECT, CONNECT_TIMEOUT or
 *                           CONNECTED (a reconnect), READ_DEADLINE, HEARTBEAT (the server's own
 *                           timers), BOUND (the trial's bound passed), RECOVERY (data flowed again
 *                           after the plug)
 * @param t1                 {@code System.nanoTime()} right after the deciding call returned or the
 *                           timer fired
 * @param lastReadAt         the last byte read before the decision (the start if none; a reconnect's
 *                           connect call)
 * @param exceptionClass     simple class name, or ""
 * @param message            the exception's message verbatim, or ""
 * @param nextWrite          what one 1-byte write right after the decision returned
 * @param bytesWritten       bytes the kernel accepted from the server on this connection
 * @param pongs              pongs ({@code p}) received
 * @param firstUnackedSendAt the first send after the server's end of the cable lost carrier, or -1
 */
public record OutcomeLine(int group, int index, int remotePort, Outcome outcome, DetectedBy detectedBy, long t1,
                   long lastReadAt, String exceptionClass, String message, String nextWrite, long bytesWritten,
                   long pongs, long firstUnackedSendAt) {
}
