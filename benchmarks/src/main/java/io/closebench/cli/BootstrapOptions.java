package io.closebench.cli;

import io.closebench.analysis.stats.BootstrapSettings;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The bootstrap's settings, shared by {@code report} and {@code compare}; defaults are the analysis
 * module's. The intervals resample forks and iterations, never values expanded from a histogram, so
 * there is no expansion cap to set.
 */
final class BootstrapOptions {

    @Option(names = "--resamples", paramLabel = "N", defaultValue = "" + BootstrapSettings.DEFAULT_RESAMPLES,
            description = "Bootstrap resamples per interval (default: ${DEFAULT-VALUE}).")
    int resamples = BootstrapSettings.DEFAULT_RESAMPLES;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "" + BootstrapSettings.DEFAULT_SEED,
            description = "Seed of the bootstrap; the same seed gives the same figures (default: ${DEFAULT-VALUE}).")
    long seed = BootstrapSettings.DEFAULT_SEED;

    /** The settings, or a ParameterException (exit status 2) saying which value is wrong. */
    BootstrapSettings settings(CommandLine commandLine) {
        try {
            return BootstrapSettings.defaults().withResamples(resamples).withSeed(seed);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(commandLine, (e.getMessage().contains("resamples") ? "--resamples: " : "")
                    + e.getMessage());
        }
    }
}
