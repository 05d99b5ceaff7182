package io.closebench.results;

import io.closebench.machine.KernelFile;
import io.closebench.machine.MachineFact;
import io.closebench.machine.MachineFacts;
import io.closebench.placement.Affinity;
import io.closebench.schema.MetadataKey;
import io.closebench.schema.SchemaVersion;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Everything a reader needs to judge a result: the OS and kernel, the JDK and its flags, the CPU,
 * the TCP settings that change detection times, the git commit, the date, and the run's own
 * parameters. Captured once per run and written next to its results.
 */
public final class RunMetadata {

    /** Kernel settings that decide how fast and how a connection's end shows. */
    private static final List<String> TCP_SYSCTLS = List.of("tcp_keepalive_time", "tcp_keepalive_intvl",
            "tcp_keepalive_probes", "tcp_retries2", "tcp_fin_timeout", "tcp_tw_reuse", "tcp_rmem", "tcp_wmem");

    private final Map<String, String> values;

    private RunMetadata(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** Reads this machine and JVM, then appends {@code parameters} (the run's own settings) in order. */
    public static RunMetadata capture(Map<String, String> parameters) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(MetadataKey.SCHEMA_VERSION, String.valueOf(SchemaVersion.CURRENT));
        m.put(MetadataKey.DATE, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        m.put(MetadataKey.HOST, hostName());
        m.put(MetadataKey.OS, System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        m.put(MetadataKey.KERNEL, System.getProperty("os.version"));
        m.put(MetadataKey.JDK, jdk());
        m.put(MetadataKey.JDK_VENDOR, System.getProperty("java.vendor"));
        m.put(MetadataKey.JDK_VERSION, System.getProperty("java.runtime.version"));
        m.put("jvm.flags", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        m.put(MetadataKey.CPU_MODEL, cpuModel());
        m.put(MetadataKey.CPU_LIST, Affinity.allowed().toString());
        m.put(MetadataKey.CPUIDLE_DRIVER, readTrimmed(Path.of("/sys/devices/system/cpu/cpuidle/current_driver")));
        m.put(MetadataKey.CPUFREQ_GOVERNOR, cpufreqGovernor());
        m.put(MetadataKey.VIRTUALIZATION, virtualization());
        String cmdline = readTrimmed(Path.of("/proc/cmdline"));
        m.put(MetadataKey.ISOLCPUS, kernelParameter(cmdline, "isolcpus"));
        m.put(MetadataKey.NOHZ_FULL, kernelParameter(cmdline, "nohz_full"));
        m.put(MetadataKey.GIT_COMMIT, BuildInfo.current().commitDescription());
        m.put(MetadataKey.CLOSEBENCH_VERSION, BuildInfo.current().version());
        // what `closebench doctor` prints, from the same probes: affinity, cpuidle.governor, clocksource,
        // cpu.cores, and the machine.* keys
        for (MachineFact f : MachineFacts.here()) {
            m.put(f.key(), f.value());
        }
        for (String sysctl : TCP_SYSCTLS) {
            m.put("net.ipv4." + sysctl, readTrimmed(Path.of("/proc/sys/net/ipv4", sysctl)).replaceAll("\\s+", " "));
        }
        m.putAll(parameters);
        return new RunMetadata(m);
    }

    public Map<String, String> values() {
        return values;
    }

    public String get(String key) {
        return values.getOrDefault(key, "");
    }

    /** "OpenJDK 64-Bit Server VM 17.0.15+6-Debian-1deb12u1 (Debian)". */
    public static String jdk() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + ")";
    }

    private static String cpufreqGovernor() {
        Path governor = Path.of("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor");
        return Files.exists(governor) ? readTrimmed(governor) : "none (no cpufreq: the hypervisor or firmware sets the frequency)";
    }

    /** The hypervisor flag of /proc/cpuinfo, and systemd-detect-virt's word where it exists. */
    private static String virtualization() {
        boolean flag;
        try {
            flag = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .anyMatch(l -> l.startsWith("flags") && (" " + l + " ").contains(" hypervisor "));
        } catch (IOException e) {
            flag = false;
        }
        String detected = run("systemd-detect-virt");
        return (flag ? "hypervisor flag set" : "no hypervisor flag") + (detected.isEmpty() ? "" : "; systemd-detect-virt: " + detected);
    }

    /** {@code name=value} from the kernel command line, or "not set". */
    private static String kernelParameter(String cmdline, String name) {
        for (String word : cmdline.split("\\s+")) {
            if (word.startsWith(name + "=")) {
                return word.substring(name.length() + 1);
            }
        }
        return "not set";
    }

    static String hostName() {
        String fromFile = readTrimmed(Path.of("/etc/hostname"));
        if (!fromFile.equals("unknown")) {
            return fromFile;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "";
            }
            return p.exitValue() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static String readTrimmed(Path p) {
        return KernelFile.readTrimmed(p);
    }
}
