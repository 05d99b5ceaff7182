package io.closebench.cli;

import io.closebench.machine.MachineFact;
import io.closebench.results.BuildInfo;
import io.closebench.machine.MachineFacts;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code closebench doctor}: what this machine supports, one fact a line, each with what it enables or
 * what is skipped without it, before a run finds out half-way. The facts come from the probes the runs
 * use ({@link MachineFacts}) and go into every run's metadata as well. Always exit status 0: a missing
 * capability is a fact, not an error.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Prints what this machine supports and what each fact enables, or what is skipped without it: "
                + "root, network namespaces (tried), nftables, packet capture (tcpdump), Netty's epoll and io_uring, "
                + "thread affinity, virtual threads (JDK 21+) and the JDKs under /usr/lib/jvm, a C compiler, the file "
                + "descriptor limit against mass death's N, the cpuidle governor, the clocksource, the CPUs. Runs "
                + "nothing that measures (about a second); every run records the same facts in its metadata.csv.",
                "Exit status 0 whatever it finds."})
final class DoctorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        BuildInfo build = BuildInfo.current();
        out.println("closebench doctor: what this machine supports (closebench " + build.version() + ", commit "
                + build.commit().map(c -> c.substring(0, 12) + (build.dirty() ? "-dirty" : "")).orElse("unknown")
                + ", JDK " + Runtime.version() + ")");
        for (MachineFact fact : MachineFacts.here()) {
            out.println("  " + fact.line());
        }
        out.println("Every run records these facts in its metadata.csv (the machine.* keys, affinity, cpuidle.governor, "
                + "clocksource, cpu.cores).");
        out.flush();
        return 0;
    }
}
