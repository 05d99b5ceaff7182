package io.closebench.massdeath;

import io.closebench.schema.Outcome;
import io.closebench.transport.WatchHandler;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Where N watched connections record how and when they ended, allocated before t0: one slot per
 * connection in primitive arrays, and a countdown. Recording a detection is three array stores and
 * a count down, on the observer's own thread: no allocation, no logging, no lock between one
 * connection's detection and the next (the exception a failing read throws is the JDK's).
 */
final class DetectionTimes {

    private static final byte NOT_YET = -1;

    private final long[] t1;
    private final byte[] outcome;
    private final Throwable[] cause;
    private final CountDownLatch remaining;
    private final Slot[] slots;

    DetectionTimes(int connections) {
        t1 = new long[connections];
        outcome = new byte[connections];
        cause = new Throwable[connections];
        java.util.Arrays.fill(outcome, NOT_YET);
        remaining = new CountDownLatch(connections);
        slots = new Slot[connections];
        for (int i = 0; i < connections; i++) {
            slots[i] = new Slot(i);
        }
    }

    /** The handler connection {@code i} reports to. */
    WatchHandler slot(int i) {
        return slots[i];
    }

    int size() {
        return t1.length;
    }

    /** Waits until every connection has ended or {@code deadline}; returns whether all did. */
    boolean awaitAll(long deadline) throws InterruptedException {
        return remaining.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    boolean detected(int i) {
        return outcome[i] != NOT_YET;
    }

    long t1(int i) {
        return t1[i];
    }

    /** The outcome of connection {@code i}; TIMEOUT when it had not ended. */
    Outcome outcome(int i) {
        return outcome[i] == NOT_YET ? Outcome.TIMEOUT : Outcome.values()[outcome[i]];
    }

    Throwable cause(int i) {
        return cause[i];
    }

    private final class Slot implements WatchHandler {
        private final int index;

        Slot(int index) {
            this.index = index;
        }

        @Override
        public void bytes(ByteBuffer data, long t) {
            // a dying peer sends nothing the server reads; a stray byte changes no verdict
        }

        @Override
        public void ended(Outcome o, long t, Throwable c) {
            if (outcome[index] != NOT_YET) {
                return;
            }
            t1[index] = t;
            cause[index] = c;
            outcome[index] = (byte) o.ordinal();
            remaining.countDown();
        }
    }
}
