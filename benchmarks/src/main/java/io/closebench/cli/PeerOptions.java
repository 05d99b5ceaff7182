package io.closebench.cli;

import io.closebench.fault.PeerPlace;
import io.closebench.remote.HostAndPort;
import io.closebench.remote.RemoteHome;
import io.closebench.rig.PeerHome;
import io.closebench.rig.ThisHost;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Where the peer lives, for every command whose faults the peer causes (matrix, bench, mass-death):
 * this host by default, or a peer agent on another host ({@code closebench peer} there) with
 * {@code --peer HOST:PORT --peer-token-file FILE}. The one place the command line picks a
 * {@link PeerHome}.
 */
final class PeerOptions {

    @Option(names = "--peer", paramLabel = "HOST:PORT",
            description = "Run the peer on another host, where `closebench peer --listen HOST:PORT --token-file FILE` "
                    + "waits: the same cases, observers and result files, across a real network (default: this host).")
    String peer;

    @Option(names = "--peer-token-file", paramLabel = "FILE",
            description = "The token the peer agent was started with (the same file's content on both hosts).")
    Path tokenFile;

    /** Whether a peer agent was named. */
    boolean remote() {
        return peer != null;
    }

    /**
     * The home the options name: this host, or a session with the peer agent, authenticated.
     *
     * @throws ParameterException (exit status 2) for --peer without a token file or with a bad address, or an
     *     agent that cannot be reached or refuses the session, saying why
     */
    PeerHome home(CommandSpec spec) {
        if (peer == null) {
            if (tokenFile != null) {
                throw new ParameterException(spec.commandLine(), "--peer-token-file without --peer: name the agent, "
                        + "--peer HOST:PORT");
            }
            return new ThisHost();
        }
        InetSocketAddress agent = agent(spec);
        try {
            return RemoteHome.connect(agent, tokenFile);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--peer " + peer + ": " + e.getMessage());
        }
    }

    /** The agent's address; the token file checked (bad input: exit status 2). */
    InetSocketAddress agent(CommandSpec spec) {
        if (tokenFile == null) {
            throw new ParameterException(spec.commandLine(), "--peer needs --peer-token-file FILE: no token, no session");
        }
        try {
            return HostAndPort.parse(peer);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--peer: " + e.getMessage());
        }
    }

    /** The JVM arguments that give a benchmark fork the same agent: it opens a session of its own. */
    List<String> forkArguments() {
        if (peer == null) {
            return List.of();
        }
        return List.of("-D" + RemoteHome.PEER_PROPERTY + "=" + peer,
                "-D" + RemoteHome.TOKEN_FILE_PROPERTY + "=" + tokenFile.toAbsolutePath());
    }

    /** The run's metadata about where the peer ran. */
    static Map<String, String> metadata(PeerHome home) {
        Map<String, String> m = new LinkedHashMap<>();
        PeerPlace p = home.place();
        m.put("peer.home", home.describe());
        m.put("peer.host", p.host());
        m.put("peer.os", p.osAndVersion());
        m.put("peer.jdk", p.jdk());
        if (home instanceof RemoteHome r) {
            m.put("peer.rtt_us", String.format(java.util.Locale.ROOT, "%.1f", r.roundTrip() / 1e3));
            m.put("peer.capabilities", r.capabilities().describe());
        }
        return m;
    }
}
