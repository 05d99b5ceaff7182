package io.closebench.cable;

import io.closebench.analysis.format.ThreeFigureDuration;
import io.closebench.schema.Observer;
import io.closebench.observe.ObserverModels;
import io.closebench.transport.SocketSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Several mechanisms on the same connection, as a real server has them: what a stack sets by
 * default, or what a user asks about ({@code closebench settings}). Its rule is the first of its
 * parts' rules to end the connection, with the interactions between them that change a part's
 * own rule:
 * <ul>
 *   <li>keepalive and {@code TCP_USER_TIMEOUT} together follow {@link KeepaliveWithUserTimeout}'s
 *       rule (the user timeout overrides the keepalive count);</li>
 *   <li>a heartbeat makes an idle connection a sending one: once a ping went out after the pull it
 *       stays unacknowledged, keepalive waits behind it, and the retransmission rules
 *       ({@code tcp_retries2}, or {@code TCP_USER_TIMEOUT}) time the ping; keepalive still decides
 *       when its abort comes before that first lost ping;</li>
 *   <li>a connect to a dead host (g, g') is ended by the first of the address resolution, the SYN
 *       retransmissions (the namespace's {@code tcp_syn_retries}, or the user timeout) and the
 *       connect timeout ({@link ConnectTheory}).</li>
 * </ul>
 * {@code tcp_retries2} and {@code tcp_syn_retries} are sysctls of the server's namespace; the read
 * deadline, the heartbeat and the connect timeout are the application's timers.
 *
 * @param name           what it is called in the tables and the CSV's mechanism column: a slug
 *                       ({@code settings}, {@code go}, {@code client-go})
 * @param keepalive      TCP keepalive, if on
 * @param userTimeout    {@code TCP_USER_TIMEOUT}, if set (Netty's native transports only)
 * @param retries2       {@code net.ipv4.tcp_retries2} in the server's namespace, if not the default
 * @param synRetries     {@code net.ipv4.tcp_syn_retries} there, if not the default
 * @param readDeadline   a read deadline, if any
 * @param heartbeat      an application heartbeat, if any
 * @param connectTimeout a connect timeout, if any
 */
public record Combination(String name, Optional<TcpKeepalive> keepalive, Optional<UserTimeout> userTimeout,
                          Optional<ShortRetries> retries2, Optional<SynRetries> synRetries,
                          Optional<ReadDeadline> readDeadline, Optional<AppHeartbeat> heartbeat,
                          Optional<ConnectTimeout> connectTimeout) implements Mechanism {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    /** Two parts' times this close are a race: the rule says so. */
    private static final long RACE_NANOS = 100_000_000L;

    public Combination {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a combination's name is a slug of a-z, 0-9 and '-', got '" + name + "'");
        }
    }

    /** Nothing set but the name: what a Java server gets out of the box. */
    public static Combination nothing(String name) {
        return new Combination(name, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    public Combination withKeepalive(TcpKeepalive k) {
        return new Combination(name, Optional.of(k), userTimeout, retries2, synRetries, readDeadline, heartbeat, connectTimeout);
    }

    public Combination withUserTimeout(UserTimeout u) {
        return new Combination(name, keepalive, Optional.of(u), retries2, synRetries, readDeadline, heartbeat, connectTimeout);
    }

    public Combination withRetries2(ShortRetries r) {
        return new Combination(name, keepalive, userTimeout, Optional.of(r), synRetries, readDeadline, heartbeat, connectTimeout);
    }

    public Combination withSynRetries(SynRetries s) {
        return new Combination(name, keepalive, userTimeout, retries2, Optional.of(s), readDeadline, heartbeat, connectTimeout);
    }

    public Combination withReadDeadline(ReadDeadline d) {
        return new Combination(name, keepalive, userTimeout, retries2, synRetries, Optional.of(d), heartbeat, connectTimeout);
    }

    public Combination withHeartbeat(AppHeartbeat h) {
        return new Combination(name, keepalive, userTimeout, retries2, synRetries, readDeadline, Optional.of(h), connectTimeout);
    }

    public Combination withConnectTimeout(ConnectTimeout c) {
        return new Combination(name, keepalive, userTimeout, retries2, synRetries, readDeadline, heartbeat, Optional.of(c));
    }

    /** The same settings under another name. */
    public Combination named(String other) {
        return new Combination(other, keepalive, userTimeout, retries2, synRetries, readDeadline, heartbeat, connectTimeout);
    }

    /** Every part that is set, kernel first, then the application's timers. */
    public List<Mechanism> parts() {
        List<Mechanism> parts = new ArrayList<>();
        keepalive.ifPresent(parts::add);
        userTimeout.ifPresent(parts::add);
        retries2.ifPresent(parts::add);
        synRetries.ifPresent(parts::add);
        readDeadline.ifPresent(parts::add);
        heartbeat.ifPresent(parts::add);
        connectTimeout.ifPresent(parts::add);
        return parts;
    }

    /**
     * The kernel's part on an established connection: keepalive and the user timeout as they act
     * together, or alone, or nothing set ({@code tcp_retries2} comes from the namespace).
     */
    public Mechanism kernel() {
        if (keepalive.isPresent() && userTimeout.isPresent()) {
            return new KeepaliveWithUserTimeout(keepalive.get(), userTimeout.get());
        }
        if (keepalive.isPresent()) {
            return keepalive.get();
        }
        if (userTimeout.isPresent()) {
            return userTimeout.get();
        }
        return new KernelDefaults();
    }

    @Override
    public String label() {
        return name;
    }

    @Override
    public String settings() {
        List<String> words = parts().stream().map(Combination::describe).toList();
        return words.isEmpty() ? "nothing set (no keepalive)" : String.join(", ", words);
    }

    /** One part in a few words: "keepalive idle 5 s + 1 s x 3", "TCP_USER_TIMEOUT 4 s". */
    static String describe(Mechanism part) {
        if (part instanceof TcpKeepalive k) {
            return "keepalive " + k.settings();
        }
        if (part instanceof UserTimeout u) {
            return "TCP_USER_TIMEOUT " + u.settings();
        }
        if (part instanceof ReadDeadline d) {
            return "read deadline " + ThreeFigureDuration.of(d.millis() * 1_000_000L);
        }
        if (part instanceof AppHeartbeat h) {
            return "heartbeat " + h.settings();
        }
        if (part instanceof ConnectTimeout c) {
            return "connect timeout " + ThreeFigureDuration.of(c.millis() * 1_000_000L);
        }
        return part.label();
    }

    /** Only the observers whose API can apply every part: {@code TCP_USER_TIMEOUT} narrows it to Netty's native ones. */
    @Override
    public Set<Observer> observers() {
        Set<Observer> all = EnumSet.copyOf(ObserverModels.singleConnection());
        parts().forEach(p -> all.retainAll(p.observers()));
        return all;
    }

    @Override
    public SocketSettings socketSettings() {
        SocketSettings s = SocketSettings.NONE;
        if (keepalive.isPresent()) {
            s = s.and(keepalive.get().socketSettings());
        }
        if (userTimeout.isPresent()) {
            s = s.and(userTimeout.get().socketSettings());
        }
        return s;
    }

    /** Every fault: the kernel's defaults alone say something about each. */
    @Override
    public boolean appliesTo(CableFault fault) {
        return true;
    }

    @Override
    public Map<String, String> serverSysctls() {
        Map<String, String> sysctls = new LinkedHashMap<>();
        retries2.ifPresent(r -> sysctls.putAll(r.serverSysctls()));
        synRetries.ifPresent(s -> sysctls.putAll(s.serverSysctls()));
        return sysctls;
    }

    /** One part's prediction, with the instant it ends on the {@code System.nanoTime()} scale. */
    private record Candidate(String part, Theory theory, long at) {
    }

    @Override
    public Theory theory(CableFault fault, ConnectionTimeline t) {
        if (fault.reconnects()) {
            return ConnectTheory.of(fault, t, connectTimeout.map(c -> c.millis() * 1_000_000L).orElse(Theory.NEVER),
                    userTimeout.map(UserTimeout::nanos).orElse(0L));
        }
        List<Candidate> candidates = new ArrayList<>();
        candidates.add(candidate("the kernel (" + kernelWords() + ")", kernelTheory(fault, t), t));
        heartbeat.ifPresent(h -> candidates.add(candidate("the heartbeat", h.theory(fault, t), t)));
        readDeadline.ifPresent(d -> candidates.add(candidate("the read deadline", d.theory(fault, t), t)));
        List<Candidate> finite = candidates.stream().filter(c -> c.theory().isFinite())
                .sorted(Comparator.comparingLong(c -> c.at() - t.t0())).toList();
        if (finite.isEmpty()) {
            Candidate undecided = candidates.stream().filter(c -> !c.theory().isNever()).findFirst().orElse(candidates.get(0));
            String why = String.join("; ", candidates.stream().map(c -> c.part() + ": " + c.theory().why()).toList());
            return new Theory(undecided.theory().reference(), undecided.theory().boundNanos(), why);
        }
        Candidate first = finite.get(0);
        StringBuilder why = new StringBuilder(first.part()).append(" first: ").append(first.theory().why());
        for (Candidate later : finite.subList(1, finite.size())) {
            long after = later.at() - first.at();
            why.append(after < RACE_NANOS ? "; a race with " : "; then ").append(later.part()).append(" (")
                    .append(ThreeFigureDuration.of(later.theory().boundNanos())).append(' ')
                    .append(later.theory().reference().phrase()).append(')');
        }
        candidates.stream().filter(c -> !c.theory().isFinite())
                .forEach(c -> why.append("; ").append(c.part()).append(": ").append(c.theory().isNever() ? "never" : "not predicted"));
        return new Theory(first.theory().reference(), first.theory().boundNanos(), why.toString(), first.theory().atTheLatest());
    }

    private static Candidate candidate(String part, Theory theory, ConnectionTimeline t) {
        long at = theory.isFinite() ? theory.referenceInstant(t) + theory.boundNanos() : Long.MAX_VALUE;
        return new Candidate(part, theory, at);
    }

    private String kernelWords() {
        List<String> words = new ArrayList<>();
        keepalive.ifPresent(k -> words.add(describe(k)));
        userTimeout.ifPresent(u -> words.add(describe(u)));
        retries2.ifPresent(r -> words.add(describe(r)));
        return words.isEmpty() ? "nothing set" : String.join(", ", words);
    }

    /**
     * The kernel's rule on an established connection. With a heartbeat on an idle connection the
     * pings are data in flight once the cable is out: keepalive decides only if its abort comes
     * before the first ping that went unacknowledged; after that the retransmission rules time it.
     */
    private Theory kernelTheory(CableFault fault, ConnectionTimeline t) {
        Mechanism kernel = kernel();
        if (heartbeat.isEmpty() || fault != CableFault.PULLED_IDLE || t.firstUnackedSendAt() <= 0) {
            return kernel.theory(fault, t);
        }
        Theory idle = kernel.theory(fault, t);
        if (idle.isFinite() && idle.referenceInstant(t) + idle.boundNanos() - t.firstUnackedSendAt() <= 0) {
            return idle;
        }
        Theory pings = kernel.theory(CableFault.PULLED_SENDING, t);
        return new Theory(pings.reference(), pings.boundNanos(), "the heartbeat's pings are data in flight: "
                + pings.why(), pings.atTheLatest());
    }

    @Override
    public long nominalNanos(CableFault fault, int retries2Default) {
        int r2 = retries2.map(ShortRetries::retries).orElse(retries2Default);
        if (fault.reconnects()) {
            return ConnectTheory.nominalNanos(fault, connectTimeout.map(c -> c.millis() * 1_000_000L).orElse(Theory.NEVER),
                    userTimeout.map(UserTimeout::nanos).orElse(0L),
                    synRetries.map(SynRetries::retries).orElse(ConnectionTimeline.DEFAULT_CONNECT.synRetries()));
        }
        Mechanism kernel = kernel();
        long nominal = kernel.nominalNanos(fault, r2);
        if (heartbeat.isPresent() && fault == CableFault.PULLED_IDLE) {
            nominal = Math.min(nominal, kernel.nominalNanos(CableFault.PULLED_SENDING, r2));
        }
        if (heartbeat.isPresent()) {
            nominal = Math.min(nominal, heartbeat.get().nominalNanos(fault, r2));
        }
        if (readDeadline.isPresent()) {
            nominal = Math.min(nominal, readDeadline.get().nominalNanos(fault, r2));
        }
        return nominal;
    }

    /**
     * The part whose own time is the shortest for {@code fault} by the nominal rules: the kernel's
     * part ({@link #kernel()}), the heartbeat or the read deadline; the kernel's part when none has
     * a time. What a shorter setting of the same mechanism stands in for when the combination's time
     * is too long to wait for.
     */
    public Mechanism decidingPart(CableFault fault, int retries2Default) {
        int r2 = retries2.map(ShortRetries::retries).orElse(retries2Default);
        Mechanism best = kernel();
        long bestNanos = best.nominalNanos(fault, r2);
        if (heartbeat.isPresent() && fault == CableFault.PULLED_IDLE) {
            bestNanos = Math.min(bestNanos, best.nominalNanos(CableFault.PULLED_SENDING, r2));
        }
        for (Optional<? extends Mechanism> timer : List.of(heartbeat, readDeadline)) {
            if (timer.isPresent() && timer.get().nominalNanos(fault, r2) < bestNanos) {
                best = timer.get();
                bestNanos = best.nominalNanos(fault, r2);
            }
        }
        return best;
    }

    /** "COMBINATION:go/KEEPALIVE.15.15.9": the name, then each part's own token with '.' for ':'. */
    @Override
    public String encode() {
        StringBuilder s = new StringBuilder("COMBINATION:").append(name);
        parts().forEach(p -> s.append('/').append(p.encode().replace(':', '.')));
        return s.toString();
    }

    /** The inverse of {@link #encode()}, given what follows "COMBINATION:". */
    static Combination decodeParts(String encoded) {
        String[] p = encoded.split("/");
        Combination c = nothing(p[0]);
        for (int i = 1; i < p.length; i++) {
            Mechanism part = Mechanism.decode(p[i].replace('.', ':'));
            if (part instanceof TcpKeepalive k) {
                c = c.withKeepalive(k);
            } else if (part instanceof UserTimeout u) {
                c = c.withUserTimeout(u);
            } else if (part instanceof ShortRetries r) {
                c = c.withRetries2(r);
            } else if (part instanceof SynRetries syn) {
                c = c.withSynRetries(syn);
            } else if (part instanceof ReadDeadline d) {
                c = c.withReadDeadline(d);
            } else if (part instanceof AppHeartbeat h) {
                c = c.withHeartbeat(h);
            } else if (part instanceof ConnectTimeout t) {
                c = c.withConnectTimeout(t);
            } else {
                throw new IllegalArgumentException("a combination cannot hold " + p[i]);
            }
        }
        return c;
    }
}
