package io.closebench.massdeath;

import io.closebench.fault.MassFault;

import io.closebench.cable.Mechanism;
import io.closebench.placement.CpuPlan;
import io.closebench.schema.Observer;
import java.time.Duration;
import java.util.Optional;

/**
 * One mass death to run.
 *
 * @param fault           how the peers die
 * @param observer        the model that watches all of them (NIO_PER_CORE: one NIO loop per CPU)
 * @param connections     N
 * @param plan            where the server's threads and the peer run
 * @param loadConnections background connections streaming through the same observer meanwhile
 * @param bound           how long after t0 a connection may take before it counts as undetected
 * @param hostMechanism   for {@link MassFault#HOST}: how the server finds out (keepalive, heartbeat)
 */
public record MassDeathSpec(MassFault fault, Observer observer, int connections, CpuPlan plan, int loadConnections,
                            Duration bound, Optional<Mechanism> hostMechanism) {

    public MassDeathSpec {
        if (connections < 1) {
            throw new IllegalArgumentException("at least one connection, got " + connections);
        }
        if (fault == MassFault.HOST && hostMechanism.isEmpty()) {
            throw new IllegalArgumentException("HOST needs the server's mechanism (keepalive, heartbeat)");
        }
    }

    /** "KILL NIO n1000 OS load0": for progress lines. */
    public String describe() {
        return fault + " " + observer + " n" + connections + " " + plan.placement() + " load" + loadConnections
                + hostMechanism.map(m -> " " + m.encode()).orElse("");
    }
}
