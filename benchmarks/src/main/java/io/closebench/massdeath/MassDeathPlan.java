package io.closebench.massdeath;

import io.closebench.fault.MassFault;

import java.util.List;

/**
 * How much mass death a profile runs: which N, which faults, how many trials of each.
 *
 * @param connections  the N to run, smallest first
 * @param faults       the faults; {@link MassFault#HOST} only runs where network namespaces exist
 * @param trials       recorded trials per combination
 * @param warmupTrials trials run first and not recorded
 * @param hostConnections the N for {@link MassFault#HOST}, whose trials take seconds each
 * @param hostMechanisms  how the server finds out about a dead host, as tokens ("KEEPALIVE:2:1:3")
 */
public record MassDeathPlan(List<Integer> connections, List<MassFault> faults, int trials, int warmupTrials,
                            List<Integer> hostConnections, List<String> hostMechanisms) {

    public MassDeathPlan {
        connections = List.copyOf(connections);
        faults = List.copyOf(faults);
        hostConnections = List.copyOf(hostConnections);
        hostMechanisms = List.copyOf(hostMechanisms);
    }
}
