package io.closebench.cli;

import picocli.CommandLine.Option;

/** The matrix command's options for the pulled-cable cases (S1), kept apart from the rest. */
final class CableOptions {

    @Option(names = "--no-cable",
            description = "Skip the pulled-cable cases (S1, faults a to g': about 70 s on 2 cores, needs root and "
                    + "network namespaces); S1 then shows as pending with this reason.")
    boolean skip;

    @Option(names = "--cable-long",
            description = "Also the pulled-cable variants that take minutes: a reconnect to a dead host with the "
                    + "kernel's default SYN schedule (tcp_syn_retries 6: 131 s on Linux 6.5+; Netty's own 30 s "
                    + "connect timeout comes first), about 75 s more. Without it that row runs with tcp_syn_retries 2 "
                    + "in the server's namespace (7 s), and says so. The main job sets it with --profile full.")
    boolean longVariants;

    @Option(names = "--cable-until-kernel-aborts",
            description = "Also S1 as the note's readers quote it: the server sending to a dead host with nothing set, "
                    + "until the kernel itself aborts the connection (tcp_retries2 15: about 924.6 s by the kernel's "
                    + "model), keepalive beside it, the other mechanisms' b rows in the same table: about 16 minutes "
                    + "more. Opt-in, in no profile: closebench matrix --cases S1 --cable-until-kernel-aborts.")
    boolean untilKernelAborts;

    @Option(names = "--cable-connections", defaultValue = "20", paramLabel = "N",
            description = "Connections per mechanism and observer in the pulled-cable cases, 1-50: one pull gives N "
                    + "samples each (default: ${DEFAULT-VALUE}).")
    int connections = 20;
}
