package io.closebench.trace;

import io.closebench.wire.Endpoint;
import java.net.InetAddress;

/**
 * Starts a kernel trace of a port nothing uses, prints {@code READY <instance name>}, then sleeps
 * for {@code args[0]} seconds without closing it: a run that a signal ends.
 */
public final class TraceHolderMain {

    private TraceHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        KernelTrace trace = KernelTrace.start(TraceFilter.localEnds(
                new Endpoint(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 9)));
        System.out.println("READY " + trace.instanceName());
        System.out.flush();
        Thread.sleep(Long.parseLong(args[0]) * 1000);
    }
}
