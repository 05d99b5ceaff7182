package io.closebench.netns;

import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The naming scheme that makes every network namespace of this project recognisable, unique,
 * and attributable to the process that owns it.
 *
 * <p>A name is {@code cb-<pid>-<tag>}: the project prefix {@value #PROJECT_PREFIX}, the pid of the
 * JVM that created it, then anything that keeps it unique inside that JVM (for a host pair
 * {@code <n>-srv} / {@code <n>-cli}, with {@code n} from a per-JVM counter). Encoding the owner's
 * pid is what lets {@link LeftoverSweep} tell a namespace abandoned by a SIGKILLed JVM from one
 * that a running benchmark is using right now, without any shared state on disk.
 *
 * <p>Both ways the pid can mislead err on the side of keeping a namespace: if the dead owner's
 * pid has been reused, the leftover looks alive and survives until that pid is gone too. The
 * pid is the one seen in this process's pid namespace, so JVMs in different pid namespaces must
 * not share one {@code /run/netns}: they would misjudge each other's liveness.
 */
public final class NamespaceNames {

    /** Every namespace this project creates starts with this; nothing else is ever touched. */
    public static final String PROJECT_PREFIX = "cb-";

    private static final Pattern OWNED = Pattern.compile("cb-([1-9][0-9]{0,9})-[A-Za-z0-9-]+");
    /**
     * Each JVM numbers its pairs from a slot of its own, chosen by its pid, so that two closebench
     * JVMs on one machine (a run beside the tests, or a killed run whose orphaned sockets still
     * retransmit into a failed ARP) use other addresses ({@link Rfc2544Subnet#forPair}) unless their
     * pids share a slot: the kernel's tracepoints carry no network namespace, and a report is selected
     * by its addresses alone (docs/kernel-trace.md). The slots fill the lower half of the /15; the
     * tests' peer namespaces take the upper.
     */
    private static final int PAIRS_PER_SLOT = 64;
    private static final int SLOTS = 16384 / PAIRS_PER_SLOT;
    private static final AtomicInteger NEXT_PAIR =
            new AtomicInteger((int) (ProcessHandle.current().pid() % SLOTS) * PAIRS_PER_SLOT);

    private NamespaceNames() {
    }

    /** {@code cb-<pid>-} for this JVM: every namespace it creates starts with exactly this. */
    public static String jvmPrefix() {
        return prefixOf(ProcessHandle.current().pid());
    }

    /** {@code cb-<pid>-} for an arbitrary owner pid. */
    public static String prefixOf(long ownerPid) {
        return PROJECT_PREFIX + ownerPid + "-";
    }

    /** A pair number that no earlier call in this JVM returned. */
    static int nextPairNumber() {
        return NEXT_PAIR.getAndIncrement();
    }

    /**
     * A name owned by this JVM: {@code cb-<pid>-<tag>}.
     *
     * @param tag letters, digits and dashes only, so the name stays a valid file name under
     *            {@code /run/netns} and parses back with {@link #ownerPid(String)}
     */
    public static String ownedByThisJvm(String tag) {
        String name = jvmPrefix() + tag;
        if (!OWNED.matcher(name).matches()) {
            throw new IllegalArgumentException("not a valid namespace tag: '" + tag + "'");
        }
        return name;
    }

    /** True for any name carrying the project prefix, whether or not its owner can be parsed. */
    public static boolean isProjectNamespace(String name) {
        return name.startsWith(PROJECT_PREFIX);
    }

    /**
     * The pid encoded in a project namespace name, or empty for names that do not follow the
     * {@code cb-<pid>-<tag>} scheme (those are never judged, hence never swept).
     */
    public static OptionalLong ownerPid(String name) {
        Matcher m = OWNED.matcher(name);
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(m.group(1)));
    }
}
