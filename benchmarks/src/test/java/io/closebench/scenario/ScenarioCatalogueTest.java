package io.closebench.scenario;

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
    void theNotesVariantsForTheClientCasesArePresent() {
        assertThat(ScenarioCatalogue.select("C2")).extracting(s -> s.preparation().peerData())
                .containsExactly(PeerData.SENT_UNREAD, PeerData.FILL_UNREAD);
        assertThat(ScenarioCatalogue.select("C3")).extracting(s -> s.preparation().peerData())
                .containsExactly(PeerData.SENT_UNREAD, PeerData.FILL_UNREAD);
        assertThat(ScenarioCatalogue.select("C3")).allMatch(s -> s.preparation().observerSends() > 0
                && !s.preparation().peerReadsIt());
    }
}
