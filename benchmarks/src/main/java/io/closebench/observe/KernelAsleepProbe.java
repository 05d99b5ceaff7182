package io.closebench.observe;

import io.closebench.fault.AsleepProbe;
import io.closebench.placement.Affinity;
import java.util.function.BooleanSupplier;

/** This host's way to see a peer's own thread asleep: its kernel thread in state S ({@code /proc}). */
public final class KernelAsleepProbe implements AsleepProbe {

    public static final KernelAsleepProbe INSTANCE = new KernelAsleepProbe();

    private KernelAsleepProbe() {
    }

    @Override
    public BooleanSupplier watchCurrentThread() {
        AsleepCheck check = AsleepCheck.kernelThread(Affinity.currentTid());
        return check::asleep;
    }
}
