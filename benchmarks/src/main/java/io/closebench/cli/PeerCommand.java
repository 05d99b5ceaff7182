package io.closebench.cli;

import io.closebench.remote.agent.AgentMain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code closebench peer}: the peer agent, started by hand on the peer's host. The same as
 * {@code java -jar closebench.jar peer ...}, which reaches {@link AgentMain} without this command
 * line library: what runs on the peer's host is the portable subset of closebench.
 */
@Command(name = "peer", mixinStandardHelpOptions = true,
        description = {"Waits as the misbehaving peer for a harness on another host (matrix, bench, mass-death with "
                + "--peer HOST:PORT --peer-token-file FILE): one authenticated session at a time, connections to that "
                + "harness only, every request bounded. Needs a JDK 17 only; what this host cannot do (bash children, "
                + "the pulled cable without Linux, root and nftables) it refuses by name.",
                "On a host without this wrapper: java -jar closebench.jar peer --listen ADDR:PORT --token-file FILE"})
final class PeerCommand implements Callable<Integer> {

    @Option(names = "--listen", required = true, paramLabel = "ADDR:PORT",
            description = "Where to accept the harness's control connection, and only there.")
    String listen;

    @Option(names = "--token-file", required = true, paramLabel = "FILE",
            description = "The shared token, at least 16 characters (e.g. openssl rand -hex 32 > FILE), the same on both "
                    + "hosts.")
    Path tokenFile;

    @Option(names = "--test-port", paramLabel = "N",
            description = "Where the harness's observer connects in the client-side cases (default: the --listen port + 1).")
    Integer testPort;

    @Option(names = "--once", description = "Exit after one authenticated session.")
    boolean once;

    @Option(names = "--portable",
            description = "Leave the Linux-only parts out (bash children, the pulled cable, SIGSTOP), as on Windows: "
                    + "what needs them is refused by name.")
    boolean portable;

    @Override
    public Integer call() {
        List<String> args = new ArrayList<>(List.of("--listen", listen, "--token-file", tokenFile.toString()));
        if (testPort != null) {
            args.addAll(List.of("--test-port", String.valueOf(testPort)));
        }
        if (once) {
            args.add("--once");
        }
        if (portable) {
            args.add("--portable");
        }
        return AgentMain.run(args.toArray(String[]::new), System.out, System.err);
    }
}
