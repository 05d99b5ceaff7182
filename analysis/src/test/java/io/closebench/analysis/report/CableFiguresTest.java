package io.closebench.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.schema.DetectedBy;
import io.closebench.schema.Observer;
import io.closebench.schema.Outcome;
import io.closebench.schema.Placement;
import io.closebench.schema.TheoryKind;
import io.closebench.schema.row.CableRecord;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** S1's one grouping of connections: what makes a group, and the figures over it. */
@Timeout(10)
class CableFiguresTest {

    @Test
    void oneMechanismRunWithTwoSettingsIsTwoGroupsEachWithItsOwnFigures() {
        List<CableRecord> rows = List.of(connection("user timeout 3000 ms", 3_050_000_000L, 3_000_000_000L),
                connection("user timeout 10.0 s", 10_100_000_000L, 10_000_000_000L),
                connection("user timeout 3000 ms", 3_070_000_000L, 3_000_000_000L));

        List<CableFigures> groups = CableFigures.of(rows);

        assertThat(groups).extracting(CableFigures::settings).containsExactly("user timeout 3000 ms", "user timeout 10.0 s");
        assertThat(groups).extracting(g -> g.rows().size()).containsExactly(2, 1);
        assertThat(groups.get(0).maxSinceReference()).hasValue(3_070_000_000L);
        assertThat(groups.get(0).medianRatio()).hasValue(1.0167);
        assertThat(groups.get(0).id()).isEqualTo(groups.get(1).id()).isEqualTo("a / keepalive+TCP_USER_TIMEOUT / NETTY_EPOLL / OS");
        assertThat(groups.get(0).idWithSettings()).isNotEqualTo(groups.get(1).idWithSettings());
        assertThat(CableView.rule(groups.get(1))).isEqualTo("10.0 s after last segment");
    }

    private static CableRecord connection(String settings, long sinceReference, long theory) {
        return new CableRecord(1, "a", "cable pulled, client killed; idle", "keepalive+TCP_USER_TIMEOUT", settings,
                Observer.NETTY_EPOLL, Optional.of(Placement.OS), 0, Outcome.CONNECTION_TIMED_OUT, DetectedBy.READ,
                "NativeIoException", "Connection timed out", sinceReference - 500_000_000L, sinceReference, -1, -1,
                TheoryKind.FINITE, "LAST_PEER_SEGMENT", theory, sinceReference, (double) sinceReference / theory, "rule",
                "ok 1 B", "gone", 22_000_000_000L, 15, -1, -1, -1, -1, 0, 0, "", 0);
    }
}
