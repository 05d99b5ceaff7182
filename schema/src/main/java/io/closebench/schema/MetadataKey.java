package io.closebench.schema;

/**
 * The keys of {@code metadata.csv} that the reader relies on. A run writes many more (every TCP
 * sysctl, every parameter); these are the ones with a fixed meaning. A key that starts with a job's
 * prefix says that job ran in the folder.
 */
public final class MetadataKey {

    public static final String SCHEMA_VERSION = SchemaVersion.METADATA_KEY;
    public static final String DATE = "date";
    public static final String HOST = "host";
    public static final String OS = "os";
    public static final String KERNEL = "kernel";
    /** The JDK that ran the harness process (the matrix); each benchmark fork's JDK is in its CSV rows. */
    public static final String JDK = "jdk";
    public static final String JDK_VENDOR = "jdk.vendor";
    public static final String JDK_VERSION = "jdk.version";
    /** The JVM that runs the benchmark forks (bench --jvm), its version line. */
    public static final String BENCH_JVM = "bench.jvm";
    public static final String CPU_MODEL = "cpu.model";
    public static final String CPU_CORES = "cpu.cores";
    /** The CPUs this process may run on (its affinity mask at start), e.g. "0-1". */
    public static final String CPU_LIST = "cpu.list";
    public static final String CPUIDLE_GOVERNOR = "cpuidle.governor";
    public static final String CPUIDLE_DRIVER = "cpuidle.driver";
    public static final String CPUFREQ_GOVERNOR = "cpufreq.governor";
    public static final String CLOCKSOURCE = "clocksource";
    public static final String VIRTUALIZATION = "virtualization";
    public static final String ISOLCPUS = "kernel.isolcpus";
    public static final String NOHZ_FULL = "kernel.nohz_full";
    /** Whether thread affinity works here, or why not. */
    public static final String AFFINITY = "affinity";
    public static final String GIT_COMMIT = "git.commit";
    /** closebench's own version, as built. */
    public static final String CLOSEBENCH_VERSION = "closebench.version";

    // what this machine supports, as `closebench doctor` prints it; the affinity, cpuidle governor,
    // clocksource and CPU count of the doctor are the keys above
    /** Whether this process has what network namespaces need (root, or CAP_NET_ADMIN and CAP_SYS_ADMIN), or why not. */
    public static final String MACHINE_ROOT = "machine.root";
    /** Whether network namespaces and veth pairs could be made here (tried), or why not. */
    public static final String MACHINE_NETWORK_NAMESPACES = "machine.network_namespaces";
    /** nft's version and whether it is usable here, or "nft not installed". */
    public static final String MACHINE_NFTABLES = "machine.nftables";
    /** tcpdump's version and whether it may capture here, or "tcpdump not installed". */
    public static final String MACHINE_CAPTURE = "machine.capture";
    /** Whether Netty's native epoll transport loads, or why not. */
    public static final String MACHINE_EPOLL = "machine.epoll";
    /** Whether Netty's io_uring transport loads on this kernel, or why not. */
    public static final String MACHINE_IO_URING = "machine.io_uring";
    /** Whether the harness JDK runs virtual threads (21+), or why not. */
    public static final String MACHINE_VIRTUAL_THREADS = "machine.virtual_threads";
    /** The JDKs under /usr/lib/jvm, each with its feature version and version line. */
    public static final String MACHINE_JDKS = "machine.jdks";
    /** The C compiler the native floor uses, or "none (...)". */
    public static final String MACHINE_C_COMPILER = "machine.c_compiler";
    /** The file descriptor limit at the run's start, soft and hard. */
    public static final String MACHINE_FD_LIMIT = "machine.fd_limit";
    /** What the run was: "main (matrix, then bench ...)", "matrix", "soak", ... */
    public static final String JOB = "job";

    /** The matrix's placement: "SAME_CPU: observer cpu 1, ..." (the word first). */
    public static final String MATRIX_PLACEMENT = "matrix.placement";
    /** The matrix's idle time before the fault, microseconds. */
    public static final String MATRIX_IDLE_BEFORE_FAULT_US = "matrix.idle_before_fault_us";
    /** The placements the benchmarks ran somewhere, comma-separated words of {@link Placement}. */
    public static final String BENCH_PLACEMENTS = "bench.placements";
    /** The idle times before the fault the benchmarks ran somewhere, microseconds, comma-separated. */
    public static final String BENCH_IDLE_BEFORE_FAULT_US = "bench.idle_before_fault_us";
    /** The models the benchmarks ran (or tried: skipped ones are in the summary), comma-separated. */
    public static final String BENCH_OBSERVERS = "bench.observers";
    /** The background loads the benchmarks ran somewhere, connections, comma-separated. */
    public static final String BENCH_LOADS = "bench.loads";
    /** Forks per benchmark. */
    public static final String BENCH_FORKS = "bench.forks";
    /** CPU burner counts, comma-separated. */
    public static final String BENCH_CPU_BURNERS = "bench.cpu_burners";
    /** JMH's own arguments given after {@code bench --}, as given, or "none". */
    public static final String BENCH_JMH_ARGS = "bench.jmh_args";

    public static final String MATRIX_PREFIX = "matrix.";
    public static final String BENCH_PREFIX = "bench.";
    public static final String CABLE_PREFIX = "cable.";
    public static final String MASS_DEATH_PREFIX = "massdeath.";
    public static final String SOAK_PREFIX = "soak.";
    /** Where S1 did not run, why ("skipped by --no-cable", "network namespaces unavailable: ..."). */
    public static final String CABLE_NOT_RUN = "cable";

    private MetadataKey() {
    }
}
