package io.closebench.netns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Whether this process can build the namespaced test network, decided by trying it: either
 * {@link #available()}, or not with a human-readable {@link #reason()} suitable for a test skip
 * message or a command-line error.
 *
 * <p>Why try instead of just checking for root: {@code ip netns add} needs CAP_SYS_ADMIN (it
 * bind-mounts the namespace under {@code /run/netns}) as well as CAP_NET_ADMIN, and root inside
 * an unprivileged container, a read-only {@code /run}, or a kernel without
 * {@code CONFIG_NET_NS}/{@code CONFIG_VETH} all fail only at that point. The probe creates one
 * throwaway namespace named after this JVM ({@code cb-<pid>-probe-<n>}), makes a veth pair
 * inside it (so the root namespace never sees an interface appear), and deletes it again; if the
 * JVM is SIGKILLed in between, {@link LeftoverSweep} removes it later.
 *
 * <p>Reasons, checked in this order: {@code "not root ..."}, {@code "ip (iproute2) not
 * installed"}, {@code "ip netns add failed: <stderr>"}, {@code "veth not available: <stderr>"};
 * rarer ones ({@code "ip netns failed: ..."}, {@code "could not delete probe namespace ..."})
 * carry the failing command and its stderr.
 */
public final class NetnsCapability {

    private static final int CAP_NET_ADMIN = 12;
    private static final int CAP_SYS_ADMIN = 21;

    private final boolean available;
    private final String reason;

    private NetnsCapability(boolean available, String reason) {
        this.available = available;
        this.reason = reason;
    }

    /** Runs the checks now; a handful of {@code ip} invocations, well under a second. */
    public static NetnsCapability probe() {
        String privilegeProblem = privilegeProblemOrNull();
        if (privilegeProblem != null) {
            return unavailable(privilegeProblem);
        }
        try {
            CommandResult version = BoundedCommand.run("ip", "-V");
            if (!version.succeeded()) {
                return unavailable("ip -V failed: " + version.stderr().strip());
            }
        } catch (CommandFailedException e) {
            return unavailable(e.neverStarted() ? "ip (iproute2) not installed" : e.getMessage());
        }
        return tryThrowawayNamespace();
    }

    /** True when namespaces, veth pairs and their removal all worked during the probe. */
    public boolean available() {
        return available;
    }

    /** Why not, for humans; {@code "available"} when {@link #available()} is true. */
    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        return available ? "network namespaces available" : "network namespaces unavailable: "
                + reason;
    }

    private static NetnsCapability unavailable(String reason) {
        return new NetnsCapability(false, reason);
    }

    private static NetnsCapability tryThrowawayNamespace() {
        String name = NamespaceNames.ownedByThisJvm("probe-" + NamespaceNames.nextPairNumber());
        String problem;
        try {
            problem = problemBuilding(name);
        } catch (CommandFailedException e) {
            problem = "ip netns failed: " + e.getMessage();
        }
        try {
            NamespaceRemoval.removeIfPresent(name);
        } catch (RuntimeException e) {
            if (problem == null) {
                problem = "could not delete probe namespace " + name + ": " + e.getMessage();
            }
        }
        return problem == null ? new NetnsCapability(true, "available") : unavailable(problem);
    }

    /**
     * Null if a namespace with a veth pair inside it could be made, otherwise why not.
     *
     * @throws CommandFailedException when an {@code ip} invocation hangs or cannot start
     */
    private static String problemBuilding(String name) {
        // If listed, this name was left by a dead earlier process that had our pid.
        NamespaceRemoval.removeIfPresent(name);
        CommandResult added = BoundedCommand.run("ip", "netns", "add", name);
        if (!added.succeeded()) {
            return "ip netns add failed: " + added.stderr().strip();
        }
        CommandResult veth = BoundedCommand.run("ip", "-n", name, "link", "add", "probe0", "type",
                "veth", "peer", "name", "probe1");
        if (!veth.succeeded()) {
            return "veth not available: " + veth.stderr().strip();
        }
        return null;
    }

    /**
     * The first of the checks alone, without touching the network: why this process lacks the
     * privileges namespaces need (effective uid 0, or CAP_NET_ADMIN and CAP_SYS_ADMIN), or empty.
     */
    public static java.util.Optional<String> privilegeProblem() {
        return java.util.Optional.ofNullable(privilegeProblemOrNull());
    }

    /** Null when euid is 0 or both needed capabilities are effective, else the reason. */
    private static String privilegeProblemOrNull() {
        List<String> status;
        try {
            status = Files.readAllLines(Path.of("/proc/self/status"));
        } catch (IOException e) {
            return "not root: cannot read /proc/self/status (" + e.getMessage()
                    + "); network namespaces need Linux";
        }
        long euid = -1;
        long capEff = 0;
        for (String line : status) {
            if (line.startsWith("Uid:")) {
                euid = Long.parseLong(line.substring(4).strip().split("\\s+")[1]);
            } else if (line.startsWith("CapEff:")) {
                capEff = Long.parseUnsignedLong(line.substring(7).strip(), 16);
            }
        }
        boolean hasCaps = (capEff & (1L << CAP_NET_ADMIN)) != 0
                && (capEff & (1L << CAP_SYS_ADMIN)) != 0;
        if (euid == 0 || hasCaps) {
            return null;
        }
        return "not root (effective uid " + euid + ") and lacking CAP_NET_ADMIN + CAP_SYS_ADMIN";
    }
}
