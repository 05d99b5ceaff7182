package io.closebench.schema.row;

import io.closebench.schema.Asleep;
import io.closebench.schema.BenchmarkKey;
import io.closebench.schema.CableColumn;
import io.closebench.schema.S1TimelineColumn;
import io.closebench.schema.TimelineEvent;
import io.closebench.schema.Column;
import io.closebench.schema.CsvLog;
import io.closebench.schema.DetectedBy;
import io.closebench.schema.FloorApi;
import io.closebench.schema.LaterColumns;
import io.closebench.schema.MassDeathConnectionColumn;
import io.closebench.schema.MassDeathTrialColumn;
import io.closebench.schema.MatrixColumn;
import io.closebench.schema.NativeFloorColumn;
import io.closebench.schema.ObservationColumn;
import io.closebench.schema.Observer;
import io.closebench.schema.Outcome;
import io.closebench.schema.PercentileColumn;
import io.closebench.schema.Placement;
import io.closebench.schema.SigPipe;
import io.closebench.schema.SoakColumn;
import io.closebench.schema.SummaryColumn;
import io.closebench.schema.T0Source;
import io.closebench.schema.TheoryKind;
import io.closebench.schema.Verdict;
import io.closebench.schema.csv.CsvTable;
import io.closebench.schema.csv.ResultsFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every family's record writes itself and reads itself back as the same value, every column
 * included; a file written before the later columns reads them as unknown; a cell that is not what
 * its column holds is refused with the file, the row, the column and the value.
 */
@Timeout(30)
class SchemaRecordRoundTripTest {

    @TempDir
    Path folder;

    static final BenchmarkKey KEY = new BenchmarkKey("PeerClosesWhileObserverWaits.repetition", "S2-inproc",
            Observer.NIO, Placement.SAME_CPU, 10_000, 100, 1);

    static final ObservationRecord OBSERVATION = new ObservationRecord("C1", "C1", Observer.NATIVE, Placement.CROSS_CPU,
            "bash", 7, Outcome.BROKEN_PIPE, DetectedBy.WRITE, "", "EPIPE", "32: Broken pipe, \"quoted\"", 12_345,
            T0Source.CHILD_REALTIME, Asleep.NOT_APPLICABLE, -1, false, 321, "1", "0", 262_144, 1000, 261_144, 1, 64,
            "EOF", "BROKEN_PIPE (EPIPE: 32: Broken pipe) with SIGPIPE", "", true, "", 55, "CLOSE_WAIT -> CLOSE",
            SigPipe.RAISED, new ObservationRecord.Wire("RST", "peer", "12.345", "false", "0", "1",
                    "peer FIN, observer data, peer RST", ""),
            new PeerHost("bench-1", "Linux 6.18.0", "OpenJDK 64-Bit Server VM 17.0.18+8 (Debian)", -1, 0));

    static final MatrixRecord MATRIX = new MatrixRecord("C3", "C3a", "peer resets with data in flight", "CLIENT",
            "in-process", "close() with SO_LINGER 0", "READ_UNTIL_OUTCOME", "peer sends 64 KiB", Optional.of(Observer.NIO),
            Optional.of(Placement.SAME_CPU), 19, 20, true, "receives \"some\", then RST", "(same)", Outcome.RESET,
            "SOME_LOST", true, "RESET=18;TIMEOUT=1", Optional.of(Outcome.RESET), 17, Verdict.PARTLY, 1_000_000, 900_000,
            3, "0-2", "RESET", "BROKEN_PIPE", 45_600, 19, "SocketException: Connection reset | IOException: x", "why, \"so\"",
            1_200, "ESTABLISHED -> CLOSE", "", new MatrixRecord.Wire("RST by peer 19/20, none 1/20", "12.300", "",
            3, 0, "peer RST (19/20)", "1 without wire facts: no segment of the connection in the capture"),
            new PeerHost("peer-box", "Windows 11 10.0", "OpenJDK 64-Bit Server VM 21.0.6+7-LTS (Eclipse Adoptium)",
                    182_000, 91_500));

