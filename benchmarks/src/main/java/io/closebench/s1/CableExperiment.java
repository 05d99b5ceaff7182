package io.closebench.s1;

import io.closebench.rig.ThisHost;
import io.closebench.cable.CableFault;
import io.closebench.cable.Mechanism;

import io.closebench.schema.Observer;
import io.closebench.netns.LeftoverSweep;
import io.closebench.netns.NetnsCapability;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The entry point for code that wants pulled-cable samples, such as a JMH single-shot benchmark:
 * one call runs one fault against one mechanism and observer with N connections on a fresh pair of
 * hosts (one pull, N samples) and returns every connection's {@link CableSample}. A
 * {@code @Benchmark @BenchmarkMode(Mode.SingleShotTime)} method can call
 * {@link #measure(CableFault, Mechanism, Observer, int, CableSettings)} once per iteration and
 * publish the samples' {@code detectionNanos()} (for instance into an HdrHistogram); the time JMH
 * itself measures is the whole trial and means little.
 *
 * <p>Needs root and network namespaces: check {@link #capability()} first and skip with its
 * reason. Leftovers of killed earlier runs are swept once per JVM before the first trial.
 */
public final class CableExperiment {

    private static final AtomicBoolean SWEPT = new AtomicBoolean();
    private static volatile NetnsCapability capability;

    private CableExperiment() {
    }

    /** Whether this machine can run the cable cases, probed once per JVM. */
    public static NetnsCapability capability() {
        if (capability == null) {
            synchronized (CableExperiment.class) {
                if (capability == null) {
                    capability = NetnsCapability.probe();
                }
            }
        }
        return capability;
    }

    /** One fault x mechanism x observer with {@code connections} connections: one sample each. */
    public static List<CableSample> measure(CableFault fault, Mechanism mechanism, Observer observer,
                                            int connections, CableSettings settings) {
        return measure(new TrialSpec(fault, List.of(new CableGroup(mechanism, observer, connections))), settings);
    }

    /** Several groups meeting the same fault on one pair of hosts (one pull for all). */
    public static List<CableSample> measure(TrialSpec spec, CableSettings settings) {
        return measure(spec, settings, TrialListener.NONE);
    }

    /** As {@link #measure(TrialSpec, CableSettings)}, telling {@code listener} what happens. */
    public static List<CableSample> measure(TrialSpec spec, CableSettings settings, TrialListener listener) {
        NetnsCapability c = capability();
        if (!c.available()) {
            throw new IllegalStateException("network namespaces unavailable: " + c.reason());
        }
        if (SWEPT.compareAndSet(false, true)) {
            LeftoverSweep.sweep();
        }
        try (ThisHost here = new ThisHost()) {
            return CableTrial.run(1, spec, settings, listener, here);
        }
    }
}
