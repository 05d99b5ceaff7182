package io.closebench.machine;

import io.closebench.netns.BoundedCommand;
import io.closebench.netns.CommandFailedException;
import io.closebench.netns.CommandResult;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An external tool, found and tried: present (it answers for its version) and usable by this process
 * (one command that needs what real use needs, and changes nothing). Each try is bounded
 * ({@link BoundedCommand}) and leaves nothing behind.
 *
 * @param name    the program, "nft"
 * @param version its own version line, or empty when it is not installed
 * @param problem why it cannot be used here, or empty when it can
 */
public record UsableTool(String name, Optional<String> version, Optional<String> problem) {

    private static final Duration LIMIT = Duration.ofSeconds(5);

    /**
     * nftables: {@code nft --check} of adding a table, which the kernel validates in a transaction it
     * then aborts (it needs CAP_NET_ADMIN, as any rule would) and which never lands in the ruleset.
     */
    public static UsableTool nftables() {
        return probe(List.of("nft", "--version"), List.of("nft", "--check", "add", "table", "inet", "closebench_doctor"));
    }

    /**
     * tcpdump: {@code tcpdump -L -i lo} opens the loopback device for capture (which needs CAP_NET_RAW)
     * to list its link types, then exits without capturing anything.
     */
    public static UsableTool tcpdump() {
        return probe(List.of("tcpdump", "--version"), List.of("tcpdump", "-L", "-i", "lo"));
    }

    public boolean usable() {
        return version.isPresent() && problem.isEmpty();
    }

    /** "nftables v1.0.6 (Lester Gooch #5): usable", "not installed", or "tcpdump version 4.99.3: not usable: ...". */
    public String describe() {
        if (version.isEmpty()) {
            return name + " " + problem.orElse("not installed");
        }
        return version.get() + problem.map(p -> ": not usable here: " + p).orElse(": usable");
    }

    static UsableTool probe(List<String> versionCommand, List<String> tryCommand) {
        String name = versionCommand.get(0);
        Optional<String> version;
        try {
            CommandResult v = BoundedCommand.run(LIMIT, versionCommand);
            version = firstLine(v.stdout() + "\n" + v.stderr());
        } catch (CommandFailedException e) {
            return new UsableTool(name, Optional.empty(), Optional.of(e.neverStarted() ? "not installed"
                    : "did not answer --version: " + e.getMessage()));
        }
        if (version.isEmpty()) {
            version = Optional.of(name);
        }
        try {
            CommandResult t = BoundedCommand.run(LIMIT, tryCommand);
            return new UsableTool(name, version, t.succeeded() ? Optional.empty()
                    : Optional.of(String.join(" ", tryCommand) + " failed (exit " + t.exitCode() + "): "
                            + oneLine(t.stderr().isBlank() ? t.stdout() : t.stderr())));
        } catch (CommandFailedException e) {
            return new UsableTool(name, version, Optional.of(oneLine(e.getMessage())));
        }
    }

    private static Optional<String> firstLine(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst();
    }

    /** Several lines of a tool's stderr as one: "Error: Could not process rule: Operation not permitted; ...". */
    private static String oneLine(String text) {
        return String.join("; ", text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.matches("\\^+")).toList());
    }
}
