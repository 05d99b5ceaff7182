package io.closebench.cable;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The kernel's {@code jiffies} against {@code CLOCK_MONOTONIC} ({@link System#nanoTime()}'s
 * clock): jiffy {@code j} lasts from {@link #startOf}{@code (j)} for one tick. The tick runs on a
 * fixed grid of {@code CLOCK_MONOTONIC} ({@code tick_next_period} advances by {@code TICK_NSEC};
 * {@code /proc/timer_list} shows the tick handler's next expiry on it), so the mapping is the tick's
 * length, the grid's phase and the count at one instant.
 *
 * @param tickNanos   one jiffy, {@code 1e9 / HZ}
 * @param phaseNanos  where the grid lies: every tick starts at {@code phaseNanos} modulo {@code tickNanos}
 * @param jiffyAtZero the count the grid's jiffy containing instant {@code phaseNanos} would have
 *                    (only differences and residues modulo the wheel's granularities matter)
 */
public record JiffyClock(long tickNanos, long phaseNanos, long jiffyAtZero) {

    private static final Pattern NOW = Pattern.compile("^now at (\\d+) nsecs$", Pattern.MULTILINE);
    private static final Pattern JIFFIES = Pattern.compile("^jiffies: (\\d+)$", Pattern.MULTILINE);
    private static final Pattern TICK = Pattern.compile(
            "<[0-9a-f]+>, (?:tick_nohz_handler|tick_sched_timer|tick_nohz_highres_handler), S:\\d+\\s*\\n\\s*# expires at (\\d+)-");
    private static final Pattern HZ = Pattern.compile("^CONFIG_HZ=(\\d+)$", Pattern.MULTILINE);
    /** A {@code /proc/timer_list} read this close to a tick edge may print the count of either side. */
    private static final long EDGE_NANOS = 500_000;

    public JiffyClock {
        if (tickNanos <= 0 || phaseNanos < 0 || phaseNanos >= tickNanos) {
            throw new IllegalArgumentException("a tick and a phase within it: " + tickNanos + ", " + phaseNanos);
        }
    }

    /** The jiffy {@code monotonicNanos} falls in. */
    public long jiffyAt(long monotonicNanos) {
        return Math.floorDiv(monotonicNanos - phaseNanos, tickNanos) + jiffyAtZero;
    }

    /** When jiffy {@code jiffy} begins, on {@code CLOCK_MONOTONIC}. */
    public long startOf(long jiffy) {
        return (jiffy - jiffyAtZero) * tickNanos + phaseNanos;
    }

    /** {@code n} jiffies in nanoseconds. */
    public long nanos(long jiffies) {
        return jiffies * tickNanos;
    }

    /** {@code msecs_to_jiffies()}: whole jiffies, rounded up. */
    public long jiffiesOfNanos(long nanos) {
        return Math.floorDiv(nanos + tickNanos - 1, tickNanos);
    }

    /**
     * The mapping from one printing of {@code /proc/timer_list} ("now at N nsecs", the first
     * "jiffies: J", the first tick handler's "expires at") and {@code HZ}; empty when a part is
     * missing or the printing began too close to a tick edge to say which jiffy "now" was in.
     */
    public static Optional<JiffyClock> of(String timerList, int hz) {
        Matcher now = NOW.matcher(timerList);
        Matcher jiffies = JIFFIES.matcher(timerList);
        Matcher tick = TICK.matcher(timerList);
        if (hz <= 0 || !now.find() || !jiffies.find() || !tick.find()) {
            return Optional.empty();
        }
        long tickNanos = 1_000_000_000L / hz;
        long phase = Long.parseLong(tick.group(1)) % tickNanos;
        long at = Long.parseLong(now.group(1));
        long intoTick = Math.floorMod(at - phase, tickNanos);
        if (intoTick < EDGE_NANOS / 10 || intoTick > tickNanos - EDGE_NANOS) {
            return Optional.empty();
        }
        long count = Long.parseLong(jiffies.group(1));
        return Optional.of(new JiffyClock(tickNanos, phase, count - Math.floorDiv(at - phase, tickNanos)));
    }

    /**
     * Reads this machine's mapping: {@code /proc/timer_list} (root) and {@code CONFIG_HZ} from the
     * kernel's configuration ({@code /proc/config.gz} or {@code /boot/config-<release>}); a few
     * tries when a read falls on a tick edge. Empty when either cannot be read.
     */
    public static Optional<JiffyClock> read() {
        Optional<Integer> hz = configuredHz();
        if (hz.isEmpty()) {
            return Optional.empty();
        }
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                Optional<JiffyClock> clock = of(Files.readString(Path.of("/proc/timer_list")), hz.get());
                if (clock.isPresent()) {
                    return clock;
                }
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<Integer> configuredHz() {
        try {
            Path gz = Path.of("/proc/config.gz");
            String config;
            if (Files.isReadable(gz)) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
                    config = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            } else {
                String release = Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
                config = Files.readString(Path.of("/boot/config-" + release));
            }
            Matcher m = HZ.matcher(config);
            return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
