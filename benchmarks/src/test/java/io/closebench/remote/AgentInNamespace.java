package io.closebench.remote;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.closebench.netns.NetnsCapability;
import io.closebench.netns.PeerNamespace;
import io.closebench.netns.RunningProgram;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A peer agent on a second host for the tests: {@code closebench peer} started inside a network
 * namespace the test makes ({@link PeerNamespace}, joined to this one by a veth), with a token file
 * of its own; the namespace, the agent and everything it started are removed on close. Tests that
 * cannot make namespaces are skipped with the reason.
 */
public final class AgentInNamespace implements AutoCloseable {

    public static final int PORT = 7000;
    private static final Duration START = Duration.ofSeconds(30);

    private final PeerNamespace host;
    private final Path token;
    private RunningProgram agent;
    private String started;

    private AgentInNamespace(PeerNamespace host, Path token) {
        this.host = host;
        this.token = token;
    }

    /** Skips the calling test unless namespaces can be made here. */
    public static void assumeNamespaces() {
        NetnsCapability c = NetnsCapability.probe();
        assumeTrue(c.available(), () -> "network namespaces unavailable: " + c.reason());
    }

    /** A namespace, a token, and the agent in it started with {@code flags} (--once, --portable). */
    public static AgentInNamespace start(String... flags) throws IOException, InterruptedException {
        assumeNamespaces();
        PeerNamespace host = PeerNamespace.create();
        try {
            Path token = Files.createTempFile("closebench-peer-token", ".txt");
            Files.writeString(token, SharedToken.nonce() + SharedToken.nonce());
            AgentInNamespace a = new AgentInNamespace(host, token);
            a.startAgent(flags);
            return a;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            host.close();
            throw e;
        }
    }

    /** (Re)starts the agent, waiting for its start-up line. */
    public void startAgent(String... flags) throws InterruptedException {
        agent = host.startAgent(PORT, token, flags);
        started = agent.nextLineStartingWith("closebench peer: listening", START);
    }

    /** The agent's start-up line. */
    public String startLine() {
        return started;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(host.peerAddress(), PORT);
    }

    public Path tokenFile() {
        return token;
    }

    public PeerNamespace host() {
        return host;
    }

    /** A session with the agent. */
    public RemoteHome connect() throws IOException {
        return RemoteHome.connect(address(), token);
    }

    /** The agent's next console line that starts with {@code prefix}, bounded. */
    public String nextLine(String prefix, Duration within) throws InterruptedException {
        return agent.nextLineStartingWith(prefix, within);
    }

    /** Kills the agent (SIGKILL), as a host that dies. */
    public void kill() throws InterruptedException {
        agent.close();
    }

    /** Processes inside the namespace other than the agent: children it left, once given {@code within} to go. */
    public List<Long> othersInside(Duration within) throws InterruptedException {
        long until = System.nanoTime() + within.toNanos();
        List<Long> inside;
        while (true) {
            inside = host.pidsInside();
            if (inside.size() <= 1 || System.nanoTime() - until > 0) {
                break;
            }
            Thread.sleep(50);
        }
        return inside.size() <= 1 ? List.of() : inside;
    }

    /** The agent's nftables tables now in its namespace. */
    public List<String> tablesInside() {
        return host.run("nft", "list", "tables").stdout().lines().map(String::strip)
                .filter(l -> l.contains("closebench")).toList();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            if (agent != null) {
                agent.close();
            }
        } finally {
            host.close();
            Files.deleteIfExists(token);
        }
    }
}
