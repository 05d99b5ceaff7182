package io.closebench.remote.agent.linux;

import io.closebench.cable.CableFault;
import io.closebench.cable.CablePeerMain;
import io.closebench.fault.ChildClassPath;
import io.closebench.fault.ChildMessage;
import io.closebench.fault.ChildMessage.Word;
import io.closebench.fault.ChildProcess;
import io.closebench.netns.BoundedCommand;
import io.closebench.remote.agent.AgentObject;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The client host of one pulled-cable trial, on a Linux peer as root: the same client program as in
 * the namespace topology ({@link CablePeerMain}, a child JVM that opens the trial's connections to
 * the observer and answers its pings), and the faults done to it on this host: the cable pulled for
 * those connections only ({@link NftPull}), the client killed, its TCP state wiped ({@code ss -K}, as
 * a reboot does), the process frozen (SIGSTOP), the application told to stop reading; the cable
 * plugged back. t0 is this host's clock right before the call that causes the fault.
 *
 * <p>Fields of its OPEN: {@code fault capSeconds receiveBuffer servicePort pullBoundMs port:count...}.
 */
final class CableObject implements AgentObject {

    private final CableFault fault;
    private final InetAddress observer;
    private final List<Integer> ports;
    private final int servicePort;
    private final Duration pullBound;
    private final ChildProcess client;
    private NftPull pull;
    private boolean frozen;

    private CableObject(CableFault fault, InetAddress observer, List<Integer> ports, int servicePort, Duration pullBound,
                        ChildProcess client) {
        this.fault = fault;
        this.observer = observer;
        this.ports = ports;
        this.servicePort = servicePort;
        this.pullBound = pullBound;
        this.client = client;
    }

    static CableObject open(List<String> f, InetAddress observer, InetAddress here) throws IOException {
        if (f.size() < 6) {
            throw new IllegalArgumentException("OPEN CABLE takes fault capSeconds receiveBuffer servicePort pullBoundMs "
                    + "port:count...");
        }
        CableFault fault = CableFault.valueOf(f.get(0));
        int capSeconds = Integer.parseInt(f.get(1));
        int receiveBuffer = Integer.parseInt(f.get(2));
        int servicePort = Integer.parseInt(f.get(3));
        long pullBoundMs = Long.parseLong(f.get(4));
        if (capSeconds < 1 || capSeconds > 3600 || pullBoundMs < 1 || pullBoundMs > 3_600_000) {
            throw new IllegalArgumentException("a client lives 1-3600 s and a pull lasts 1 ms-1 h");
        }
        List<String> args = new ArrayList<>(List.of(observer.getHostAddress(), String.valueOf(capSeconds), "unpinned"));
        if (receiveBuffer > 0) {
            args.add("rcvbuf=" + receiveBuffer);
        }
        if (servicePort > 0) {
            args.add("listen=" + here.getHostAddress() + ":" + servicePort);
        }
        List<Integer> ports = new ArrayList<>();
        int total = 0;
        for (String pc : f.subList(5, f.size())) {
            String[] p = pc.split(":");
            int port = Integer.parseInt(p[0]);
            int count = Integer.parseInt(p[1]);
            total += count;
            if (port < 1 || port > 65535 || count < 1 || total > 20_000) {
                throw new IllegalArgumentException("a group is port:count, ports 1-65535, at most 20000 connections");
            }
            ports.add(port);
            args.add(port + ":" + count);
        }
        ChildProcess client = ChildProcess.start("the client host", new ProcessBuilder(
                ChildClassPath.jvmCommand(CablePeerMain.class, "-Xmx96m", args)));
        return new CableObject(fault, observer, List.copyOf(ports), servicePort, Duration.ofMillis(pullBoundMs), client);
    }

    @Override
    public List<Object> handle(Word word, List<String> fields, long deadline) throws Exception {
        switch (word) {
            case AWAIT -> {
                while (!client.next(deadline, "its connections").is(Word.ALL_CONNECTED)) {
                    // CONNECTED: the observer's accepts say the same
                }
                return List.of();
            }
            case INJECT -> {
                long t0;
                long returned = -1;
                if (fault.freezesClient()) {
                    t0 = System.nanoTime();
                    BoundedCommand.runChecked("kill", "-s", "STOP", String.valueOf(client.pid()));
                    frozen = true;
                } else if (fault.stopsReading()) {
                    t0 = System.nanoTime();
                    client.send(ChildMessage.of(Word.FAULT, t0, t0));
                } else {
                    t0 = System.nanoTime();
                    pull = NftPull.pull(observer, ports, fault.reconnects() ? servicePort : 0, pullBound);
                    returned = System.nanoTime();
                }
                return List.of(t0, returned);
            }
            case AFTER -> {
                if (fault.killsClient()) {
                    client.kill();
                }
                if (fault.wipesClientTcpState()) {
                    // what a reboot does to the client's TCP stack: its sockets of the trial gone, no RST (the cable is out)
                    BoundedCommand.runChecked(BoundedCommand.DEFAULT_TIMEOUT, wipeCommand());
                }
                return List.of();
            }
            case PLUG -> {
                if (pull == null) {
                    throw new IllegalStateException("the cable was never pulled");
                }
                long at = System.nanoTime();
                pull.plug();
                return List.of(at, System.nanoTime());
            }
            default -> throw new IllegalArgumentException(word + " is not a request a cable's client host answers");
        }
    }

    /** {@code ss -K} of this host's TCP sockets to the observer's ports of the trial, and nothing else. */
    private List<String> wipeCommand() {
        List<String> argv = new ArrayList<>(List.of("ss", "-K", "-t", "-a", "-n", "dst", observer.getHostAddress(), "and",
                "("));
        for (int i = 0; i < ports.size(); i++) {
            if (i > 0) {
                argv.add("or");
            }
            argv.add("dport = :" + ports.get(i));
        }
        argv.add(")");
        return argv;
    }

    @Override
    public void close() {
        if (frozen && client.isAlive()) {
            try {
                client.kill(); // a stopped process cannot read the EOF that would end it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        client.close();
        if (pull != null) {
            pull.close();
        }
    }
}
