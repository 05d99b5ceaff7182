package io.closebench.cli;

import io.closebench.analysis.stats.BootstrapSettings;
import io.closebench.analysis.stats.HistogramExpansion;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The bootstrap's settings, shared by {@code report} and {@code compare}; defaults are the analysis module's. */
final class BootstrapOptions {

    @Option(names = "--resamples", paramLabel = "N", defaultValue = "" + BootstrapSettings.DEFAULT_RESAMPLES,
            description = "Bootstrap resamples per interval (default: ${DEFAULT-VALUE}).")
    int resamples = BootstrapSettings.DEFAULT_RESAMPLES;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "" + BootstrapSettings.DEFAULT_SEED,
            description = "Seed of the bootstrap; the same seed gives the same figures (default: ${DEFAULT-VALUE}).")
    long seed = BootstrapSettings.DEFAULT_SEED;

    @Option(names = "--expansion-cap", paramLabel = "N", defaultValue = "" + HistogramExpansion.DEFAULT_CAP,
            description = "Most values a histogram is expanded into for the bootstrap and Mann-Whitney; a larger "
                    + "histogram is thinned to a systematic sample of N, which widens its intervals (default: "
                    + "${DEFAULT-VALUE}).")
    int expansionCap = HistogramExpansion.DEFAULT_CAP;

    /** The settings, or a ParameterException (exit status 2) saying which value is wrong. */
    BootstrapSettings settings(CommandLine commandLine) {
        try {
            return new BootstrapSettings(resamples, BootstrapSettings.DEFAULT_CONFIDENCE_LEVEL, seed, expansionCap);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(commandLine, e.getMessage());
        }
    }
}
