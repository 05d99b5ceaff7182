/**
 * What S1 is made of, apart from the rig that runs its trials ({@code io.closebench.s1}): the
 * faults, the detection mechanisms and the rules that predict each one, and the topology a pulled
 * cable needs.
 *
 * <ul>
 *   <li>Faults: {@link CableFault}, (a) to (g'): a pulled cable, a rebooted host, a frozen or
 *       non-reading peer, a reconnect to a dead host; each says what it does to the client host and
 *       what the server does meanwhile ({@link Workload}).</li>
 *   <li>Mechanisms: one {@link Mechanism} per way a server may find out ({@link KernelDefaults},
 *       {@link ShortRetries}, {@link TcpKeepalive}, {@link ReadDeadline}, {@link AppHeartbeat},
 *       {@link UserTimeout}, {@link KeepaliveWithUserTimeout}, {@link ConnectTimeout}, {@link SynRetries},
 *       and any mix of them as a {@link Combination}); each gives the socket settings it needs and,
 *       per fault, a {@link Theory}: the time its own rules predict and the instant it counts from.</li>
 *   <li>Rules, as the kernel computes them: {@link RetransmissionTimeoutModel} (the RTO schedule, the
 *       abort of {@code tcp_retries2}, the SYN schedule; replayed on the {@link TimerWheel} where the
 *       kernel's trace gives a connection's own timer), {@link NeighbourResolution} (segments queued
 *       behind ARP), {@link ConnectTheory}, {@link RuleSchedule} (the segments the rules expect).</li>
 *   <li>Topology: {@link PulledCableHosts}, two hosts and a cable, whose server is always this JVM:
 *       {@link NamespaceHosts} on this machine (network namespaces joined by a veth; the client a
 *       child JVM, {@link CablePeerMain}, whose program {@link CableClient} drives); what the server
 *       host sent and received, and its kernel's own account, by {@link CableCapture}.</li>
 * </ul>
 *
 * <p>Contracts only: what this kernel was measured to do lives in {@code docs/findings-s1.md} and
 * {@code docs/findings-s1-kernel-rules.md}.
 */
package io.closebench.cable;
