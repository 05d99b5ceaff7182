package io.closebench.cable;

import java.util.Map;

/**
 * A short {@code net.ipv4.tcp_retries2}, set inside the server's namespace only: the retransmission
 * path, the kernel's own way to give up on a peer that stopped acknowledging data, run for real
 * in seconds instead of the default's quarter of an hour. It only acts on data in flight; an idle
 * connection sends nothing to retransmit.
 *
 * @param retries the value of {@code tcp_retries2}
 */
public record ShortRetries(int retries) implements Mechanism {

    public ShortRetries {
        if (retries < 1 || retries > 15) {
            throw new IllegalArgumentException("tcp_retries2 between 1 and 15, got " + retries);
        }
    }

    @Override
    public String label() {
        return "tcp_retries2=" + retries;
    }

    @Override
    public String settings() {
        return "retries2 " + retries + " (server's namespace)";
    }

    @Override
    public Map<String, String> serverSysctls() {
        return Map.of("net.ipv4.tcp_retries2", String.valueOf(retries));
    }

    @Override
    public Theory theory(CableFault fault, ConnectionTimeline t) {
        return KernelDefaults.idleOrRetransmission(fault, t, "tcp_retries2 only acts on data in flight");
    }

    @Override
    public long nominalNanos(CableFault fault, int retries2) {
        return fault.workload() == Workload.STREAM && !fault.stopsReading()
                ? RetransmissionTimeoutModel.giveUpAfterNanos(retries) : Theory.NEVER;
    }

    @Override
    public String encode() {
        return "RETRIES:" + retries;
    }
}
