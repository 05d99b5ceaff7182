/**
 * The note's S1, for real: the client's cable pulled (and the client killed), the host rebooted,
 * the cable plugged back, the peer frozen; and how long a Java server takes to find out, with each
 * detection mechanism, through each API, next to what the mechanism's own rules predict.
 *
 * <p>Two hosts per trial ({@link io.closebench.netns.HostPair}): the server is a child JVM inside
 * the server's network namespace ({@link io.closebench.cable.CableServerMain}), the client one
 * inside the client's ({@link io.closebench.cable.CablePeerMain}), so every socket lives where it
 * should and the cable between them can really be pulled. Children report on stdout, one line per
 * event, and halt when their stdin closes. All instants are {@code System.nanoTime()}, one
 * monotonic clock for every process on the machine. Each trial gives one fault to many connections
 * at once (one pull, many samples).
 *
 * <ul>
 *   <li>Faults: {@link io.closebench.cable.CableFault} (a) pulled, idle; (b) pulled while sending;
 *       (c) host rebooted; (c') client killed, kernel alive, cable back; (d) cable back, client
 *       alive; (e) SIGSTOP.</li>
 *   <li>Mechanisms: {@link io.closebench.cable.KernelDefaults}, {@link io.closebench.cable.ShortRetries}
 *       ({@code tcp_retries2} in the server's namespace only), {@link io.closebench.cable.TcpKeepalive},
 *       {@link io.closebench.cable.ReadDeadline} (a local timer, not a detection),
 *       {@link io.closebench.cable.AppHeartbeat}, {@link io.closebench.cable.UserTimeout}
 *       ({@code TCP_USER_TIMEOUT}, Netty epoll only).</li>
 *   <li>Observers: {@link io.closebench.schema.Observer} BLOCKING, NIO, NETTY_EPOLL.</li>
 *   <li>Predictions: {@link io.closebench.cable.Theory} from the kernel's own rules:
 *       {@link io.closebench.cable.RetransmissionTimeoutModel} ({@code tcp_model_timeout}) and
 *       {@link io.closebench.cable.NeighbourResolution} (segments queued behind ARP).</li>
 *   <li>Output: {@link io.closebench.cable.CableTable}, {@link io.closebench.cable.CableCsv}; in the
 *       matrix command through {@link io.closebench.cable.CableSection}.</li>
 * </ul>
 *
 * <p>For a benchmark harness (JMH single shot), the API is
 * {@link io.closebench.cable.CableExperiment#measure(CableFault, Mechanism, Observer, int, CableSettings)}:
 * one fault, one mechanism, one observer, N connections, one {@link io.closebench.cable.CableSample}
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
 * </ul>
 */
package io.closebench.cable;
