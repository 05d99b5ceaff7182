package io.closebench.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.ProfilerConfig;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.runner.options.WarmupMode;
import org.openjdk.jmh.util.Optional;

/**
 * JMH's own command line, as given after {@code closebench bench --}, parsed by JMH itself
 * ({@link CommandLineOptions}) and laid over each JMH run of the suite: every option given here wins
 * over closebench's (iterations, times, forks, {@code -p} parameters, JVM, timeouts, ...); lists add
 * up ({@code -e} excludes and {@code -prof} profilers are added to closebench's, {@code -jvmArgsAppend}
 * comes after closebench's fork arguments, which carry where the histograms go); benchmark names
 * (JMH's include regular expressions, found in {@code package.Class.method}) narrow the suite to the
 * benchmarks they match. JMH's listing options ({@code -l}, {@code -lp}, {@code -lprof}, {@code -lrf},
 * {@code -h}) do what they do in JMH's own main, and nothing is run.
 */
public final class JmhArguments {

    private final List<String> arguments;
    private final CommandLineOptions given;

    private JmhArguments(List<String> arguments, CommandLineOptions given) {
        this.arguments = List.copyOf(arguments);
        this.given = given;
    }

    /** No JMH arguments: closebench's settings alone. */
    public static JmhArguments none() {
        return parseOrThrow(List.of());
    }

    /**
     * @throws IllegalArgumentException with JMH's own words when JMH refuses them, or when a name is
     *     not a regular expression
     */
    public static JmhArguments parse(List<String> arguments) {
        return parseOrThrow(arguments);
    }

