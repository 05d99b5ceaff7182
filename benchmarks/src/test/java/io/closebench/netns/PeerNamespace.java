package io.closebench.netns;

import io.closebench.fault.ChildClassPath;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A second host for the tests of the peer agent: a network namespace of its own ({@code cb-<pid>-peer<n>},
 * swept like every project namespace), joined to this namespace by a veth pair with an RFC 2544 /30
 * of its own (from 198.19.0.0/16, apart from the host pairs' 198.18.0.0/16): a second network stack,
 * reached over a real link, as another machine would be. The veth's end here ({@code cbp<n>x<pid>})
 * holds {@link #hereAddress()}; the namespace's end {@link #peerAddress()}. Removing the namespace
 * (close, or the sweep of a dead JVM's) removes the veth pair with it, and kills what runs inside.
 */
public final class PeerNamespace implements AutoCloseable {

    private final String namespace;
    private final String hereDevice;
    private final Rfc2544Subnet subnet;
    private boolean closed;

    private PeerNamespace(int n) {
        long pid = ProcessHandle.current().pid();
        this.namespace = NamespaceNames.ownedByThisJvm("peer" + n);
        this.hereDevice = ("cbp" + n + "x" + pid);
        // the upper half of the /15: 198.19.x.y, one /30 per JVM and pair
        this.subnet = Rfc2544Subnet.forPair(16384 + (int) ((pid * 8 + n) % 16384));
    }

    /** A fresh namespace, its veth up on both ends; whatever was made is removed if a step fails. */
    public static PeerNamespace create() {
        PeerNamespace p = new PeerNamespace(NamespaceNames.nextPairNumber());
        if (p.hereDevice.length() > 15) {
            throw new IllegalStateException("interface name too long: " + p.hereDevice);
        }
        try {
            p.build();
            return p;
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
    }

    private void build() {
        NamespaceRemoval.removeIfPresent(namespace);
        IpNetns.add(namespace);
        BoundedCommand.runChecked("ip", "-n", namespace, "link", "set", "lo", "up");
        BoundedCommand.runChecked("ip", "link", "add", hereDevice, "type", "veth", "peer", "name", "veth-peer", "netns",
                namespace);
        BoundedCommand.runChecked("ip", "addr", "add", subnet.serverCidr(), "dev", hereDevice);
        BoundedCommand.runChecked("ip", "-n", namespace, "addr", "add", subnet.clientCidr(), "dev", "veth-peer");
        BoundedCommand.runChecked("ip", "link", "set", hereDevice, "up");
        BoundedCommand.runChecked("ip", "-n", namespace, "link", "set", "veth-peer", "up");
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!usable()) {
            if (System.nanoTime() - until > 0) {
                throw new IllegalStateException("the peer namespace's link did not come up within 5 s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    private boolean usable() {
        String here = BoundedCommand.run("ip", "-o", "route", "show", "dev", hereDevice).stdout();
        String there = BoundedCommand.run("ip", "-n", namespace, "-o", "route", "show", "dev", "veth-peer").stdout();
        return here.contains(subnet.networkCidr()) && !here.contains("linkdown") && there.contains(subnet.networkCidr())
                && !there.contains("linkdown")
                && BoundedCommand.run("ip", "-o", "link", "show", "dev", hereDevice).stdout().contains("LOWER_UP");
    }

    public String namespace() {
        return namespace;
    }

    /** This namespace's address on the link: where the observer listens. */
    public InetAddress hereAddress() {
        return subnet.serverAddress();
    }

    /** The peer namespace's address: where its agent listens. */
    public InetAddress peerAddress() {
        return subnet.clientAddress();
    }

    /** {@code ip netns exec <namespace> <command...>}. */
    public ProcessBuilder processIn(String... command) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        argv.addAll(List.of(command));
        return new ProcessBuilder(argv);
    }

    /** A command's argv run inside, bounded. */
    public CommandResult run(String... command) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        argv.addAll(List.of(command));
        return BoundedCommand.run(BoundedCommand.DEFAULT_TIMEOUT, argv);
    }

    /**
     * {@code closebench peer} started inside, as a user starts it on another host: the agent's main on
     * closebench's class path, its JVM this one's.
     */
    public RunningProgram startAgent(int port, Path tokenFile, String... more) {
        List<String> argv = new ArrayList<>(List.of(ChildClassPath.javaLauncher(), "-Xmx128m", "-cp", ChildClassPath.get(),
                "io.closebench.remote.agent.AgentMain", "--listen", peerAddress().getHostAddress() + ":" + port,
                "--token-file", tokenFile.toString()));
        argv.addAll(List.of(more));
        return RunningProgram.start(processIn(argv.toArray(String[]::new)).redirectErrorStream(true));
    }

    /** The pids of every process inside the namespace now. */
    public List<Long> pidsInside() {
        return IpNetns.pidsInside(namespace);
    }

    /** Removes the namespace (and with it the veth pair and whatever runs inside). Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        NamespaceRemoval.removeIfPresent(namespace);
        if (BoundedCommand.run("ip", "link", "show", "dev", hereDevice).succeeded()) {
            BoundedCommand.run("ip", "link", "delete", hereDevice);
        }
        closed = true;
    }

    @Override
    public String toString() {
        return namespace + " " + subnet.clientCidr() + " <-> " + hereDevice + " " + subnet.serverCidr();
    }
}
