/**
 * The note's S1, for real: the client's cable pulled (and the client killed), the host rebooted,
 * the cable plugged back, the peer frozen, the peer alive but not reading, and a reconnect to the
 * dead host; and how long a Java server takes to find out, with each detection mechanism, through
 * each API, next to what the mechanism's own rules predict.
 *
 * <p>Two hosts per trial ({@link io.closebench.netns.HostPair}): the client is a child JVM inside
 * the client's network namespace ({@link io.closebench.cable.CablePeerMain}), the process a fault
 * kills or freezes; the server is this JVM, its observers' sockets made in the server's namespace
 * ({@link io.closebench.netns.NamespaceThread}), so every socket lives where it should, the cable
 * between them can really be pulled, and every instant is one {@code System.nanoTime()}. Each
 * trial gives one fault to many connections at once (one pull, many samples).
 *
 * <ul>
 *   <li>Faults: {@link io.closebench.cable.CableFault} (a) pulled, idle; (b) pulled while sending;
 *       (c) host rebooted; (c') client killed, kernel alive, cable back; (d) cable back, client
 *       alive; (e) SIGSTOP; (f) client alive, stops reading, the window closes; (g) reconnect to
 *       the dead host on the same link; (g') the same with its link-layer address pinned.</li>
 *   <li>Mechanisms: {@link io.closebench.cable.KernelDefaults}, {@link io.closebench.cable.ShortRetries}
 *       ({@code tcp_retries2} in the server's namespace only), {@link io.closebench.cable.TcpKeepalive},
 *       {@link io.closebench.cable.ReadDeadline} (a local timer, not a detection),
 *       {@link io.closebench.cable.AppHeartbeat}, {@link io.closebench.cable.UserTimeout}
 *       ({@code TCP_USER_TIMEOUT}, Netty's native transports only: the JDK has no option for it,
 *       and reaching its socket's descriptor for a setsockopt through JNA takes
 *       {@code --add-opens java.base/sun.nio.ch} and {@code java.base/java.net}, which is no
 *       program's API), {@link io.closebench.cable.KeepaliveWithUserTimeout} (both at once, with
 *       settings that disagree); for a connect {@link io.closebench.cable.ConnectTimeout} and
 *       {@link io.closebench.cable.SynRetries} ({@code tcp_syn_retries} in the server's
 *       namespace).</li>
 *   <li>Observers: every single-connection {@link io.closebench.schema.Observer}: BLOCKING,
 *       VIRTUAL, NIO, NETTY_NIO, NETTY_EPOLL, NETTY_IOURING; a reconnect through each model's own
 *       connect ({@link io.closebench.observe.ObserverSide#dial}).</li>
 *   <li>Predictions: {@link io.closebench.cable.Theory} from the kernel's own rules:
 *       {@link io.closebench.cable.RetransmissionTimeoutModel} ({@code tcp_model_timeout}, and the
 *       SYN schedule of {@code tcp_write_timeout}), {@link io.closebench.cable.NeighbourResolution}
 *       (segments queued behind ARP), {@link io.closebench.cable.ConnectTheory} (what ends a
 *       connect to a dead host).</li>
 *   <li>Output: {@link io.closebench.s1.CableTable}, {@link io.closebench.s1.CableCsv}; in the
 *       matrix command through {@link io.closebench.s1.CableSection}.</li>
 * </ul>
 *
 * <p>For a benchmark harness (JMH single shot), the API is
 * {@link io.closebench.s1.CableExperiment#measure(CableFault, Mechanism, Observer, int, CableSettings)}:
 * one fault, one mechanism, one observer, N connections, one {@link io.closebench.s1.CableSample}
 * per connection.
 *
 * <p>What this kernel (Linux 6.18) showed, every time:
 * <ul>
 *   <li>With nothing set, an idle Java server never notices: no keepalive, nothing sent, nothing
 *       fails; after a reboot the connection stays half-open for good.</li>
 *   <li>Keepalive does nothing while data is unacknowledged: retransmissions decide (924.6 s with
 *       {@code tcp_retries2 = 15}). {@code TCP_USER_TIMEOUT} is the setting that bounds that case.</li>
 *   <li>The kernel's "Connection timed out" is often "No route to host": the server forgets the
 *       client's MAC when its end loses carrier, its ARP for it fails after 3 s, and the local ICMP
 *       host-unreachable that raises is kept on the socket and reported instead of ETIMEDOUT. The
 *       same ICMP undoes RTO backoff (RFC 6069), so {@code tcp_retries2 = 5} aborts at about 15.4 s,
 *       not the 12.6 s the kernel's own model gives.</li>
 *   <li>After a plug, data does not wait for the next retransmission: everything sent during the
 *       outage sits in the ARP entry's queue and leaves with the answer to the next ARP request
 *       (every 1 s from the first send after the pull).</li>
 *   <li>A killed process is not a dead host: its kernel keeps the socket and sends the FIN once the
 *       cable is back, so the server reads a clean EOF.</li>
 *   <li>A frozen peer passes every TCP check; only the application heartbeat notices.</li>
 *   <li>A peer that stops reading keeps the connection open for good: its kernel answers every
 *       zero-window probe, an answered probe resets the count {@code tcp_retries2} limits, and
 *       keepalive never probes while data is queued. {@code TCP_USER_TIMEOUT} does end it (since
 *       Linux 5.11), the user timeout after the window probing began (1.01x); the heartbeat and the
 *       read deadline fire on their own timers (1.00x) while the kernel still has it ESTAB. The
 *       probing begins at the persist timer's first expiry, and again from the next one when that
 *       probe found the window open a crack (the receiver collapsed its queue and took ~100 bytes).</li>
 *   <li>Reconnecting to a dead host on the same link fails with EHOSTUNREACH 3 s after the connect
 *       call on every model (3 ARP requests 1 s apart; 1.03x), not after the SYN retransmissions: the
 *       SYNs wait in the neighbour entry's queue, and when it fails the local host-unreachable
 *       error aborts a SYN_SENT socket at once. More than about 40 connects at once overflow that
 *       queue (212992 B), and the overflow fails a whole resolution later. With the address pinned
 *       the SYN schedule decides: this kernel (6.5+) keeps the SYN RTO at 1 s for 4 linear timeouts
 *       before doubling, and gives up at the first timer once {@code tcp_syn_retries} + 4 SYNs were
 *       retransmitted or {@code tcp_model_timeout(syn_retries, 1 s)} has passed: 3, 7, 19 s for 1,
 *       2, 3 retries, 131 s (not 127 s) for the default 6. {@code TCP_USER_TIMEOUT} bounds
 *       SYN_SENT (since Linux 5.4), at max(user timeout, 1 s): the first timer cannot abort.
 *       Netty's own CONNECT_TIMEOUT_MILLIS default, 30 s, ends a connect the JDK would leave to the
 *       kernel.</li>
 *   <li>Keepalive with {@code TCP_USER_TIMEOUT}: on an idle connection the user timeout replaces
 *       {@code TCP_KEEPCNT}, both ways: the abort comes at the first keepalive timer at or after the
 *       user timeout once a probe went out: 3 s with keepalive 2 s + 1 s x 3 and a user timeout of
 *       3 s (keepalive alone: 5 s), 10.2 s with a user timeout of 10 s, probing on past its count of
 *       3. With data in flight keepalive waits and the user timeout bounds the retransmissions, as
 *       without keepalive. The keepalive probes' ICMP errors do not count (their sequence number
 *       is out of the window), so an idle abort reports ETIMEDOUT even after ARP failed.</li>
 * </ul>
 */
package io.closebench.cable;

import io.closebench.s1.CableCsv;
import io.closebench.s1.CableExperiment;
import io.closebench.s1.CableSample;
import io.closebench.s1.CableSettings;
import io.closebench.s1.CableTable;
