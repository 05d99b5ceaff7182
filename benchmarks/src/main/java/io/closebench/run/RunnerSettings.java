package io.closebench.run;

import java.net.InetAddress;
import java.time.Duration;

/**
 * @param caseDeadline     how long one repetition may take before it is recorded as TIMEOUT
 * @param loopbackAddress  where listeners bind; must be a loopback address: closebench sends
 *                         nothing anywhere else outside its own network namespaces
 */
public record RunnerSettings(Duration caseDeadline, InetAddress loopbackAddress) {

    public RunnerSettings {
        if (!loopbackAddress.isLoopbackAddress()) {
            throw new IllegalArgumentException(loopbackAddress + " is not a loopback address");
        }
        if (caseDeadline.isNegative() || caseDeadline.isZero()) {
            throw new IllegalArgumentException("the case deadline must be positive");
        }
    }

    public static RunnerSettings defaults() {
        return new RunnerSettings(Duration.ofSeconds(5), InetAddress.getLoopbackAddress());
    }
}
