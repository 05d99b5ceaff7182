package io.closebench.remote.agent.linux;

import io.closebench.machine.UsableTool;
import io.closebench.netns.BoundedCommand;
import io.closebench.netns.CommandResult;
import io.closebench.remote.agent.AgentObject;
import io.closebench.remote.agent.HostFacilities;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * The Linux parts of a peer agent, where it runs as root: the pulled cable's client host
 * ({@link CableObject}: an nftables drop of one trial's connections, SIGSTOP, {@code ss -K}). Probed
 * once at start; leftovers of an agent that was killed (its tables) are swept then.
 */
public final class LinuxHost implements HostFacilities {

    private final Optional<String> cable;
    private final Optional<String> freeze;
    private final Optional<String> wipe;
    private final String described;

    private LinuxHost(Optional<String> cable, Optional<String> freeze, Optional<String> wipe, String described) {
        this.cable = cable;
        this.freeze = freeze;
        this.wipe = wipe;
        this.described = described;
    }

    /** What this Linux host offers, tried; sweeps the tables of agents that are gone. */
    public static HostFacilities probe() {
        boolean root = isRoot();
        UsableTool nft = UsableTool.nftables();
        Optional<String> cable = !root ? Optional.of("the agent does not run as root")
                : nft.usable() ? Optional.empty() : Optional.of("nftables: " + nft.describe());
        Optional<String> wipe = root ? Optional.empty() : Optional.of("ss -K needs root");
        String swept = "";
        if (cable.isEmpty()) {
            List<String> left = NftPull.sweepLeftovers();
            swept = left.isEmpty() ? "" : "; swept leftover tables " + left;
        }
        return new LinuxHost(cable, Optional.empty(), wipe, "Linux parts: " + (root ? "root" : "not root") + ", "
                + nft.describe() + swept);
    }

    private static boolean isRoot() {
        CommandResult id = BoundedCommand.run("id", "-u");
        return id.succeeded() && id.stdout().strip().equals("0");
    }

    @Override
    public Optional<String> cableUnavailable() {
        return cable;
    }

    @Override
    public Optional<String> freezeUnavailable() {
        return freeze;
    }

    @Override
    public Optional<String> wipeUnavailable() {
        return wipe;
    }

    @Override
    public AgentObject openCable(List<String> fields, InetAddress observer, InetAddress here, long deadline)
            throws Exception {
        if (cable.isPresent()) {
            throw new IllegalStateException("the pulled cable: " + cable.get());
        }
        return CableObject.open(fields, observer, here);
    }

    @Override
    public String describe() {
        return described;
    }

    @Override
    public void close() {
        // every pull belongs to an object, removed when its session ends; their elements expire at their bound anyway
    }
}
