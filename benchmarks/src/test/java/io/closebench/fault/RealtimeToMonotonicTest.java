package io.closebench.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RealtimeToMonotonicTest {

    @Test
    void parsesBashEpochRealtimeToMicroseconds() {
        assertThat(RealtimeToMonotonic.parseEpochRealtime("1764063754.000042")).isEqualTo(1_764_063_754_000_042L);
        assertThatThrownBy(() -> RealtimeToMonotonic.parseEpochRealtime("1764063754,000042"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("EPOCHREALTIME");
    }

    @Test
    void aRealtimeReadingTakenNowMapsToAMonotonicReadingTakenNow() {
        long before = System.nanoTime();
        Instant now = Instant.now();
        long after = System.nanoTime();
        long converted = RealtimeToMonotonic.toNanoTime(now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000);
        // microsecond truncation and the bracket width are the only error sources; allow 1 ms for a descheduled thread
        long slack = TimeUnit.MILLISECONDS.toNanos(1);
        assertThat(converted).isBetween(before - slack, after + slack);
    }

    @Test
    void aMeasuredOffsetMapsNowBothWaysWithinItsBound() {
        RealtimeToMonotonic.Offset offset = RealtimeToMonotonic.measure();
        long before = System.nanoTime();
        Instant now = Instant.now();
        long after = System.nanoTime();
        long epochNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        long slack = offset.errorBoundNanos() + TimeUnit.MILLISECONDS.toNanos(1);
        assertThat(offset.toNanoTime(epochNanos)).isBetween(before - slack, after + slack);
        assertThat(offset.toEpochNanos(offset.toNanoTime(epochNanos))).isEqualTo(epochNanos);
        assertThat(offset.errorBoundNanos()).isPositive();
    }

    @Test
    void anOffsetSpanningTwoMeasurementsCoversTheirDifference() {
        RealtimeToMonotonic.Offset first = new RealtimeToMonotonic.Offset(1_000, 30);
        RealtimeToMonotonic.Offset stepped = new RealtimeToMonotonic.Offset(1_500, 40);
        RealtimeToMonotonic.Offset span = first.spanning(stepped);
        assertThat(span.realtimeMinusMonotonicNanos()).isEqualTo(1_000);
        assertThat(span.errorBoundNanos()).isEqualTo(40 + 500);
        assertThatThrownBy(() -> new RealtimeToMonotonic.Offset(0, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