    static final MatrixRecord PENDING = new MatrixRecord("S1", "", "cable pulled", "SERVER", "", "", "", "",
            Optional.empty(), Optional.empty(), 0, 0, false, "no notification", "(same)", Outcome.CONNECTION_TIMED_OUT,
            "ANY", true, "", Optional.empty(), 0, Verdict.PENDING, 0, 0, 0, "", "", "", -1, 0, "", "skipped by --no-cable",
            -1, "", "", MatrixRecord.Wire.NOT_RUN,
            new PeerHost("bench-1", "Linux 6.18.0", "OpenJDK 64-Bit Server VM 17.0.18+8 (Debian)", -1, -1));

    static final CableRecord CABLE = new CableRecord(3, "c'", "client killed, cable back", "keepalive+TCP_USER_TIMEOUT",
            "idle 2 s + 1 s x 3, 3 s", Observer.NETTY_EPOLL, Optional.of(Placement.OS), 4, Outcome.NO_ROUTE_TO_HOST,
            DetectedBy.READ, "NativeIoException", "No route to host", 4_000_000_000L, 3_900_000_000L, 3_800_000_000L, -1,
            TheoryKind.FINITE, "LAST_PEER_SEGMENT", 5_000_000_000L, 5_075_774_174L, 1.0152, "aborts, with the numbers",
            "ok 1 B", "gone", 22_000_000_000L, -1, 3_568_934, 3_865_528, -1, 1_101_209_198, 10, 2, "", 404);

    static final CableRecord CABLE_CAPTURED = new CableRecord(2, "b", "cable pulled, server sending", "tcp_retries2=3",
            "retries2 3 (server's namespace)", Observer.NIO, Optional.of(Placement.OS), 0, Outcome.CONNECTION_TIMED_OUT,
            DetectedBy.READ, "IOException", "Connection timed out", 3_158_643_491L, 3_176_605_694L, 3_172_262_874L, -1,
            TheoryKind.FINITE, "FIRST_UNACKED_SEND", 3_071_816_900L, 3_072_427_019L, 1.0002, "aborts at the first run",
            "BROKEN_PIPE (IOException: Broken pipe)", "gone", 8_000_000_000L, 3, 6_033_375, 4_589_081, -1, 86_216_472,
            18_944, 6, "", 0, new CableRecord.Wire(0, 3, 5, "", 3, 3, 3_158_183_173L, ""),
            new PeerHost("peer-box", "Linux 6.1.0-31-amd64", "OpenJDK 64-Bit Server VM 17.0.14+7 (Debian)", 240_000,
                    120_000));

    static final S1TimelineRecord ATTEMPT = new S1TimelineRecord(2, "b", "tcp_retries2=3", "retries2 3 (server's namespace)",
            Observer.NIO, 0, TimelineEvent.ATTEMPT, "RETRANSMISSION", 1, "held", OptionalDouble.of(502_015.108),
            OptionalDouble.of(0), OptionalDouble.of(286_216.472));

    static final S1TimelineRecord EXPECTED_ONLY = new S1TimelineRecord(2, "b", "tcp_retries2=3",
            "retries2 3 (server's namespace)", Observer.NIO, 0, TimelineEvent.SEGMENT, "RETRANSMISSION", 4, "",
            OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.of(3_086_216.472));

    static final MassDeathTrialRecord TRIAL = new MassDeathTrialRecord("HOST", Observer.NIO_PER_CORE, Placement.OS, 1000,
            100, 2, "KEEPALIVE:2:1:3", "OpenJDK 64-Bit Server VM 25.0.3+9-LTS (Eclipse Adoptium)", 2, 998, 2,
            "RESET=998;TIMEOUT=2", 1_594_368, 1_595_391, 1_600_000, 1_700_000, 10_000_000_000L, -1, 0, -1, 1104, 28,
            566_595_584, 20, 55_192_725, 140_000, "unpinned", "unpinned", "",
            new PeerHost("peer-box", "Linux 6.1.0-31-amd64", "OpenJDK 64-Bit Server VM 17.0.14+7 (Debian)", 240_000,
                    120_000));

