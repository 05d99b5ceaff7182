package io.closebench.cable;

import io.closebench.schema.Outcome;

/**
 * How the server child reports one connection's end to the harness: one stdout line, tab-separated,
 * written by {@link #format()} in the child and read back by {@link #parse(String)} in the parent.
 * Exception messages travel verbatim, except that tabs and line breaks become spaces.
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

    static final String KIND = "OUTCOME";

    String format() {
        return String.join("\t", KIND, String.valueOf(group), String.valueOf(index), String.valueOf(remotePort),
                outcome.name(), detectedBy, String.valueOf(t1), String.valueOf(lastReadAt), clean(exceptionClass),
                clean(message), clean(nextWrite), String.valueOf(bytesWritten), String.valueOf(pongs),
                String.valueOf(firstUnackedSendAt));
    }

    static OutcomeLine parse(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 14 || !f[0].equals(KIND)) {
            throw new IllegalArgumentException("not an outcome line: " + line);
        }
        return new OutcomeLine(Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                Outcome.valueOf(f[4]), f[5], Long.parseLong(f[6]), Long.parseLong(f[7]), f[8], f[9], f[10],
                Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]));
    }

    static String clean(String s) {
        return s == null ? "" : s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
