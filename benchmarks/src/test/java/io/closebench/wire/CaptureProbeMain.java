package io.closebench.wire;

/** Prints {@link CaptureAvailability#probe()} as it describes itself: for a test run as another user. */
public final class CaptureProbeMain {

    private CaptureProbeMain() {
    }

    public static void main(String[] args) {
        System.out.println(CaptureAvailability.probe());
    }
}
