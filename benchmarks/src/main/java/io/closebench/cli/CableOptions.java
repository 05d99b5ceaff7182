package io.closebench.cli;

import picocli.CommandLine.Option;

/** The matrix command's options for the pulled-cable cases (S1), kept apart from the rest. */
final class CableOptions {

    @Option(names = "--no-cable",
            description = "Skip the pulled-cable cases (S1: about 1.5 min, needs root and network namespaces); "
                    + "S1 then shows as pending with this reason.")
    boolean skip;

    @Option(names = "--cable-connections", defaultValue = "20", paramLabel = "N",
            description = "Connections per mechanism and observer in the pulled-cable cases, 1-50: one pull gives N "
                    + "samples each (default: ${DEFAULT-VALUE}).")
    int connections = 20;
}
