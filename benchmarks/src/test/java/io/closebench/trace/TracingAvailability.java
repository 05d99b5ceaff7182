package io.closebench.trace;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** One probe per test JVM, and the skip every tracing test starts with, carrying the probe's reason. */
final class TracingAvailability {

    private static KernelTraceAvailability availability;

    private TracingAvailability() {
    }

    static synchronized KernelTraceAvailability availability() {
        if (availability == null) {
            availability = KernelTraceAvailability.probe();
        }
        return availability;
    }

    /** Skips the calling test with the probe's reason when kernel tracing is unavailable here. */
    static void assumeTracing() {
        KernelTraceAvailability a = availability();
        assumeTrue(a.available(), () -> "kernel tracing unavailable: " + a.reason());
    }
}
