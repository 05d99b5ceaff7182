package io.closebench.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/** {@code closebench bench -- ARGS}: JMH's own arguments over each JMH run of the suite, without running one. */
@Timeout(30)
class JmhArgumentsTest {

    private static final String PEER_CLOSES = "io.closebench.bench.PeerClosesWhileObserverWaits.repetition";
    private static final String BASELINES = "io.closebench.bench.HarnessBaselines.repetition";

    /** A JMH run as BenchmarkSuite builds one. */
    private static Options closebenchs(JmhArguments jmh, String include) {
        return new OptionsBuilder().include(jmh.narrow(include)).param("observer", "BLOCKING", "NIO")
                .param("scenario", "S2-inproc").warmupIterations(3).measurementIterations(5).forks(2)
                .jvmArgsAppend("-Xmx256m", "-Dclosebench.out=/results/run").addProfiler(DetectionProfiler.class)
                .shouldFailOnError(true).build();
    }

    @Test
    void jmhsOptionsWinOverClosebenchsAndWhatTheyDoNotNameStaysAsClosebenchSetIt() {
        JmhArguments jmh = JmhArguments.parse(List.of("-wi", "1", "-i", "1", "-f", "1", "-p", "observer=NIO", "PeerCloses"));
        Options o = jmh.over(closebenchs(jmh, "^io\\.closebench\\.bench\\.PeerClosesWhileObserverWaits\\."));

        assertThat(o.getWarmupIterations().get()).isEqualTo(1);
        assertThat(o.getMeasurementIterations().get()).isEqualTo(1);
        assertThat(o.getForkCount().get()).isEqualTo(1);
        assertThat(o.getParameter("observer").get()).containsExactly("NIO");
        assertThat(o.getParameter("scenario").get()).containsExactly("S2-inproc");
        assertThat(o.shouldFailOnError().get()).isTrue();
        assertThat(o.getProfilers()).extracting(p -> p.getKlass()).containsExactly(DetectionProfiler.class.getName());
    }

    @Test
    void jvmArgsAppendComesAfterClosebenchsSoThatTheHistogramsStillGoToTheRun() {
        JmhArguments jmh = JmhArguments.parse(List.of("-jvmArgsAppend", "-Dextra=1", "-prof", "gc", "-e", "Blocked"));
        Options o = jmh.over(closebenchs(jmh, "^x\\."));

        assertThat(o.getJvmArgsAppend().get()).containsExactly("-Xmx256m", "-Dclosebench.out=/results/run", "-Dextra=1");
        assertThat(o.getProfilers()).extracting(p -> p.getKlass()).containsExactly(DetectionProfiler.class.getName(), "gc");
        assertThat(o.getExcludes()).containsExactly("Blocked");
    }

    @Test
    void benchmarkNamesNarrowEachRunToWhatBothItAndTheNamesSelect() {
        JmhArguments jmh = JmhArguments.parse(List.of("PeerCloses"));
        String peerCloses = "^io\\.closebench\\.bench\\.PeerClosesWhileObserverWaits\\.";
        String baselines = "^io\\.closebench\\.bench\\.HarnessBaselines\\.";

        assertThat(jmh.countSelected(peerCloses, List.of(PEER_CLOSES, BASELINES))).isEqualTo(1);
        assertThat(jmh.selectsAny(baselines, List.of(BASELINES))).isFalse();
        assertThat(Pattern.compile(jmh.narrow(peerCloses)).matcher(PEER_CLOSES).find()).isTrue();
        assertThat(Pattern.compile(jmh.narrow(peerCloses)).matcher(BASELINES).find()).isFalse();
        assertThat(JmhArguments.none().narrow(baselines)).as("no names: the run as it was").isEqualTo(baselines);
    }

    @Test
    void theListingOptionsAreRecognisedAsListingOnly() {
        assertThat(JmhArguments.parse(List.of("-l")).onlyLists()).isTrue();
        assertThat(JmhArguments.parse(List.of("-lp", "PeerCloses")).onlyLists()).isTrue();
        assertThat(JmhArguments.parse(List.of("-wi", "1")).onlyLists()).isFalse();
        assertThat(JmhArguments.none().isEmpty()).isTrue();
    }

    @Test
    void whatJmhRefusesIsRefusedInJmhsWords() {
        assertThatThrownBy(() -> JmhArguments.parse(List.of("-zz"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("JMH refuses -zz: ");
        assertThatThrownBy(() -> JmhArguments.parse(List.of("-wi", "many"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("many");
        assertThatThrownBy(() -> JmhArguments.parse(List.of("Peer("))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("regular expression");
    }
}
