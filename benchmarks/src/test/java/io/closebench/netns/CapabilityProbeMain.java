package io.closebench.netns;

/** Prints {@link NetnsCapability#probe()} as {@code AVAILABLE} or {@code UNAVAILABLE <reason>}. */
public final class CapabilityProbeMain {

    private CapabilityProbeMain() {
    }

    public static void main(String[] args) {
        NetnsCapability capability = NetnsCapability.probe();
        System.out.println(capability.available() ? "AVAILABLE"
                : "UNAVAILABLE " + capability.reason());
    }
}
