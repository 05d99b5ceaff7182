package io.closebench.scenario;

import io.closebench.fault.PeerChannel;
import io.closebench.fault.PeerData;
import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.fault.PeerRuntime;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ScenarioCatalogueTest {

    @Test
    void idsAreUniqueAndSelectable() {
        List<String> ids = ScenarioCatalogue.all().stream().map(Scenario::id).toList();
        assertThat(ids).doesNotHaveDuplicates();
        ids.forEach(id -> assertThat(ScenarioCatalogue.select(id)).hasSize(1));
        assertThat(ScenarioCatalogue.select("s3")).extracting(Scenario::id)
                .containsExactly("S3a-jvm", "S3b-jvm", "S3a-bash", "S3b-bash");
        assertThat(ScenarioCatalogue.select("nope")).isEmpty();
    }

    @Test
    void everyCaseButThePulledCableIsRunnable() {
        Set<CaseId> covered = ScenarioCatalogue.all().stream().map(Scenario::caseId).collect(Collectors.toSet());
        Set<CaseId> missing = Arrays.stream(CaseId.values()).filter(c -> !covered.contains(c)).collect(Collectors.toSet());
        assertThat(missing).containsExactly(CaseId.S1);
    }

    @Test
    void exitAndKillCasesOfferBothChildRuntimesInBothVariants() {
        for (CaseId c : List.of(CaseId.S3, CaseId.S4)) {
            List<Scenario> s = ScenarioCatalogue.select(c.name());
            assertThat(s).extracting(Scenario::runtime).containsOnly(PeerRuntime.JVM_CHILD, PeerRuntime.BASH_CHILD);
            // variant a: the child read what it was sent; variant b: it left it unread
            assertThat(s).extracting(x -> x.preparation().peerReadsIt()).contains(true, false);
        }
    }

    @Test
    void theCasesBeyondTheNoteSayWhatTcpOrTheJdkPromisesAndAreNotInTheNote() {
        for (CaseId c : List.of(CaseId.X1, CaseId.X2, CaseId.X3, CaseId.X4, CaseId.X5, CaseId.X6, CaseId.X7, CaseId.X8)) {
            assertThat(c.note().inNote()).as(c.name()).isFalse();
            assertThat(c.note().linux()).as(c.name()).startsWith("(not in the note)");
            assertThat(ScenarioCatalogue.select(c.name())).as(c.name()).isNotEmpty();
        }
        assertThat(ScenarioCatalogue.select("X5")).extracting(Scenario::fault)
                .containsExactly(io.closebench.fault.Fault.CLOSE, io.closebench.fault.Fault.CLOSE_ABORTIVE);
        assertThat(ScenarioCatalogue.select("X6")).extracting(s -> s.preparation().peerChannel())
                .containsExactly(PeerChannel.BLOCKING, PeerChannel.NON_BLOCKING, PeerChannel.REGISTERED_WOKEN);
        assertThat(ScenarioCatalogue.select("X8")).extracting(s -> s.preparation().peerChannel())
                .containsExactly(PeerChannel.REGISTERED_ASLEEP, PeerChannel.REGISTERED_WOKEN, PeerChannel.REGISTERED_WOKEN);
    }

    @Test
    void onlyTheCasesWhoseCallMayNeverReturnHaveABoundOfTheirOwn() {
        // X4 on NIO (nothing wakes its selector) and X8a (nothing leaves the server): bounded, short, and TIMEOUT is what Linux gives
        assertThat(ScenarioCatalogue.all().stream().filter(s -> s.limits().hasPatience()).map(Scenario::id))
                .containsExactlyInAnyOrder("X4-local-close", "X8a-asleep");
        ScenarioCatalogue.all().stream().filter(s -> s.limits().hasPatience()).forEach(s ->
                assertThat(s.limits().patience()).as(s.id()).isLessThanOrEqualTo(java.time.Duration.ofMillis(50)));
        assertThat(ScenarioCatalogue.byId("X8a-asleep").orElseThrow().onLinux()).isEqualTo(io.closebench.schema.Outcome.TIMEOUT);
        assertThat(ScenarioCatalogue.byId("X4-local-close").orElseThrow().onLinux(io.closebench.schema.Observer.NIO))
                .isEqualTo(io.closebench.schema.Outcome.TIMEOUT);
    }

    @Test
    void theNotesVariantsForTheClientCasesArePresent() {
        assertThat(ScenarioCatalogue.select("C2")).extracting(s -> s.preparation().peerData())
                .containsExactly(PeerData.SENT_UNREAD, PeerData.FILL_UNREAD);
        assertThat(ScenarioCatalogue.select("C3")).extracting(s -> s.preparation().peerData())
                .containsExactly(PeerData.SENT_UNREAD, PeerData.FILL_UNREAD);
        assertThat(ScenarioCatalogue.select("C3")).allMatch(s -> s.preparation().observerSends() > 0
                && !s.preparation().peerReadsIt());
    }
}
