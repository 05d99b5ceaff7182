/**
 * Two test hosts on one Linux machine, joined by a cable that can be pulled: the "pulled network
 * cable" case of closebench, built from network namespaces and a veth pair with the iproute2
 * {@code ip} command.
 *
 * <p>Start with {@link io.closebench.netns.NetnsCapability#probe()} (skip the case with its
 * reason if unavailable), then {@link io.closebench.netns.LeftoverSweep#sweep()} once, then
 * {@link io.closebench.netns.HostPair#create()} in try-with-resources. Programs run "on" either
 * host through {@link io.closebench.netns.HostPair#processIn(String, String...)}.
 *
 * <p>Safety rules built into the package, because it runs as root on shared machines:
 * <ul>
 *   <li>Every namespace it creates or deletes carries the prefix {@code cb-} and the creating
 *       JVM's pid ({@link io.closebench.netns.NamespaceNames}); deletion of anything else is
 *       refused in code ({@link io.closebench.netns.IpNetns}).</li>
 *   <li>Nothing is configured in the namespace the JVM runs in: the veth pair is created inside
 *       the server namespace with its peer placed straight into the client namespace.</li>
 *   <li>Addresses come from 198.18.0.0/15, the RFC 2544 benchmarking block
 *       ({@link io.closebench.netns.Rfc2544Subnet}).</li>
 *   <li>Sysctls are written only under {@code net.}, only inside the pair's namespaces, and each
 *       write is checked not to have changed the JVM's own namespace.</li>
 *   <li>Every external command has a timeout ({@link io.closebench.netns.BoundedCommand}) and
 *       reports the command's stderr when it fails.</li>
 *   <li>Namespaces go away on close, on a failed create, at JVM shutdown (including Ctrl-C), and
 *       after SIGKILL at the next sweep.</li>
 * </ul>
 *
 * <p>Observed on Linux 6.18 with iproute2 6.1 (see the tests): after the client end goes down,
 * a new connect from the client fails at once with ENETUNREACH; a write on an established
 * connection still succeeds (it only queues; retransmissions fail route lookup and the data
 * stays unsent) and the connection survives if the cable is plugged back before
 * {@code tcp_retries2} runs out. The server end shows NO-CARRIER and its connected route is
 * flagged {@code linkdown}, but its sends return no error: the packets are dropped at the veth.
 */
package io.closebench.netns;