    private static JmhArguments parseOrThrow(List<String> arguments) {
        try {
            CommandLineOptions options = new CommandLineOptions(arguments.toArray(String[]::new));
            for (String include : options.getIncludes()) {
                Pattern.compile(include);
            }
            return new JmhArguments(arguments, options);
        } catch (CommandLineOptionException e) {
            throw new IllegalArgumentException("JMH refuses " + String.join(" ", arguments) + ": " + e.getMessage(), e);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("a benchmark name JMH would take as a regular expression is none: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    public boolean isEmpty() {
        return arguments.isEmpty();
    }

    /** The arguments as given, for the run's metadata. */
    public List<String> arguments() {
        return arguments;
    }

    /** Whether the arguments only ask JMH to list or explain something ({@code -l}, {@code -h}, ...). */
    public boolean onlyLists() {
        return given.shouldHelp() || given.shouldList() || given.shouldListWithParams() || given.shouldListProfilers()
                || given.shouldListResultFormats();
    }

    /** Does what JMH's own main does for the listing options, on stdout. */
    public void list() throws IOException, RunnerException {
        if (given.shouldHelp()) {
            given.showHelp();
        } else if (given.shouldListProfilers()) {
            given.listProfilers();
        } else if (given.shouldListResultFormats()) {
            given.listResultFormats();
        } else if (given.shouldList()) {
            new Runner(given).list();
        } else if (given.shouldListWithParams()) {
            new Runner(given).listWithParams(given);
        }
    }

    /**
     * A run's include narrowed to the benchmark names given: a benchmark matches when it matches
     * {@code include} and one of the names (each found anywhere in its full name, as JMH finds it).
     */
    public String narrow(String include) {
        if (given.getIncludes().isEmpty()) {
            return include;
        }
        return "^(?=" + include + ").*?(?:" + String.join("|", given.getIncludes().stream().map(i -> "(?:" + i + ")")
                .toList()) + ")";
    }

    /** Whether a run of {@code include} holds at least one of {@code benchmarks} once narrowed. */
    public boolean selectsAny(String include, List<String> benchmarks) {
        Pattern p = Pattern.compile(narrow(include));
        return benchmarks.stream().anyMatch(b -> p.matcher(b).find());
    }

    /** How many of {@code benchmarks} a run of {@code include} holds once narrowed. */
    public long countSelected(String include, List<String> benchmarks) {
        Pattern p = Pattern.compile(narrow(include));
        return benchmarks.stream().filter(b -> p.matcher(b).find()).count();
    }

    /** {@code base} with these arguments laid over it. */
    public Options over(Options base) {
        return new Layered(base, given);
    }

    /** closebench's options below, JMH's command line on top. */
    private record Layered(Options base, CommandLineOptions top) implements Options {

        private static <T> List<T> both(Collection<T> below, Collection<T> above) {
            List<T> all = new ArrayList<>(below);
            all.addAll(above);
            return all;
        }

        @Override
        public List<String> getIncludes() {
            return base.getIncludes();
        }

        @Override
        public List<String> getExcludes() {
            return both(base.getExcludes(), top.getExcludes());
        }

        @Override
        public Optional<String> getOutput() {
            return top.getOutput().orAnother(base.getOutput());
        }

        @Override
        public Optional<ResultFormatType> getResultFormat() {
            return top.getResultFormat().orAnother(base.getResultFormat());
        }

        @Override
        public Optional<String> getResult() {
            return top.getResult().orAnother(base.getResult());
        }

        @Override
        public Optional<Boolean> shouldDoGC() {
            return top.shouldDoGC().orAnother(base.shouldDoGC());
        }

        @Override
        public List<ProfilerConfig> getProfilers() {
            return both(base.getProfilers(), top.getProfilers());
        }

        @Override
        public Optional<VerboseMode> verbosity() {
            return top.verbosity().orAnother(base.verbosity());
        }

        @Override
        public Optional<Boolean> shouldFailOnError() {
            return top.shouldFailOnError().orAnother(base.shouldFailOnError());
        }

        @Override
        public Optional<Integer> getThreads() {
            return top.getThreads().orAnother(base.getThreads());
        }

        @Override
        public Optional<int[]> getThreadGroups() {
            return top.getThreadGroups().orAnother(base.getThreadGroups());
        }

        @Override
        public Optional<Boolean> shouldSyncIterations() {
            return top.shouldSyncIterations().orAnother(base.shouldSyncIterations());
        }

        @Override
        public Optional<Integer> getWarmupIterations() {
            return top.getWarmupIterations().orAnother(base.getWarmupIterations());
        }

        @Override
        public Optional<TimeValue> getWarmupTime() {
            return top.getWarmupTime().orAnother(base.getWarmupTime());
        }

        @Override
        public Optional<Integer> getWarmupBatchSize() {
            return top.getWarmupBatchSize().orAnother(base.getWarmupBatchSize());
        }

        @Override
        public Optional<WarmupMode> getWarmupMode() {
            return top.getWarmupMode().orAnother(base.getWarmupMode());
        }

        @Override
        public List<String> getWarmupIncludes() {
            return both(base.getWarmupIncludes(), top.getWarmupIncludes());
        }

        @Override
        public Optional<Integer> getMeasurementIterations() {
            return top.getMeasurementIterations().orAnother(base.getMeasurementIterations());
        }

        @Override
        public Optional<TimeValue> getMeasurementTime() {
            return top.getMeasurementTime().orAnother(base.getMeasurementTime());
        }

        @Override
        public Optional<Integer> getMeasurementBatchSize() {
            return top.getMeasurementBatchSize().orAnother(base.getMeasurementBatchSize());
        }

        @Override
        public Collection<Mode> getBenchModes() {
            return top.getBenchModes().isEmpty() ? base.getBenchModes() : top.getBenchModes();
        }

        @Override
        public Optional<TimeUnit> getTimeUnit() {
            return top.getTimeUnit().orAnother(base.getTimeUnit());
        }

        @Override
        public Optional<Integer> getOperationsPerInvocation() {
            return top.getOperationsPerInvocation().orAnother(base.getOperationsPerInvocation());
        }

        @Override
        public Optional<Integer> getForkCount() {
            return top.getForkCount().orAnother(base.getForkCount());
        }

        @Override
        public Optional<Integer> getWarmupForkCount() {
            return top.getWarmupForkCount().orAnother(base.getWarmupForkCount());
        }

        @Override
        public Optional<String> getJvm() {
            return top.getJvm().orAnother(base.getJvm());
        }

        @Override
        public Optional<Collection<String>> getJvmArgs() {
            return top.getJvmArgs().orAnother(base.getJvmArgs());
        }

        @Override
        public Optional<Collection<String>> getJvmArgsAppend() {
            if (!top.getJvmArgsAppend().hasValue()) {
                return base.getJvmArgsAppend();
            }
            // closebench's carry -Dclosebench.out (where the fork writes its histograms): kept, the user's after
            return Optional.of(both(base.getJvmArgsAppend().orElse(List.of()), top.getJvmArgsAppend().get()));
        }

        @Override
        public Optional<Collection<String>> getJvmArgsPrepend() {
            return top.getJvmArgsPrepend().orAnother(base.getJvmArgsPrepend());
        }

        @Override
        public Optional<Collection<String>> getParameter(String name) {
            return top.getParameter(name).orAnother(base.getParameter(name));
        }

        @Override
        public Optional<TimeValue> getTimeout() {
            return top.getTimeout().orAnother(base.getTimeout());
        }
    }
}
