package io.closebench.fault;

import java.util.OptionalLong;

/**
 * What a child peer said about itself, read from its stdout after it ended.
 *
 * @param bytesSent   total of its <em>completed</em> writes; a write cut short by a kill is not in it,
 *                    so the observer may receive a little more than this
 * @param t0          its fault instant on the parent's {@code System.nanoTime()} scale, when it
 *                    reported one (exit cases); empty when the parent's kill is the fault
 * @param exitCode    the process exit code; 137-style kill codes show as reported by the JDK
 * @param diagnostics its last unrecognised output lines (stderr is merged), for failure messages
 */
public record ChildReport(long bytesSent, OptionalLong t0, int exitCode, String diagnostics) {
}
