package io.closebench.matrix;

import io.closebench.rig.Observation;
import io.closebench.schema.Observer;
import io.closebench.wire.BpfFilter;
import io.closebench.wire.BytesWritten;
import io.closebench.wire.CaptureAvailability;
import io.closebench.wire.CaptureFailedException;
import io.closebench.wire.CaptureResult;
import io.closebench.wire.CaptureSpec;
import io.closebench.wire.FourTuple;
import io.closebench.wire.PacketCapture;
import io.closebench.wire.PcapFile;
import io.closebench.wire.PcapWriter;
import io.closebench.wire.TcpSegment;
import io.closebench.wire.WireColumns;
import io.closebench.wire.WireRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What crossed the wire in the matrix: per scenario, captures on loopback by the system's tcpdump,
 * filtered to the ports of the observers' listeners and the peers' (every repetition's connection
 * has one of them at one end). A capture is stopped and read whenever the matrix asks for the wire
 * facts of the repetitions it ran meanwhile (every few seconds, so that observations stream to their
 * CSV as the run goes, and at the scenario's end), and the next one starts before the next
 * repetition: no repetition runs uncaptured. Each repetition's connection is found by its four
 * addresses and judged ({@link WireColumns}); its packets are kept in {@code pcap/SCENARIO-MODEL.pcap}
 * (packets of no repetition's connection in {@code pcap/SCENARIO-unmatched.pcap}), each file bounded
 * by {@link #MAX_FILE_BYTES}. Never on a timed benchmark's path: the capture costs the repetitions a
 * few microseconds of detection and tcpdump's CPU.
 *
 * <p>Where the tool is missing or may not capture, or a capture may have missed a packet, every
 * repetition's wire columns are unavailable with the reason: never a silent gap.
 */
final class WireWatch {

    /** Where the pcap files go, under the results folder. */
    static final String FOLDER = "pcap";
    /** The bound of each kept pcap file; the wire columns are judged from every packet all the same. */
    static final long MAX_FILE_BYTES = 16L << 20;

    private final Path dir;
    private final Optional<String> unavailable;

    private WireWatch(Path dir, Optional<String> unavailable) {
        this.dir = dir;
        this.unavailable = unavailable;
    }

    /** A watch writing under {@code folder}, or one that says why it cannot ({@code why} given, or the tool's probe). */
    static WireWatch in(Path folder, Optional<String> switchedOff) {
        if (switchedOff.isPresent()) {
            return new WireWatch(folder.resolve(FOLDER), switchedOff);
        }
        CaptureAvailability probe = CaptureAvailability.probe();
        return new WireWatch(folder.resolve(FOLDER), probe.available() ? Optional.empty() : Optional.of(probe.reason()));
    }

    /** Why nothing is captured, or empty when it is. */
    Optional<String> unavailable() {
        return unavailable;
    }

    /** One scenario's capture under way, or one that says why there is none (its reason then stands for every row). */
    Scenario start(String scenarioId, Collection<Integer> ports) {
        Scenario s = new Scenario(scenarioId.replace('\'', 'p'), BpfFilter.tcpPorts(ports.stream()
                .mapToInt(Integer::intValue).toArray()), unavailable.orElse(""));
        s.next();
        return s;
    }

    /** One scenario's captures, one after another, and the pcap files they fill. */
    final class Scenario implements AutoCloseable {
        private final String name;
        private final BpfFilter filter;
        private final Map<Observer, PcapWriter> byModel = new EnumMap<>(Observer.class);
        private PcapWriter unmatched;
        private PacketCapture capture;
        private String whyNot;

        private Scenario(String name, BpfFilter filter, String whyNot) {
            this.name = name;
            this.filter = filter;
            this.whyNot = whyNot;
        }

        /** Starts the next capture, unless capturing is impossible; a start that fails is the reason from then on. */
        private void next() {
            if (!whyNot.isEmpty()) {
                return;
            }
            try {
                Files.createDirectories(dir);
                capture = PacketCapture.start(CaptureSpec.loopback(dir.resolve("." + name + "-capturing.pcap"), filter));
            } catch (IOException | CaptureFailedException e) {
                whyNot = "the capture did not start: " + e.getMessage();
            }
        }

        /**
         * Stops the capture under way, judges each of {@code observations} (the repetitions run while
         * it ran; those without a connection, a set-up that failed, get the reason), keeps their
         * packets in the scenario's files, and, when {@code more} repetitions follow, starts the next.
         */
        Map<Observation, WireColumns> judge(List<Observation> observations, boolean more) throws InterruptedException {
            Map<Observation, WireColumns> columns = new LinkedHashMap<>();
            if (capture == null) {
                observations.forEach(o -> columns.put(o, new WireColumns.Unavailable(whyNot)));
                return columns;
            }
            CaptureResult result = capture.stop();
            capture = null;
            try {
                PcapFile pcap = PcapFile.read(result.file());
                WireRecord record = WireRecord.of(pcap, result.clock(), result.problems());
                for (Observation o : observations) {
                    columns.put(o, o.ends().map(ends -> WireColumns.of(record.facts(connection(ends),
                            o.clocking().fault().faultCallAt(), written(o))))
                            .orElseGet(() -> new WireColumns.Unavailable("no connection: " + o.failure())));
                }
                keep(pcap, record, observations);
            } catch (IOException | RuntimeException e) {
                observations.forEach(o -> columns.put(o, new WireColumns.Unavailable("the capture could not be read: "
                        + e.getMessage())));
            } finally {
                try {
                    Files.deleteIfExists(result.file());
                } catch (IOException e) {
                    // a leftover hidden file in pcap/ is harmless; its packets are in the kept files
                }
            }
            if (more) {
                next();
            }
            return columns;
        }

        /** Each packet to its model's file, by the connection it belongs to; the rest to the unmatched file. */
        private void keep(PcapFile pcap, WireRecord record, List<Observation> observations) throws IOException {
            Map<FourTuple, Observer> owner = new HashMap<>();
            observations.forEach(o -> o.ends().ifPresent(e -> owner.put(connection(e), o.observer())));
            Map<Integer, Observer> packetOwner = new HashMap<>();
            for (TcpSegment segment : record.segments().segments()) {
                Observer model = owner.get(new FourTuple(segment.source(), segment.destination()));
                if (model == null) {
                    model = owner.get(new FourTuple(segment.destination(), segment.source()));
                }
                if (model != null) {
                    packetOwner.put(segment.index(), model);
                }
            }
            for (int i = 0; i < pcap.packets().size(); i++) {
                Observer model = packetOwner.get(i);
                PcapWriter file = model == null ? unmatched(pcap)
                        : byModel.computeIfAbsent(model, m -> writer(pcap, name + "-" + m.name()));
                file.write(pcap.packets().get(i));
            }
        }

        private PcapWriter unmatched(PcapFile pcap) {
            if (unmatched == null) {
                unmatched = writer(pcap, name + "-unmatched");
            }
            return unmatched;
        }

        private PcapWriter writer(PcapFile pcap, String file) {
            return new PcapWriter(dir.resolve(file + ".pcap"), pcap.linkTypeCode(), pcap.snapLength(), MAX_FILE_BYTES);
        }

        /** The kept files that reached {@link #MAX_FILE_BYTES} and hold only their first packets. */
        List<Path> cutFiles() {
            List<Path> cut = new ArrayList<>();
            byModel.values().stream().filter(PcapWriter::cut).forEach(w -> cut.add(w.file()));
            if (unmatched != null && unmatched.cut()) {
                cut.add(unmatched.file());
            }
            return cut;
        }

        /** Stops a capture still under way (its repetitions unjudged: only when the scenario failed) and closes the files. */
        @Override
        public void close() throws IOException, InterruptedException {
            try {
                if (capture != null) {
                    Files.deleteIfExists(capture.stop().file());
                    capture = null;
                }
            } finally {
                for (PcapWriter w : byModel.values()) {
                    w.close();
                }
                if (unmatched != null) {
                    unmatched.close();
                }
            }
        }
    }

    private static FourTuple connection(Observation.Ends ends) {
        return FourTuple.ofObserverSocket(ends.observer(), ends.peer());
    }

    /** What each end's program wrote: the observer's first send and its accepted writes; the peer's sent bytes. */
    private static BytesWritten written(Observation o) {
        long observer = o.scenario().preparation().observerSends() + o.delivery().bytesAccepted();
        long peer = o.delivery().peerBytesSent();
        return peer < 0 ? new BytesWritten(java.util.OptionalLong.of(observer), java.util.OptionalLong.empty())
                : BytesWritten.of(observer, peer);
    }
}
