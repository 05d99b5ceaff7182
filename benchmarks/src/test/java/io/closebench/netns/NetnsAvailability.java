package io.closebench.netns;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * One capability probe per test JVM, and the skip that every namespace-dependent test starts
 * with: a machine without root or iproute2 reports the probe's reason as the skip message
 * instead of letting the tests pass vacuously.
 */
final class NetnsAvailability {

    private static NetnsCapability capability;

    private NetnsAvailability() {
    }

    static synchronized NetnsCapability capability() {
        if (capability == null) {
            capability = NetnsCapability.probe();
        }
        return capability;
    }

    /** Skips the calling test with the probe's reason when namespaces cannot be created. */
    static void assumeNamespaces() {
        NetnsCapability c = capability();
        assumeTrue(c.available(), () -> "network namespaces unavailable: " + c.reason());
    }
}
