package io.closebench.matrix;

import static io.closebench.matrix.MatrixRowTest.observation;
import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.fault.PeerPlace;
import io.closebench.scenario.Scenario;
import io.closebench.scenario.ScenarioCatalogue;
import io.closebench.schema.Observer;
import io.closebench.schema.Outcome;
import io.closebench.schema.Placement;
import io.closebench.schema.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A row whose peer ran another OS is judged against what the note says for that OS: a Windows peer
 * against its Windows column where that column differs from the Linux one in an observer's words (C2:
 * the read fails, 10053), any other OS against the Linux column (the note has no other); the findings
 * say of which OS they speak, never "Linux" of a peer that was not.
 */
class PeerOsVerdictTest {

    private static final PeerPlace WINDOWS = new PeerPlace("win-peer", "Windows 11", "10.0", "OpenJDK 21");
    private static final PeerPlace MACOS = new PeerPlace("mac-peer", "Mac OS X", "14.5", "OpenJDK 21");
    private static final PeerPlace LINUX = new PeerPlace("linux-peer", "Linux", "6.18", "OpenJDK 21");

    private static MatrixRow row(String id, PeerPlace peer, Outcome outcome, long sent, long delivered) {
        Scenario s = ScenarioCatalogue.byId(id).orElseThrow();
        MatrixRow row = new MatrixRow(s, Observer.NIO, Placement.SAME_CPU, 1, peer);
        row.add(observation(s, outcome, sent, delivered, 1000));
        return row;
    }

    @Test
    void aWindowsPeersC2IsJudgedByTheNotesWindowsColumn() {
        assertThat(row("C2a", WINDOWS, Outcome.RESET, 100, 50).verdict()).isEqualTo(Verdict.AGREES);
        MatrixRow eof = row("C2a", WINDOWS, Outcome.EOF, 100, 100);
        assertThat(eof.verdict()).isEqualTo(Verdict.DIFFERS);
        assertThat(eof.claim().outcome()).isEqualTo(Outcome.RESET);
        assertThat(Findings.explain(eof)).anyMatch(l -> l.contains("judged against the note's Windows column")
                && l.contains("10053") && l.contains("Windows 11"));
        assertThat(row("C2a", LINUX, Outcome.EOF, 100, 100).verdict()).as("the Linux column for a Linux peer")
                .isEqualTo(Verdict.AGREES);
    }

    @Test
    void aWindowsPeerThatClosesADeadProcessesSocketsWithAFinIsSaidToDifferFromTheNotesWindowsPeer() {
        MatrixRow s3a = row("S3a-jvm", WINDOWS, Outcome.EOF, 100, 100);
        assertThat(s3a.verdict()).isEqualTo(Verdict.DIFFERS);
        assertThat(Findings.explain(s3a)).anyMatch(l -> l.contains("Windows 11") && l.contains("10054"))
                .noneMatch(l -> l.startsWith("Linux closes"));
        assertThat(row("S3a-jvm", WINDOWS, Outcome.RESET, 100, 50).verdict()).isEqualTo(Verdict.AGREES);
    }

    @Test
    void aPeerOnAnOsTheNoteHasNoColumnForIsJudgedByItsLinuxColumnAndSaidSo() {
        MatrixRow c2 = row("C2a", MACOS, Outcome.EOF, 100, 100);
        assertThat(c2.verdict()).isEqualTo(Verdict.AGREES);
        assertThat(c2.claim()).isEqualTo(c2.scenario().note());
        MatrixRow s3a = row("S3a-jvm", MACOS, Outcome.EOF, 100, 100);
        assertThat(Findings.explain(s3a)).anyMatch(l -> l.contains("Mac OS X 14.5") && l.contains("as on Linux"))
                .anyMatch(l -> l.contains("no column"));
    }

    @Test
    void theObservationsSayWhetherEachRepetitionAgreesWithTheColumnOfItsPeersOs() {
        Scenario c2a = ScenarioCatalogue.byId("C2a").orElseThrow();
        var reset = observation(c2a, Outcome.RESET, 100, 50, 1000);
        assertThat(Conformance.agrees(reset, c2a.noteFor(WINDOWS))).isTrue();
        assertThat(Conformance.agrees(reset, c2a.noteFor(LINUX))).isFalse();
        assertThat(List.of(c2a.noteFor(MACOS), c2a.noteFor(LINUX))).containsOnly(c2a.note());
    }
}
