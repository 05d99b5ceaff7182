package io.closebench.cable;

import java.util.Map;

/**
 * A short {@code net.ipv4.tcp_syn_retries}, set inside the server's namespace only: the kernel's
 * own limit on an unanswered connect, run for real in seconds instead of the default's 131 s (6
 * retries and, since Linux 6.5, 4 linear timeouts: SYNs at 0, 1, 2, 3, 4, 5, 7, 11, 19, 35, 67 s,
 * the abort at 131 s). It stands for "the kernel's defaults" of a connect in the quick matrix; the
 * default itself runs with {@code --cable-long}. Only acts on a connect (faults g and g').
 *
 * @param retries the value of {@code tcp_syn_retries}
 */
public record SynRetries(int retries) implements Mechanism {

    public SynRetries {
        if (retries < 1 || retries > 127) {
            throw new IllegalArgumentException("tcp_syn_retries between 1 and 127, got " + retries);
        }
    }

    @Override
    public String label() {
        return "tcp_syn_retries=" + retries;
    }

    @Override
    public String settings() {
        return "syn retries " + retries + " (server's namespace)";
    }

    @Override
    public boolean appliesTo(CableFault fault) {
        return fault.reconnects();
    }

    @Override
    public Map<String, String> serverSysctls() {
        return Map.of("net.ipv4.tcp_syn_retries", String.valueOf(retries));
    }

    @Override
    public Theory theory(CableFault fault, ConnectionTimeline t) {
        return fault.reconnects() ? ConnectTheory.of(fault, t, Theory.NEVER, 0) : ConnectTheory.notApplicable(this);
    }

    @Override
    public long nominalNanos(CableFault fault, int retries2) {
        return fault.reconnects() ? ConnectTheory.nominalNanos(fault, Theory.NEVER, 0, retries) : Theory.NEVER;
    }

    @Override
    public String encode() {
        return "SYN_RETRIES:" + retries;
    }
}