    static final MassDeathConnectionRecord CONNECTION = new MassDeathConnectionRecord("HOST", Observer.NIO_PER_CORE,
            Placement.OS, 1000, 2, 999, Outcome.TIMEOUT, -1, "", "KEEPALIVE:2:1:3");

    static final SoakRecord SOAK = new SoakRecord(5.3, 30, true, 122, 32, 119_148_544, 17_173_016, 0, 2, 30, 0, 1, 0,
            "fds 157 > 138 (baseline 122 + 16); threads 41 > 40", 0);

    static final NativeFloorRecord FLOOR = new NativeFloorRecord("X1-linger0", FloorApi.POLL, Placement.CROSS_CPU, 10_000,
            200, 2000, 1999, "RESET=1999;OTHER_ERROR=1", "OTHER_ERROR x1: read: Broken pipe", 2000, 2306, 2853, 3409,
            4551, 20_993, "1", "0", "Linux 6.18.44 #1 SMP x86_64", Optional.empty());

    static final PercentileRecord FORK = new PercentileRecord(KEY, 15044, "OpenJDK 25", 3, 23_144, 13_208, 25_231, 40_000,
            90_000, 300_000, 935_423, 33_101, 1, 1, 0, 0, "EOF=23143;TIMEOUT=1", 23_100, 0, "1", "1", 1000, 3, 256_000,
            new PeerHost("bench-1", "Linux 6.18.0", "OpenJDK 64-Bit Server VM 25.0.3+9-LTS (Eclipse Adoptium)", -1, 0));

    static final SummaryRecord SUMMARY = new SummaryRecord(KEY, "OpenJDK 25", 2, 33_654, 1297, 7015, 2803.4, "ops/s", 0,
            Optional.empty());

    @Test
    void everyFamilysRecordReadsBackAsTheRecordItWrote() throws IOException {
        assertThat(roundTrip(ObservationColumn.class, ObservationRecord.FORMAT, List.of(OBSERVATION))).containsExactly(OBSERVATION);
        assertThat(roundTrip(MatrixColumn.class, MatrixRecord.FORMAT, List.of(MATRIX, PENDING))).containsExactly(MATRIX, PENDING);
        assertThat(roundTrip(CableColumn.class, CableRecord.FORMAT, List.of(CABLE, CABLE_CAPTURED)))
                .containsExactly(CABLE, CABLE_CAPTURED);
        assertThat(roundTrip(S1TimelineColumn.class, S1TimelineRecord.FORMAT, List.of(ATTEMPT, EXPECTED_ONLY)))
                .containsExactly(ATTEMPT, EXPECTED_ONLY);
        assertThat(roundTrip(MassDeathTrialColumn.class, MassDeathTrialRecord.FORMAT, List.of(TRIAL))).containsExactly(TRIAL);
        assertThat(roundTrip(MassDeathConnectionColumn.class, MassDeathConnectionRecord.FORMAT, List.of(CONNECTION)))
                .containsExactly(CONNECTION);
        assertThat(roundTrip(SoakColumn.class, SoakRecord.FORMAT, List.of(SOAK))).containsExactly(SOAK);
        assertThat(roundTrip(NativeFloorColumn.class, NativeFloorRecord.FORMAT, List.of(FLOOR))).containsExactly(FLOOR);
        assertThat(roundTrip(PercentileColumn.class, PercentileRecord.FORMAT, List.of(FORK))).containsExactly(FORK);
        SummaryRecord skipped = SummaryRecord.skipped(KEY.withObserver(Observer.VIRTUAL), "OpenJDK 17",
                "virtual threads need JDK 21 or later");
        assertThat(roundTrip(SummaryColumn.class, SummaryRecord.FORMAT, List.of(SUMMARY, skipped)))
                .containsExactly(SUMMARY, skipped);
    }

