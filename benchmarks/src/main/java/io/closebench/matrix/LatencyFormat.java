package io.closebench.matrix;

import java.util.OptionalLong;

/** Nanoseconds for people: "17 us", "1.42 ms", "316 ms", "-" when unknown. */
public final class LatencyFormat {

    private LatencyFormat() {
    }

    public static String of(OptionalLong nanos) {
        return nanos.isPresent() ? of(nanos.getAsLong()) : "-";
    }

    public static String of(long nanos) {
        if (nanos < 0) {
            return "-";
        }
        if (nanos < 10_000_000L) {
            double us = nanos / 1e3;
            return us < 1000 ? String.format("%.0f us", us) : String.format("%.2f ms", us / 1e3);
        }
        double ms = nanos / 1e6;
        return ms < 10_000 ? String.format("%.0f ms", ms) : String.format("%.1f s", ms / 1e3);
    }
}
