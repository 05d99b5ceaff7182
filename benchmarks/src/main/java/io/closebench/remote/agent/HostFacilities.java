package io.closebench.remote.agent;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * What the agent's host offers beyond a JDK: the parts of a case that need the OS itself. On any
 * host, none ({@link #NONE}); on Linux as root, the pulled cable's client host (an nftables rule
 * that drops one trial's connections, a frozen process, a wiped TCP state: {@code linux.LinuxHost}).
 * Each part that is missing says why, and the cases that need it are refused by that reason. The
 * agent's portable classes reach the Linux ones only through this interface.
 */
public interface HostFacilities {

    /** A host that offers nothing beyond its JDK: Windows, macOS, or Linux with its Linux parts disabled. */
    static HostFacilities none(String why) {
        return new HostFacilities() {
            @Override
            public Optional<String> cableUnavailable() {
                return Optional.of("the pulled cable across hosts needs a Linux peer as root with nftables (" + why + ")");
            }

            @Override
            public Optional<String> freezeUnavailable() {
                return Optional.of("freezing a process (SIGSTOP) needs a Linux peer (" + why + ")");
            }

            @Override
            public Optional<String> wipeUnavailable() {
                return Optional.of("wiping the host's TCP state (ss -K) needs a Linux peer as root (" + why + ")");
            }

            @Override
            public AgentObject openCable(List<String> fields, InetAddress observer, InetAddress here, long deadline) {
                throw new IllegalStateException(cableUnavailable().get());
            }

            @Override
            public String describe() {
                return "no OS facilities beyond the JDK (" + why + ")";
            }

            @Override
            public void close() {
            }
        };
    }

    /** Why the pulled cable's client host cannot be played here, or empty. */
    Optional<String> cableUnavailable();

    /** Why a process cannot be frozen here, or empty. */
    Optional<String> freezeUnavailable();

    /** Why the host's TCP state cannot be wiped here, or empty. */
    Optional<String> wipeUnavailable();

    /**
     * The client host of one pulled-cable trial ({@code OPEN ... CABLE}), connected to {@code observer};
     * a service port it opens is on {@code here}, the agent's own address.
     */
    AgentObject openCable(List<String> fields, InetAddress observer, InetAddress here, long deadline) throws Exception;

    /** In a few words, for the agent's start-up line. */
    String describe();

    /** Removes whatever the host facilities still hold (rules), at the agent's exit. */
    void close();
}
