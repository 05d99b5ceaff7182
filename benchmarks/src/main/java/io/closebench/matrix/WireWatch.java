package io.closebench.matrix;

import io.closebench.netns.BoundedCommand;
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
import io.closebench.wire.WireColumns;
import io.closebench.wire.WireRecord;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What crossed the wire in the matrix: one capture per scenario, on loopback, by the system's
 * tcpdump, filtered to the ports of the observers' listeners and the peers' (every repetition's
 * connection has one of them at one end), written to {@code pcap/SCENARIO.pcap} in the results
 * folder; when the scenario's repetitions are done, each repetition's connection is found by its
 * four addresses and judged ({@link WireColumns}), and the capture is split into one file per model,
 * {@code pcap/SCENARIO-MODEL.pcap}, by tcpdump's own reader. Never on a timed benchmark's path: the
 * capture costs the repetitions a few microseconds of detection and tcpdump's CPU.
 *
 * <p>Where the tool is missing or may not capture, or a capture may have missed a packet, every
 * repetition's wire columns are unavailable with the reason: never a silent gap.
 */
final class WireWatch {

    /** Where the pcap files go, under the results folder. */
    static final String FOLDER = "pcap";
    private static final Duration SPLIT_BOUND = Duration.ofSeconds(30);

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

    /** One scenario's capture under way, or one that did not start (its reason then stands for every row). */
    Scenario start(String scenarioId, Collection<Integer> ports) {
        if (unavailable.isPresent()) {
            return new Scenario(scenarioId, null, unavailable.get());
        }
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(scenarioId.replace('\'', 'p') + ".pcap");
            return new Scenario(scenarioId, PacketCapture.start(CaptureSpec.loopback(file,
                    BpfFilter.tcpPorts(ports.stream().mapToInt(Integer::intValue).toArray()))), "");
        } catch (IOException | CaptureFailedException e) {
            return new Scenario(scenarioId, null, "the capture did not start: " + e.getMessage());
        }
    }

    /** One scenario's capture: stopped once its repetitions are done, then read for each of them. */
    final class Scenario {
        private final String id;
        private final PacketCapture capture;
        private final String whyNot;

        private Scenario(String id, PacketCapture capture, String whyNot) {
            this.id = id;
            this.capture = capture;
            this.whyNot = whyNot;
        }

        /**
         * Stops the capture and judges each repetition's connection; the observations without a
         * connection (a set-up that failed) get the reason. Splits the file by model.
         */
        Map<Observation, WireColumns> stop(List<Observation> observations) throws InterruptedException {
            Map<Observation, WireColumns> columns = new LinkedHashMap<>();
            if (capture == null) {
                observations.forEach(o -> columns.put(o, new WireColumns.Unavailable(whyNot)));
                return columns;
            }
            CaptureResult result = capture.stop();
            WireRecord record;
            try {
                record = result.read();
            } catch (IOException e) {
                observations.forEach(o -> columns.put(o, new WireColumns.Unavailable("the capture could not be read: "
                        + e.getMessage())));
                return columns;
            }
            for (Observation o : observations) {
                columns.put(o, o.ends().map(ends -> WireColumns.of(record.facts(
                        FourTuple.ofObserverSocket(ends.observer(), ends.peer()), o.clocking().fault().faultCallAt(),
                        written(o)))).orElseGet(() -> new WireColumns.Unavailable("no connection: " + o.failure())));
            }
            split(result.file(), observations);
            return columns;
        }

        /** {@code pcap/SCENARIO-MODEL.pcap}: each model's connections, read out of the scenario's file by tcpdump. */
        private void split(Path all, List<Observation> observations) {
            Map<Observer, List<Observation.Ends>> byModel = new LinkedHashMap<>();
            observations.forEach(o -> o.ends().ifPresent(e -> byModel.computeIfAbsent(o.observer(), k -> new ArrayList<>())
                    .add(e)));
            byModel.forEach((model, ends) -> {
                String filter = ends.stream().map(e -> "(" + side(e.observer()) + " and " + side(e.peer()) + ")")
                        .collect(Collectors.joining(" or "));
                Path file = dir.resolve(all.getFileName().toString().replace(".pcap", "-" + model.name() + ".pcap"));
                // a split that fails leaves the scenario's own file, which holds the same packets
                BoundedCommand.run(SPLIT_BOUND, List.of("tcpdump", "-n", "-r", all.toString(), "-w", file.toString(),
                        "tcp and (" + filter + ")"));
            });
        }
    }

    private static String side(InetSocketAddress a) {
        return "(host " + a.getAddress().getHostAddress() + " and port " + a.getPort() + ")";
    }

    /** What each end's program wrote: the observer's first send and its accepted writes; the peer's sent bytes. */
    private static BytesWritten written(Observation o) {
        long observer = o.scenario().preparation().observerSends() + o.delivery().bytesAccepted();
        long peer = o.delivery().peerBytesSent();
        return peer < 0 ? new BytesWritten(java.util.OptionalLong.of(observer), java.util.OptionalLong.empty())
                : BytesWritten.of(observer, peer);
    }
}
