/**
 * What crossed the wire, from a real capture: tcpdump started and stopped around the matrix's
 * connections ({@link io.closebench.wire.PacketCapture}, {@link io.closebench.wire.MirrorTap} for a
 * veth whose cable is pulled), the pcap file read back in Java ({@link io.closebench.wire.PcapFile},
 * {@link io.closebench.wire.TcpSegments}), and per connection the facts the field note claims from
 * its own captures ({@link io.closebench.wire.ConnectionFacts}: who sent the first FIN and RST and
 * when after the fault, whether an RST left before queued data, retransmissions and probes), for
 * the matrix's wire columns ({@link io.closebench.wire.WireColumns}).
 *
 * <p>Independent of the harness: it needs only addresses, ports, a t0 on {@code System.nanoTime()},
 * and optionally the bytes each side wrote. Capture is for the matrix, never for the timed
 * benchmarks. Whether capture is possible here: {@link io.closebench.wire.CaptureAvailability}.
 */
package io.closebench.wire;
