package io.closebench.s1;

import io.closebench.placement.CpuPlan;
import io.closebench.schema.Placement;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The run-wide knobs of the cable cases.
 *
 * @param quietBound how long to wait for a mechanism that is not expected to detect anything soon,
 *                   to show that nothing is detected; a mechanism with a finite predicted time gets
 *                   at least twice that plus 2 s ({@link TrialSpec#boundNanos})
 * @param settle     how long the connections run before the fault: pongs flow, streams are under way
 * @param downtime   how long the cable stays out when it is plugged back (reboot, re-plug)
 * @param placement  where the hosts' programs run: the server's observers on the observer's CPUs,
 *                   the client on the peer's
 * @param captureTo  where each trial's captures go ({@code S1x-trialN.pcap}, {@code -reports.pcap}),
 *                   or empty: no capture
 */
public record CableSettings(Duration quietBound, Duration settle, Duration downtime, CpuPlan placement,
                            Optional<Path> captureTo) {

    /** Settings without capture. */
    public CableSettings(Duration quietBound, Duration settle, Duration downtime, CpuPlan placement) {
        this(quietBound, settle, downtime, placement, Optional.empty());
    }

    public CableSettings {
        if (quietBound.toMillis() < 1000) {
            throw new IllegalArgumentException("the quiet bound must be at least 1 s");
        }
        if (settle.toMillis() < 100 || downtime.toMillis() < 500) {
            throw new IllegalArgumentException("settle at least 100 ms and downtime at least 500 ms "
                    + "(the kernel's view is sampled 300 ms after the pull, before the plug)");
        }
    }

    /** What the matrix uses: 10 s to show silence, 0.5 s to settle, the cable out for 1 s; unpinned. */
    public static CableSettings standard() {
        return new CableSettings(Duration.ofSeconds(10), Duration.ofMillis(500), Duration.ofSeconds(1),
                CpuPlan.of(Placement.OS));
    }

    /** The same settings with the hosts' programs placed by {@code plan}. */
    public CableSettings placedBy(CpuPlan plan) {
        return new CableSettings(quietBound, settle, downtime, plan, captureTo);
    }

    /** The same settings, each trial captured into {@code dir}. */
    public CableSettings capturingTo(Path dir) {
        return new CableSettings(quietBound, settle, downtime, placement, Optional.of(dir));
    }
}
