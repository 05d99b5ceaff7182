package io.closebench.rig;

import java.net.InetAddress;
import java.time.Duration;

/**
 * @param caseDeadline     how long one repetition may take before it is recorded as TIMEOUT
 * @param loopbackAddress  where listeners bind; must be a loopback address: closebench sends
 *                         nothing anywhere else outside its own network namespaces
 * @param listeners        how many consecutive loopback addresses to listen on, taken in turn, so
 *                         that TIME_WAIT does not exhaust the port range (see LoopbackSpread)
 * @param idleBeforeFault  how long, at least, the observer has been asleep when the fault comes:
 *                         0 is a thread that just parked; a real server's peer dies while its
 *                         thread has slept for seconds, and a CPU idle that long wakes slower
 * @param tcpStates        whether each repetition records the kernel's TCP state of the observer's
 *                         socket (where it acts after the fault, right before its first call; and
 *                         at the end): the matrix does, outside t1 - t0; the benchmarks do not, as
 *                         reading the kernel's tables costs up to milliseconds a repetition
 */
public record RunnerSettings(Duration caseDeadline, InetAddress loopbackAddress, int listeners,
                             Duration idleBeforeFault, boolean tcpStates) {

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
        if (idleBeforeFault.isNegative() || idleBeforeFault.compareTo(caseDeadline.dividedBy(2)) > 0) {
            throw new IllegalArgumentException("the idle time before the fault must lie between 0 and half the case "
                    + "deadline (" + caseDeadline.dividedBy(2).toMillis() + " ms), got " + idleBeforeFault.toMillis() + " ms");
        }
    }

    public static RunnerSettings defaults() {
        return new RunnerSettings(Duration.ofSeconds(5), InetAddress.getLoopbackAddress(), 8, Duration.ZERO, false);
    }

    public RunnerSettings withDeadline(Duration deadline) {
        return new RunnerSettings(deadline, loopbackAddress, listeners, idleBeforeFault, tcpStates);
    }

    public RunnerSettings withIdleBeforeFault(Duration idle) {
        return new RunnerSettings(caseDeadline, loopbackAddress, listeners, idle, tcpStates);
    }

    public RunnerSettings withTcpStates(boolean record) {
        return new RunnerSettings(caseDeadline, loopbackAddress, listeners, idleBeforeFault, record);
    }
}
