package io.closebench.netns;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code ip netns} subcommands this package needs, each bounded by
 * {@link BoundedCommand#DEFAULT_TIMEOUT}, and each refusing, before anything runs, to create or
 * delete a namespace that lacks the project prefix {@value NamespaceNames#PROJECT_PREFIX}.
 *
 * <p>That refusal is the structural guarantee behind "never touch a namespace that is not
 * ours": every mutating path in this package goes through here.
 */
public final class IpNetns {

    private IpNetns() {
    }

    /**
     * Names of all named network namespaces on this host ({@code ip netns list}, first column;
     * the optional {@code (id: N)} suffix is dropped). Only names are reported: anonymous
     * namespaces held open by a process are invisible here.
     */
    public static List<String> list() {
        String out = BoundedCommand.runChecked("ip", "netns", "list").stdout();
        List<String> names = new ArrayList<>();
        for (String line : out.split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty()) {
                names.add(trimmed.split("\\s+", 2)[0]);
            }
        }
        return names;
    }

    /** True when a namespace of exactly this name is currently listed. */
    public static boolean exists(String name) {
        return list().contains(name);
    }

    /** Names currently listed that start with {@code prefix}. */
    public static List<String> listStartingWith(String prefix) {
        List<String> matching = new ArrayList<>();
        for (String name : list()) {
            if (name.startsWith(prefix)) {
                matching.add(name);
            }
        }
        return matching;
    }

    /**
     * {@code ip netns add <name>}: a fresh namespace with only a down loopback in it.
     *
     * @throws CommandFailedException with the kernel's reason, e.g. when the name is taken
     */
    public static void add(String name) {
        requireProjectName(name);
        BoundedCommand.runChecked("ip", "netns", "add", name);
    }

    /**
     * Pids of every process whose network namespace is the named one ({@code ip netns pids}).
     */
    public static List<Long> pidsInside(String name) {
        String out = BoundedCommand.runChecked("ip", "netns", "pids", name).stdout();
        List<Long> pids = new ArrayList<>();
        for (String token : out.split("\\s+")) {
            if (!token.isEmpty()) {
                pids.add(Long.parseLong(token));
            }
        }
        return pids;
    }

    /**
     * {@code ip netns delete <name>}, returning the raw result so callers can tell "already
     * gone" from a real failure.
     */
    static CommandResult delete(String name) {
        requireProjectName(name);
        return BoundedCommand.run("ip", "netns", "delete", name);
    }

    static void requireProjectName(String name) {
        if (!NamespaceNames.isProjectNamespace(name) || name.contains("/")) {
            throw new IllegalArgumentException("refusing to touch namespace '" + name
                    + "': not a " + NamespaceNames.PROJECT_PREFIX + "* namespace of this project");
        }
    }
}