    @Test
    void wordsAreWrittenAsTheReadmeSpellsThem() throws IOException {
        Path file = write(ObservationColumn.class, List.of(OBSERVATION, withSigPipe(SigPipe.UNKNOWN)));
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(1)).contains(",child-realtime,n/a,", ",CLOSE_WAIT -> CLOSE,raised,RST,");
        assertThat(lines.get(2)).contains(",CLOSE_WAIT -> CLOSE,n/a,RST,");
    }

    @Test
    void aFileWithoutTheLaterColumnsReadsThemAsUnknown() throws IOException {
        Path file = write(ObservationColumn.class, List.of(OBSERVATION));
        dropColumns(file, ObservationColumn.class);
        ObservationRecord back = ObservationRecord.FORMAT.records(ObservationRecord.FORMAT.table(file)).get(0);
        assertThat(back.faultCallNanos()).isEqualTo(-1);
        assertThat(back.observerTcpStates()).isEmpty();
        assertThat(back.sigpipe()).isEqualTo(SigPipe.UNKNOWN);
        assertThat(back.wire()).isEqualTo(ObservationRecord.Wire.NONE);
        assertThat(back.peerHost()).isEqualTo(PeerHost.UNKNOWN);
        assertThat(back.latencyNanos()).isEqualTo(OBSERVATION.latencyNanos());

        Path cable = write(CableColumn.class, List.of(CABLE));
        dropColumns(cable, CableColumn.class, "placement");
        CableRecord cableBack = CableRecord.FORMAT.records(CableRecord.FORMAT.table(cable)).get(0);
        assertThat(cableBack.placement()).isEmpty();
        assertThat(cableBack.icmpRateLimited()).isEqualTo(-1);
        assertThat(cableBack.wire()).isEqualTo(CableRecord.Wire.NONE);
        assertThat(cableBack.peerHost()).isEqualTo(PeerHost.UNKNOWN);

        Path trials = write(MassDeathTrialColumn.class, List.of(TRIAL));
        dropColumns(trials, MassDeathTrialColumn.class);
        MassDeathTrialRecord trialBack = MassDeathTrialRecord.FORMAT.records(MassDeathTrialRecord.FORMAT.table(trials)).get(0);
        assertThat(trialBack.peerHost()).isEqualTo(PeerHost.UNKNOWN);
        assertThat(trialBack.lastNanos()).isEqualTo(TRIAL.lastNanos());
        assertThat(cableBack.ratio()).isEqualTo(CABLE.ratio());
    }

    @Test
    void aCableFileWithoutItsMechanismIsRefusedThoughTheMassDeathsMechanismCameLater() throws IOException {
        Path cable = write(CableColumn.class, List.of(CABLE));
        dropColumns(cable, CableColumn.class, "mechanism");
        assertThatThrownBy(() -> CableRecord.FORMAT.table(cable)).isInstanceOf(ResultsFileException.class)
                .hasMessageStartingWith(cable + ": missing column mechanism");
    }

    @Test
    void anObservationLogOfBeforeTheRecordsWroteSigpipeByItsConstantsNameAndReadsTheSame() throws IOException {
        Path file = write(ObservationColumn.class, List.of(OBSERVATION));
        String text = Files.readString(file);
        Files.writeString(file, text.replace(",raised,", ",RAISED,"));
        assertThat(ObservationRecord.FORMAT.records(ObservationRecord.FORMAT.table(file))).containsExactly(OBSERVATION);
    }

    @Test
    void aCellThatIsNotWhatItsColumnHoldsNamesFileRowColumnAndValue() throws IOException {
        Path file = write(ObservationColumn.class, List.of(OBSERVATION, OBSERVATION));
        String text = Files.readString(file);
        int second = text.indexOf('\n', text.indexOf('\n') + 1);
        Files.writeString(file, text.substring(0, second) + text.substring(second).replaceFirst(",child-realtime,",
                ",child-clock,"));
        CsvTable table = ObservationRecord.FORMAT.table(file);
        assertThatThrownBy(() -> ObservationRecord.FORMAT.records(table)).isInstanceOf(ResultsFileException.class)
                .hasMessage(file + ": row 2, column t0_source: 'child-clock' is not one of [harness, observer, child, "
                        + "child-realtime, peer-host]");
    }

    @Test
    void aRatioAndAScoreAreHeldAsTheFileWritesThem() {
        CableRecord exact = new CableRecord(1, "a", "", "", "", Observer.NIO, Optional.empty(), 0, Outcome.EOF,
                DetectedBy.READ, "", "", 1, 1, 1, 1, TheoryKind.FINITE, "PLUG", 3, 1, 1.0 / 3, "", "", "", 1, 1, 1, 1, 1, 1,
                1, 1, "", 1);
        assertThat(exact.ratio()).isEqualTo(0.3333);
        assertThat(new SummaryRecord(KEY, "", 1, 1, 1, 1, 2803.449, "ops/s", 0, Optional.empty()).score()).isEqualTo(2803.4);
        assertThat(new SummaryRecord(KEY, "", 1, 1, 1, 1, Double.POSITIVE_INFINITY, "ops/s", 0, Optional.empty()).score())
                .as("JMH's score as it came, where it is no number to round").isInfinite();
    }

    private ObservationRecord withSigPipe(SigPipe s) {
        ObservationRecord o = OBSERVATION;
        return new ObservationRecord(o.scenarioId(), o.caseId(), o.observer(), o.placement(), o.peerRuntime(),
                o.repetition(), o.outcome(), o.detectedBy(), o.event(), o.exceptionClass(), o.exceptionMessage(),
                o.latencyNanos(), o.t0Source(), o.asleepAtFault(), o.idleBeforeFaultNanos(), o.handOffInMeasuredPath(),
                o.eventBeforeFirstCallNanos(), o.observerCpus(), o.peerCpus(), o.peerBytesSent(), o.bytesDelivered(),
                o.bytesLost(), o.writesAccepted(), o.bytesAccepted(), o.nextRead(), o.nextWrite(), o.peerAfter(),
                o.agreesWithNote(), o.failure(), o.faultCallNanos(), o.observerTcpStates(), s, o.wire(), o.peerHost());
    }

    private <C extends Enum<C> & Column, R extends SchemaRecord<C>> List<R> roundTrip(Class<C> columns,
            RowFormat<R> format, List<R> records) throws IOException {
        Path file = write(columns, records);
        CsvTable table = format.table(file);
        assertThat(table.cut()).isEmpty();
        return format.records(table);
    }

    private <C extends Enum<C> & Column, R extends SchemaRecord<C>> Path write(Class<C> columns, List<R> records)
            throws IOException {
        Path file = Files.createTempFile(folder, columns.getSimpleName(), ".csv");
        try (CsvLog<C> log = CsvLog.create(file, columns)) {
            for (R r : records) {
                r.appendTo(log);
            }
        }
        return file;
    }

    /** Rewrites a file without the later columns of its kind, and without {@code others}, as an older writer did. */
    private static <C extends Enum<C> & Column> void dropColumns(Path file, Class<C> columns, String... others)
            throws IOException {
        List<String> drop = new java.util.ArrayList<>(Arrays.stream(columns.getEnumConstants())
                .filter(LaterColumns::mayBeMissing).map(Column::header).toList());
        drop.addAll(List.of(others));
        List<String> header = Column.headers(columns);
        StringBuilder out = new StringBuilder();
        try (var parser = org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(file, StandardCharsets.UTF_8));
             var printer = new org.apache.commons.csv.CSVPrinter(out, org.apache.commons.csv.CSVFormat.DEFAULT)) {
            printer.printRecord(header.stream().filter(h -> !drop.contains(h)).toList());
            for (var record : parser.getRecords()) {
                printer.printRecord(header.stream().filter(h -> !drop.contains(h)).map(record::get).toList());
            }
        }
        Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
    }
}
