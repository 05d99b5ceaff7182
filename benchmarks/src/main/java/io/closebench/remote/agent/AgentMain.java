package io.closebench.remote.agent;

import io.closebench.remote.HostAndPort;
import io.closebench.remote.SharedToken;
import io.closebench.remote.agent.linux.LinuxHost;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code closebench peer} (and {@code java -jar closebench.jar peer}): starts a peer agent. Parses its
 * own arguments, without the harness's command-line library, so that what runs on the peer's host
 * is the portable subset of closebench and nothing else:
 *
 * <pre>
 * closebench peer --listen ADDR:PORT --token-file FILE [--test-port N] [--once] [--portable]
 * </pre>
 *
 * Bad arguments are refused in one line with exit status 2; a token file that cannot be read or is
 * too short likewise.
 */
public final class AgentMain {

    static final String USAGE = "usage: closebench peer --listen ADDR:PORT --token-file FILE [--test-port N] [--once] "
            + "[--portable]";

    private AgentMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the agent until it is stopped (or, with --once, its first session ended); returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        AgentConfig config;
        try {
            config = parse(List.of(args));
        } catch (IllegalArgumentException e) {
            err.println("closebench peer: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (IOException e) {
            err.println("closebench peer: " + e.getMessage());
            return 2;
        }
        if (config == null) {
            out.println(USAGE);
            out.println(HELP);
            return 0;
        }
        try (PeerAgent agent = PeerAgent.bind(config)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                agent.close();
                config.host().close();
            }, "peer-agent-exit"));
            out.println("closebench peer: listening on " + address(agent.controlAddress()) + " (control), test port "
                    + agent.capabilities().testPort() + "; " + agent.place().os() + " " + agent.place().osVersion() + ", "
                    + agent.place().jdk() + "; " + agent.capabilities().describe() + "; " + config.host().describe()
                    + (config.once() ? "; exits after one session (--once)" : ""));
            out.flush();
            agent.serve();
            return 0;
        } catch (IOException e) {
            err.println("closebench peer: " + e.getMessage());
            return 1;
        } finally {
            config.host().close();
        }
    }

    static final String HELP = String.join(System.lineSeparator(),
            "The misbehaving end of closebench's cases, on this host; the harness drives it with --peer ADDR:PORT.",
            "  --listen ADDR:PORT   where to accept the harness's control connection (only there)",
            "  --token-file FILE    the shared token (at least 16 characters) both ends hold",
            "  --test-port N        where the harness's observer connects in the client-side cases (default: PORT+1)",
            "  --once               exit after one authenticated session",
            "  --portable           leave the Linux-only parts out (bash children, the pulled cable, SIGSTOP),",
            "                       as on Windows: what needs them is refused by name");

    /** The configuration, or null for --help. */
    static AgentConfig parse(List<String> args) throws IOException {
        InetSocketAddress listen = null;
        Path tokenFile = null;
        Integer testPort = null;
        boolean once = false;
        boolean portable = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--listen" -> listen = HostAndPort.parse(value(args, ++i, a));
                case "--token-file" -> tokenFile = Path.of(value(args, ++i, a));
                case "--test-port" -> testPort = port(value(args, ++i, a), a, true);
                case "--once" -> once = true;
                case "--portable" -> portable = true;
                case "-h", "--help" -> {
                    return null;
                }
                default -> throw new IllegalArgumentException("unknown argument '" + a + "'");
            }
        }
        if (listen == null) {
            throw new IllegalArgumentException("--listen ADDR:PORT is required: the agent listens only where it is told");
        }
        if (tokenFile == null) {
            throw new IllegalArgumentException("--token-file FILE is required: no token, no session");
        }
        SharedToken token = SharedToken.read(tokenFile);
        int test = testPort != null ? testPort : listen.getPort() == 0 ? 0 : listen.getPort() + 1;
        if (test > 65535) {
            throw new IllegalArgumentException("--listen port " + listen.getPort() + " leaves no test port: give --test-port");
        }
        Optional<String> bash = portable ? Optional.of("left out by --portable") : BashProbe.probe();
        return new AgentConfig(listen, test, token, once, bash, facilities(portable));
    }

    /** The Linux parts where this is Linux and they are wanted; nothing beyond the JDK otherwise. */
    private static HostFacilities facilities(boolean portable) {
        if (portable) {
            return HostFacilities.none("left out by --portable");
        }
        if (!System.getProperty("os.name", "").equalsIgnoreCase("Linux")) {
            return HostFacilities.none("this is " + System.getProperty("os.name"));
        }
        return LinuxHost.probe();
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    private static int port(String s, String what, boolean zeroAllowed) {
        try {
            int p = Integer.parseInt(s);
            if (p < (zeroAllowed ? 0 : 1) || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": '" + s + "' is not a port (" + (zeroAllowed ? 0 : 1) + "-65535)");
        }
    }

    private static String address(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }
}
