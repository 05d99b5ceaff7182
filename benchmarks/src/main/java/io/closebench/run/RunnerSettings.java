package io.closebench.run;

import java.net.InetAddress;
import java.time.Duration;

/**
 * @param caseDeadline     how long one repetition may take before it is recorded as TIMEOUT
 * @param loopbackAddress  where listeners bind; must be a loopback address: closebench sends
 *                         nothing anywhere else outside its own network namespaces
 * @param listeners        how many consecutive loopback addresses to listen on, taken in turn, so
 *                         that TIME_WAIT does not exhaust the port range (see LoopbackSpread)
 */
public record RunnerSettings(Duration caseDeadline, InetAddress loopbackAddress, int listeners) {

    public RunnerSettings {
        if (!loopbackAddress.isLoopbackAddress()) {
            throw new IllegalArgumentException(loopbackAddress + " is not a loopback address");
        }
        if (listeners < 1) {
            throw new IllegalArgumentException("at least one listener is needed");
        }
        if (caseDeadline.isNegative() || caseDeadline.isZero()) {
            throw new IllegalArgumentException("the case deadline must be positive");
        }
    }

    public static RunnerSettings defaults() {
        return new RunnerSettings(Duration.ofSeconds(5), InetAddress.getLoopbackAddress(), 8);
    }
}
