package io.closebench.observe;

import io.closebench.schema.DetectedBy;
import io.closebench.transport.IoResult;

/**
 * What a probe found.
 *
 * @param decisive       the call that ended the probe; its {@code returnedAt} is the detection
 *                       instant t1
 * @param detectedBy     whether that call was a read or a write ({@link DetectedBy#READ}, {@link DetectedBy#WRITE})
 * @param bytesRead      bytes the probe read before the decisive call (delivered to the observer)
 * @param writesAccepted writes the kernel accepted before the decisive call
 * @param bytesWritten   bytes those writes carried
 */
public record ProbeResult(IoResult decisive, DetectedBy detectedBy, long bytesRead, int writesAccepted, long bytesWritten) {
}
