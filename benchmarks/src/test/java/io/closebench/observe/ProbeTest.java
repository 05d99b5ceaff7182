package io.closebench.observe;

import io.closebench.schema.DetectedBy;

import static io.closebench.schema.Outcome.BROKEN_PIPE;
import static io.closebench.schema.Outcome.EOF;
import static io.closebench.schema.Outcome.NONE;
import static io.closebench.schema.Outcome.RESET;
import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.schema.Outcome;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ProbeTest {

    private final ByteBuffer scratch = ByteBuffer.allocate(100);
    private final ProbeLimits limits = new ProbeLimits(10, 5);

    @Test
    void readUntilOutcomeCountsEveryDeliveredByteAndStopsAtTheFirstEnd() {
        ScriptedConnection c = new ScriptedConnection().reads(NONE, NONE, RESET, EOF);
        ProbeResult r = Probe.READ_UNTIL_OUTCOME.observe(c, limits, scratch, Long.MAX_VALUE);

        assertThat(r.decisive().outcome()).isEqualTo(RESET);
        assertThat(r.bytesRead()).isEqualTo(200);
        assertThat(r.detectedBy()).isEqualTo(DetectedBy.READ);
        assertThat(c.readCalls).isEqualTo(3);
        // t1 is the instant the decisive call returned: the third call on a clock stepping by 10
        assertThat(r.decisive().returnedAt()).isEqualTo(1030);
    }

    @Test
    void writeUntilErrorCountsTheWritesAcceptedBeforeTheError() {
        ScriptedConnection c = new ScriptedConnection().writes(NONE, BROKEN_PIPE);
        ProbeResult r = Probe.WRITE_UNTIL_ERROR.observe(c, limits, scratch, Long.MAX_VALUE);

        assertThat(r.decisive().outcome()).isEqualTo(BROKEN_PIPE);
        assertThat(r.writesAccepted()).isEqualTo(1);
        assertThat(r.bytesWritten()).isEqualTo(10);
        assertThat(r.detectedBy()).isEqualTo(DetectedBy.WRITE);
    }

    @Test
    void writeUntilErrorIsBoundedAndReportsNothingWhenEveryWriteSucceeds() {
        ScriptedConnection c = new ScriptedConnection();
        ProbeResult r = Probe.WRITE_UNTIL_ERROR.observe(c, limits, scratch, Long.MAX_VALUE);

        assertThat(r.decisive().outcome()).isEqualTo(Outcome.NONE);
        assertThat(r.writesAccepted()).isEqualTo(limits.maxWrites());
        assertThat(c.writeCalls).isEqualTo(limits.maxWrites());
    }

    @Test
    void writeOnceThenReadReportsTheReadUnlessTheWriteAlreadyFailed() {
        ProbeResult read = Probe.WRITE_ONCE_THEN_READ.observe(new ScriptedConnection().reads(NONE, EOF), limits,
                scratch, Long.MAX_VALUE);
        assertThat(read.decisive().outcome()).isEqualTo(EOF);
        assertThat(read.writesAccepted()).isEqualTo(1);
        assertThat(read.bytesRead()).isEqualTo(100);

        ScriptedConnection failing = new ScriptedConnection().writes(RESET);
        ProbeResult write = Probe.WRITE_ONCE_THEN_READ.observe(failing, limits, scratch, Long.MAX_VALUE);
        assertThat(write.decisive().outcome()).isEqualTo(RESET);
        assertThat(write.detectedBy()).isEqualTo(DetectedBy.WRITE);
        assertThat(failing.readCalls).isZero();
    }

    @Test
    void afterAFailedWriteWriteOnceThenReadReadsWhatIsStillBufferedAndKeepsTheWriteAsTheOutcome() {
        ScriptedConnection c = new ScriptedConnection().writes(RESET).reads(NONE, NONE, EOF).buffered(200);
        ProbeResult r = Probe.WRITE_ONCE_THEN_READ.observe(c, limits, scratch, Long.MAX_VALUE);

        assertThat(r.decisive().outcome()).isEqualTo(RESET);
        assertThat(r.detectedBy()).isEqualTo(DetectedBy.WRITE);
        assertThat(r.bytesRead()).as("delivered after the failed write").isEqualTo(200);
        // it stops once nothing is buffered: the EOF is left for the follow-up read
        assertThat(c.readCalls).isEqualTo(2);
    }

    @Test
    void writeBlockedMakesOneWriteOfTheWholeChunkWhateverTheScratchSize() {
        ProbeLimits huge = new ProbeLimits(1 << 20, 1);
        ScriptedConnection failing = new ScriptedConnection().writes(RESET);
        ProbeResult r = Probe.WRITE_BLOCKED.observe(failing, huge, scratch, Long.MAX_VALUE);
        assertThat(r.decisive().outcome()).isEqualTo(RESET);
        assertThat(r.writesAccepted()).isZero();
        assertThat(failing.writeCalls).isEqualTo(1);

        ProbeResult accepted = Probe.WRITE_BLOCKED.observe(new ScriptedConnection(), huge, scratch, Long.MAX_VALUE);
        assertThat(accepted.decisive().outcome()).isEqualTo(NONE);
        assertThat(accepted.bytesWritten()).as("one write of the whole chunk, not of the scratch buffer").isEqualTo(1 << 20);
    }

    @Test
    void readSlowlyReadsAtMostItsChunkAtATimeUntilTheOutcome() {
        ByteBuffer large = ByteBuffer.allocate(64 * 1024);
        ScriptedConnection c = new ScriptedConnection().reads(NONE, NONE, EOF);
        ProbeResult r = Probe.READ_SLOWLY.observe(c, limits, large, Long.MAX_VALUE);

        assertThat(r.decisive().outcome()).isEqualTo(EOF);
        assertThat(r.bytesRead()).isEqualTo(2L * Probe.SLOW_READ_BYTES);
        assertThat(c.readSizes).containsOnly(Probe.SLOW_READ_BYTES);
    }

    @Test
    void followUpMakesOneReadAndOneSingleByteWrite() {
        ScriptedConnection c = new ScriptedConnection().reads(EOF).writes(BROKEN_PIPE);
        FollowUp f = FollowUp.after(c, scratch, Long.MAX_VALUE);

        assertThat(f.nextRead().outcome()).isEqualTo(EOF);
        assertThat(f.nextWrite().outcome()).isEqualTo(BROKEN_PIPE);
        assertThat(c.readCalls).isEqualTo(1);
        assertThat(c.writeCalls).isEqualTo(1);
    }
}
