package io.closebench.machine;

import io.closebench.bench.Profile;
import io.closebench.s1.CableExperiment;
import io.closebench.floor.FloorProgram;
import io.closebench.floor.NativeFloor;
import io.closebench.massdeath.ConnectionLimits;
import io.closebench.massdeath.MassDeathPlan;
import io.closebench.fault.MassFault;
import io.closebench.netns.NetnsCapability;
import io.closebench.observe.VirtualThreads;
import io.closebench.placement.Affinity;
import io.closebench.placement.CpuPlan;
import io.closebench.schema.MetadataKey;
import io.closebench.schema.Observer;
import io.closebench.schema.Placement;
import io.closebench.transport.NettyTransport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What this machine supports, each fact from the probe the runs themselves use (so that the doctor
 * and a run can never disagree): root and network namespaces ({@link NetnsCapability}, as S1 probes
 * them), nftables and packet capture ({@link UsableTool}), Netty's native transports
 * ({@link NettyTransport}, as the observers decide), thread affinity ({@link Affinity},
 * {@link CpuPlan}), virtual threads ({@link VirtualThreads}) and the installed JDKs
 * ({@link InstalledJdks}), a C compiler ({@link NativeFloor#findCompiler()}), the file descriptor
 * limit against mass death's N ({@link ConnectionLimits}), the cpuidle governor, the clocksource and
 * the CPUs.
 *
 * <p>Probed once per JVM ({@link #here()}): about a second (a throwaway network namespace, a JVM
 * started per installed JDK). Checking the descriptor limit raises this process's soft limit as far
 * as the largest mass death needs, as a mass-death run would.
 */
public final class MachineFacts {

    private static List<MachineFact> cached;

    private MachineFacts() {
    }

    /** The facts of this machine, probed on the first call. */
    public static synchronized List<MachineFact> here() {
        if (cached == null) {
            cached = List.copyOf(probe());
        }
        return cached;
    }

    private static List<MachineFact> probe() {
        List<MachineFact> facts = new ArrayList<>();
        Optional<String> privilege = NetnsCapability.privilegeProblem();
        facts.add(new MachineFact("root", MetadataKey.MACHINE_ROOT,
                privilege.map(p -> "no: " + p).orElse("yes (effective uid 0, or CAP_NET_ADMIN and CAP_SYS_ADMIN)"),
                privilege.isEmpty() ? "enables: network namespaces, nftables and packet capture (below)"
                        : "skipped without it: S1 (the pulled cable), the PulledCable benchmarks and mass death HOST, "
                        + "which need network namespaces"));

        NetnsCapability netns = CableExperiment.capability();
        facts.add(new MachineFact("network namespaces", MetadataKey.MACHINE_NETWORK_NAMESPACES,
                netns.available() ? "available (ip netns and veth, tried)" : "unavailable: " + netns.reason(),
                netns.available() ? "enables: S1, the pulled cable (matrix, main job), the PulledCable benchmarks, "
                        + "mass death HOST"
                        : "skipped without them: S1 (PENDING with this reason), the PulledCable benchmarks, mass "
                        + "death HOST"));

        UsableTool nft = UsableTool.nftables();
        facts.add(new MachineFact("nftables", MetadataKey.MACHINE_NFTABLES, nft.describe(),
                (nft.usable() ? "enables: " : "without it: ") + "packet faults by rule (drop, reject) for experiments "
                        + "of your own; no closebench job needs it"));

        UsableTool tcpdump = UsableTool.tcpdump();
        facts.add(new MachineFact("packet capture", MetadataKey.MACHINE_CAPTURE, tcpdump.describe(),
                (tcpdump.usable() ? "enables: " : "without it: ") + "a capture of what a case puts on the wire "
                        + "(tcpdump -i lo, or inside S1's namespaces); no closebench job needs it"));

        for (NettyTransport t : List.of(NettyTransport.EPOLL, NettyTransport.IO_URING)) {
            Observer model = t == NettyTransport.EPOLL ? Observer.NETTY_EPOLL : Observer.NETTY_IOURING;
            Optional<String> why = t.unavailableReason();
            facts.add(new MachineFact(t == NettyTransport.EPOLL ? "epoll" : "io_uring",
                    t == NettyTransport.EPOLL ? MetadataKey.MACHINE_EPOLL : MetadataKey.MACHINE_IO_URING,
                    why.map(w -> "unavailable: " + w).orElse("available (Netty's native transport loads)"),
                    why.isEmpty() ? "enables: " + model + (t == NettyTransport.EPOLL
                            ? ", and S1's TCP_USER_TIMEOUT mechanisms" : "")
                            : "skipped without it: " + model + ", with this reason"));
        }

        Optional<String> affinity = Affinity.unavailableReason();
        List<String> pinned = new ArrayList<>();
        List<String> notPinned = new ArrayList<>();
        for (Placement p : List.of(Placement.SAME_CPU, Placement.CROSS_CPU)) {
            CpuPlan.unavailableReason(p).ifPresentOrElse(why -> notPinned.add(why), () -> pinned.add(p.name()));
        }
        facts.add(new MachineFact("thread affinity", MetadataKey.AFFINITY,
                affinity.map(r -> "unavailable: " + r).orElse(AFFINITY_WORKS),
                (pinned.isEmpty() ? "" : "enables: placements " + String.join(" and ", pinned)
                        + (pinned.contains("SAME_CPU") ? " (SAME_CPU is the matrix's default)" : "")
                        + (notPinned.isEmpty() ? "" : "; ")) + (notPinned.isEmpty() ? ""
                        : "skipped: " + String.join("; ", notPinned) + " (refused when named; the matrix then "
                                + "runs OS)")));

        Optional<String> virtual = VirtualThreads.unavailableReason();
        facts.add(new MachineFact("virtual threads", MetadataKey.MACHINE_VIRTUAL_THREADS,
                virtual.map(w -> "no: " + w).orElse("yes: JDK " + Runtime.version() + " runs closebench"),
                virtual.isEmpty() ? "enables: VIRTUAL (the observer on a virtual thread)"
                        : "skipped without them: VIRTUAL (run ./closebench on a JDK 21 or later: $CLOSEBENCH_JAVA)"));

        facts.add(new MachineFact("installed JDKs", MetadataKey.MACHINE_JDKS,
                InstalledJdks.describe(InstalledJdks.under(InstalledJdks.USR_LIB_JVM), InstalledJdks.USR_LIB_JVM),
                "./closebench runs on the newest (or $CLOSEBENCH_JAVA); bench --jvm PATH runs the benchmark forks on "
                        + "another, to compare JDKs"));

        Optional<Path> compiler = NativeFloor.findCompiler();
        facts.add(new MachineFact("C compiler", MetadataKey.MACHINE_C_COMPILER,
                compiler.map(Path::toString).orElse("none (" + String.join(", ", FloorProgram.COMPILERS) + " on PATH)"),
                compiler.isPresent() ? "enables: the native floor (the same detections in C, beside each Java figure)"
                        : "skipped without it: the native floor"));

        facts.add(descriptors());

        String governor = KernelFile.readTrimmed(Path.of("/sys/devices/system/cpu/cpuidle/current_governor"));
        String driver = KernelFile.readTrimmed(Path.of("/sys/devices/system/cpu/cpuidle/current_driver"));
        facts.add(new MachineFact("cpuidle governor", MetadataKey.CPUIDLE_GOVERNOR, governor,
                (governor.equals("unknown") || governor.isEmpty() ? "no cpuidle here (idle states are the hypervisor's "
                        + "or firmware's): " : "driver " + driver + "; ")
                        + "how deeply an idle CPU sleeps decides how long it takes to wake: the figures with an idle "
                        + "time before the fault include that wake-up"));

        String clocksource = KernelFile.readTrimmed(
                Path.of("/sys/devices/system/clocksource/clocksource0/current_clocksource"));
        facts.add(new MachineFact("clocksource", MetadataKey.CLOCKSOURCE, clocksource,
                "System.nanoTime(), so every t1 - t0, reads it (tsc is read in user space; hpet and acpi_pm cost a "
                        + "system call each time)"));

        int cpus = Runtime.getRuntime().availableProcessors();
        Optional<String> cross = CpuPlan.unavailableReason(Placement.CROSS_CPU);
        facts.add(new MachineFact("CPUs", MetadataKey.CPU_CORES, String.valueOf(cpus),
                "this process may use " + Affinity.allowed() + "; " + cross.map(w -> "skipped: " + w)
                        .orElse("enough for CROSS_CPU (observer on one CPU, peer on another)")
                        + "; every benchmark figure shares them with the harness and the forks"));
        return facts;
    }

    /** The value {@link MetadataKey#AFFINITY} has where thread affinity works. */
    public static final String AFFINITY_WORKS = "sched_setaffinity through JNA";

    /** The descriptor limit, then whether the largest mass death of each profile fits in it. */
    private static MachineFact descriptors() {
        String limit = ConnectionLimits.descriptorLimit().map(l -> "soft " + l.soft() + ", hard " + l.hard())
                .orElse("unknown (getrlimit cannot be called here)");
        List<String> fits = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (Profile profile : Profile.values()) {
            MassDeathPlan plan = profile.massDeath();
            int largest = plan.connections().stream().mapToInt(Integer::intValue).max().orElse(1);
            Optional<String> why = plan.faults().stream().filter(MassFault::onLoopback)
                    .map(f -> ConnectionLimits.makeRoom(f, largest)).flatMap(Optional::stream).findFirst();
            String name = profile.name().toLowerCase();
            why.ifPresentOrElse(w -> refused.add(name + " profile's N " + largest + ": " + w),
                    () -> fits.add(name + " profile's N up to " + largest));
        }
        String consequence = (fits.isEmpty() ? "" : "enables: mass death's " + String.join(" and ", fits)
                + " (closebench raises the soft limit itself, up to the hard one, or beyond it as root)")
                + (refused.isEmpty() ? "" : (fits.isEmpty() ? "" : "; ") + "skipped among the defaults, refused "
                + "when named: " + String.join("; ", refused));
        return new MachineFact("file descriptors", MetadataKey.MACHINE_FD_LIMIT, limit, consequence);
    }
}
