package io.closebench.cli;

import io.closebench.bench.BenchmarkSuite;
import io.closebench.bench.Profile;
import io.closebench.bench.SummaryTable;
import io.closebench.results.ResultsFolder;
import io.closebench.results.RunMetadata;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.openjdk.jmh.results.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code closebench bench}: the JMH benchmarks on a profile, with histograms, CSVs and a summary. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Runs every case's JMH benchmark (both observers, idle and loaded) on a profile, writes JMH's "
                + "results, HdrHistogram logs, percentile CSVs and a summary to a new folder under --results.")
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--profile", defaultValue = "quick", paramLabel = "PROFILE",
            description = "${COMPLETION-CANDIDATES}: quick (about 4 min on 2 cores) or full, what one publishes "
                    + "(about an hour) (default: ${DEFAULT-VALUE}).")
    Profile profile = Profile.QUICK;

    @Option(names = "--cpu-burners", split = ",", paramLabel = "N", defaultValue = "0",
            description = "CPU contention: threads that each keep a core busy, e.g. 0,1 (default: ${DEFAULT-VALUE}).")
    List<Integer> cpuBurners = new ArrayList<>(List.of(0));

    @Option(names = "--results", defaultValue = "results", paramLabel = "DIR",
            description = "Where the run's folder is created (default: ${DEFAULT-VALUE}).")
    Path results = Path.of("results");

    @Override
    public Integer call() throws Exception {
        validate();
        ResultsFolder folder = ResultsFolder.create(results);
        folder.writeMetadata(RunMetadata.capture(parameters(folder)));
        return RunStatus.complete(folder, () -> runInto(folder));
    }

    void validate() {
        if (cpuBurners.isEmpty() || cpuBurners.stream().anyMatch(n -> n < 0 || n > 64)) {
            throw new ParameterException(spec.commandLine(), "--cpu-burners takes whole numbers from 0 to 64, got " + cpuBurners);
        }
    }

    Map<String, String> parameters(ResultsFolder folder) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("bench.profile", suite(folder).describe());
        p.put("bench.benchmarks", String.valueOf(suite(folder).size()));
        p.put("bench.jvm_args", "-Xms256m -Xmx256m (forks)");
        return p;
    }

    void runInto(ResultsFolder folder) throws Exception {
        BenchmarkSuite suite = suite(folder);
        System.out.printf("%nclosebench benchmarks, profile %s: %d JMH benchmarks -> %s (JMH's own log: jmh-%s.log)%n",
                profile.name().toLowerCase(), suite.size(), folder.dir(), profile.name().toLowerCase());
        Collection<RunResult> results = suite.run(System.out);
        System.out.println();
        SummaryTable.write(results, folder.dir(), profile.name().toLowerCase(), System.out);
    }

    private BenchmarkSuite suite(ResultsFolder folder) {
        return new BenchmarkSuite(profile, cpuBurners.stream().map(String::valueOf).toList(), folder.dir());
    }
}
