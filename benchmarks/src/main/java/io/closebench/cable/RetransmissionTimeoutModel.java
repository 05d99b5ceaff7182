package io.closebench.cable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When Linux gives up retransmitting, computed as the kernel itself computes it
 * ({@code tcp_model_timeout()} in {@code net/ipv4/tcp_timer.c}), and when it retransmits.
 *
 * <p>The kernel does not count retransmissions against {@code tcp_retries2}: it converts the count
 * into a time, assuming the RTO starts at {@code TCP_RTO_MIN} (200 ms) and doubles up to
 * {@code TCP_RTO_MAX} (120 s), and aborts at the first retransmission timer that fires once that
 * much time has passed since the first unacknowledged transmission. For the default
 * {@code tcp_retries2 = 15}: 200 ms x (2^10 - 1) + 6 x 120 s = 924.6 s. On a link with a
 * sub-millisecond RTT the real RTO is the same 200 ms plus a few jiffies, so the schedule below is
 * also what the wire shows, give or take those few milliseconds per step.
 */
public final class RetransmissionTimeoutModel {

    /** {@code TCP_RTO_MIN}. */
    public static final Duration RTO_MIN = Duration.ofMillis(200);
    /** {@code TCP_TIMEOUT_INIT}: the first RTO of a SYN. */
    public static final Duration SYN_RTO_INIT = Duration.ofSeconds(1);
    /** {@code TCP_RTO_MAX}, the default of {@code net.ipv4.tcp_rto_max_ms}. */
    public static final Duration RTO_MAX = Duration.ofSeconds(120);

    private RetransmissionTimeoutModel() {
    }

    /** Time from the first unacknowledged transmission to the abort, for {@code tcp_retries2 = retries}. */
    public static long giveUpAfterNanos(int retries) {
        if (retries < 0) {
            throw new IllegalArgumentException("tcp_retries2 cannot be negative: " + retries);
        }
        return modelTimeoutNanos(retries, RTO_MIN.toNanos());
    }

    /**
     * {@code tcp_model_timeout(boundary, rto_base)}: the time {@code boundary} retransmissions take
     * when the RTO starts at {@code baseNanos} and doubles up to {@code TCP_RTO_MAX}.
     */
    static long modelTimeoutNanos(int boundary, long baseNanos) {
        // ilog2(TCP_RTO_MAX / rto_base): the last doubling before the RTO is capped
        int linearBackoffThreshold = 63 - Long.numberOfLeadingZeros(RTO_MAX.toNanos() / baseNanos);
        if (boundary <= linearBackoffThreshold) {
            return ((2L << boundary) - 1) * baseNanos;
        }
        return ((2L << linearBackoffThreshold) - 1) * baseNanos + (boundary - linearBackoffThreshold) * RTO_MAX.toNanos();
    }

    /**
     * When the {@code k}-th retransmission timer of a SYN fires (k &gt;= 1), counted from the first
     * SYN. The RTO starts at {@link #SYN_RTO_INIT} ({@code TCP_TIMEOUT_INIT}) and stays there for the
     * first {@code linearTimeouts + 1} timeouts ({@code net.ipv4.tcp_syn_linear_timeouts}, Linux
     * 6.5+, 4 by default), then doubles up to {@code TCP_RTO_MAX}: with the default, timers at 1, 2,
     * 3, 4, 5, 7, 11, 19, 35, 67, 131 s (as {@code ss} shows on this kernel: rto 1000 ms five times,
     * then backoff 1, 2, 3 ...).
     */
    public static long synTimerAtNanos(int k, int linearTimeouts) {
        return timerAtNanos(k, SYN_RTO_INIT.toNanos(), linearTimeouts);
    }

    /**
     * When the {@code k}-th retransmission timer fires, from the first transmission: the RTO starts
     * at {@code baseNanos}, stays there for the first {@code linear} timeouts, then doubles after each
     * up to {@code TCP_RTO_MAX}.
     */
    private static long timerAtNanos(int k, long baseNanos, int linear) {
        if (k < 1) {
            throw new IllegalArgumentException("timers are counted from 1: " + k);
        }
        long at = 0;
        long rto = baseNanos;
        for (int i = 1; i <= k; i++) {
            at += rto;
            if (i > linear) {
                rto = Math.min(rto * 2, RTO_MAX.toNanos());
            }
        }
        return at;
    }

    /**
     * When Linux gives up a connect whose SYNs are never answered, counted from the first SYN, as
     * {@code tcp_write_timeout()} decides it at each retransmission timer: once the SYN has been
     * retransmitted {@code tcp_syn_retries + tcp_syn_linear_timeouts} times, or once the time since
     * the first SYN reaches {@code tcp_model_timeout(tcp_syn_retries, 1 s)} (2^(n+1) - 1 s), whichever
     * timer comes first; or, with {@code TCP_USER_TIMEOUT} set, once that much time has passed
     * instead of the modelled time (the RTO is clamped so that a timer fires right then). The first
     * timer can never abort: nothing has been retransmitted yet. Measured here: tcp_syn_retries 1,
     * 2 and 3 give 3, 7 and 19 s; the default 6, 131 s; a user timeout of 0.5, 2 and 3 s gives 1, 2
     * and 3 s.
     *
     * @param userTimeoutNanos {@code TCP_USER_TIMEOUT}, 0 when not set
     */
    public static long synGiveUpNanos(int synRetries, int linearTimeouts, long userTimeoutNanos) {
        if (synRetries < 1 || linearTimeouts < 0 || userTimeoutNanos < 0) {
            throw new IllegalArgumentException("tcp_syn_retries at least 1, linear timeouts and user timeout not "
                    + "negative: " + synRetries + ", " + linearTimeouts + ", " + userTimeoutNanos);
        }
        long limit = userTimeoutNanos > 0 ? userTimeoutNanos : modelTimeoutNanos(synRetries, SYN_RTO_INIT.toNanos());
        long fires = synTimerAtNanos(1, linearTimeouts);
        for (int retransmitted = 0; ; retransmitted++) {
            if (retransmitted >= 1 && (retransmitted >= synRetries + linearTimeouts || fires >= limit)) {
                return fires;
            }
            long wait = synTimerAtNanos(retransmitted + 2, linearTimeouts) - synTimerAtNanos(retransmitted + 1, linearTimeouts);
            if (userTimeoutNanos > 0) {
                // tcp_clamp_rto_to_user_timeout(): the next timer no later than the user timeout
                wait = Math.min(wait, Math.max(0, userTimeoutNanos - fires));
            }
            fires += wait;
        }
    }

    /**
     * When the k-th retransmission (k &gt;= 1) leaves, counted from the first transmission: 0.2 s,
     * 0.6 s, 1.4 s, 3.0 s, ... until the RTO reaches its cap, then every 120 s.
     */
    public static long retransmissionAtNanos(int k) {
        return timerAtNanos(k, RTO_MIN.toNanos(), 0);
    }

    /**
     * When the retransmission timer aborts, counted from the instant its schedule started: Linux
     * decides only at an expiry ({@code retransmits_timed_out()} in {@code tcp_write_timeout()}),
     * once {@link #giveUpAfterNanos} has passed since {@code retrans_stamp}. The expiries are
     * {@code rto}, 3, 7, 15, 31 ... times {@code rto} after the start (doubling up to
     * {@link #RTO_MAX}), with the connection's real RTO (at least {@link #RTO_MIN}).
     * {@code retrans_stamp} is the oldest segment's timestamp at the first retransmission attempt
     * ({@code tcp_retransmit_skb()}): its original send when that attempt was skipped because the
     * segment's copy still waited in a queue of the host (a neighbour entry resolving the peer),
     * otherwise the first expiry itself. Since {@code tcp_retries2}'s time is 200 ms x (2^(n+1) - 1),
     * the two stamps can be a whole doubling apart: see docs/findings-s1-kernel-rules.md.
     *
     * @param rtoNanos   the first interval, the connection's RTO when the schedule started
     * @param stampNanos {@code retrans_stamp}, from the same origin: 0, or {@code rtoNanos}
     */
    public static long abortTickNanos(int retries, long rtoNanos, long stampNanos) {
        return abortNanos(retries, rtoNanos, stampNanos, List.of());
    }

    /**
     * As {@link #abortTickNanos}, with the RFC 6069 reverts a connection met: each host-unreachable
     * report of its oldest unacknowledged segment ({@code tcp_v4_err()} -> {@code tcp_ld_RTO_revert()})
     * undoes one backoff and runs the retransmission timer at once (the segment's last transmission
     * plus the reverted RTO has passed: its copy waited a whole ARP round), so the abort test runs
     * there too; when it does not abort, the segment is retransmitted and the next expiry is the full
     * backoff later. See docs/findings-s1-kernel-rules.md, item 3.
     *
     * @param stampNanos   {@code retrans_stamp} from the same origin; before it (negative) when a write
     *                     or a tail loss probe restarted the timer after the original send
     * @param revertsNanos when each such report reached the connection, from the same origin, in order
     */
    public static long abortNanos(int retries, long rtoNanos, long stampNanos, List<Long> revertsNanos) {
        if (rtoNanos < RTO_MIN.toNanos()) {
            throw new IllegalArgumentException("an RTO of at least 200 ms: " + rtoNanos);
        }
        long limit = giveUpAfterNanos(retries);
        long next = rtoNanos;
        int backoff = 0;
        int report = 0;
        while (true) {
            long revert = report < revertsNanos.size() ? revertsNanos.get(report) : Long.MAX_VALUE;
            long run;
            if (revert < next) {
                report++;
                if (backoff == 0) {
                    continue; // nothing to undo: the timer is left as it is
                }
                backoff--;
                run = revert;
            } else {
                run = next;
            }
            if (run - stampNanos >= limit) {
                return run;
            }
            backoff++;
            next = run + Math.min(rtoNanos << Math.min(backoff, 30), RTO_MAX.toNanos());
        }
    }

    /** A timer run up to this many jiffies after its bucket is still that run (a crowded bucket's softirq runs late). */
    static final long LATE_JIFFIES = 2;
    /** The retransmission a revert's timer run sends shows within this long of the report. */
    private static final long REVERT_RUN_NANOS = 2_000_000;

    /** What happened at one instant of a connection's retransmission timer, as {@link #abortOnTheWheel} reads it. */
    public enum Step {
        /** The kernel's tail loss probe retransmitted the head (a single segment in flight): restarts the RTO. */
        PROBE,
        /** An expiry of the RTO: the first is its first retransmission, which sets retrans_stamp. */
        TIMER,
        /** The head retransmitted between expiries (TSQ, {@code tcp_xmit_retransmit_queue()}): re-arms the RTO. */
        REARM,
        /** A report of the oldest segment undid one backoff and ran the timer then. */
        REVERT_RUN,
        /** A report of the oldest segment undid one backoff and re-armed the timer for the rest of the RTO. */
        REVERT_REARM,
        /** A report of the oldest segment that changed nothing: the timer did not run at it (its socket was busy). */
        REVERT_NOT_APPLIED,
        /** An expiry the rule places on the wheel where the trace shows no attempt. */
        UNTRACED_TIMER,
        /** The expiry that aborts. */
        ABORT
    }

    /**
     * One step of the replay.
     *
     * @param at        when, on the attempts' clock
     * @param step      what
     * @param sent      for an attempt, whether it left
     * @param sinceStamp how long after retrans_stamp (0 before it is set)
     */
    public record TimerStep(long at, Step step, boolean sent, long sinceStamp) {
    }

    /**
     * The abort as {@link #abortOnTheWheel} finds it.
     *
     * @param at          the expiry (or report) at which the kernel aborts
     * @param stamp       retrans_stamp
     * @param stampIsRetransmission whether retrans_stamp is the first retransmission (it left), else the
     *                    segment's last transmission before it
     * @param steps       the timer's history, observed and placed, up to the abort
     * @param lastTimeout the timeout armed before the abort, in jiffies
     * @param granularity the timer wheel's granularity for that timeout, in jiffies
     * @param contradictions runs the kernel retransmitted at although the rule says it aborts there (0 when the
     *                    rule holds)
     * @param lastArm     the kernel's own enqueueing of the timer that ran at the abort, where traced
     */
    public record WheelAbort(long at, long stamp, boolean stampIsRetransmission, List<TimerStep> steps, long lastTimeout,
                             long granularity, int contradictions, Optional<ConnectionTimeline.TimerArm> lastArm) {
    }

    /**
     * When the kernel aborts a connection whose retransmission attempts were traced, replaying its
     * retransmission timer on the timer wheel ({@link TimerWheel}, {@code jiffies} from
     * {@code clock}); docs/findings-s1-kernel-rules.md, item 3.
     *
     * <ul>
     *   <li>The timer retransmits the head of the retransmit queue at each expiry ({@code
     *   tcp_retransmit_timer()}), so its runs are among the attempts on the head. The first is the
     *   first retransmission, unless it left and the next attempt follows one undoubled RTO later: a
     *   tail loss probe of the head ({@code tcp_send_loss_probe()}: no {@code retrans_stamp}, but it
     *   restarts the RTO and is the segment's new transmission).</li>
     *   <li>{@code retrans_stamp} ({@code tcp_retransmit_skb()}, first attempt) is the segment's
     *   timestamp then: the first retransmission's own instant if it left, else its last transmission
     *   (the original send, or the probe).</li>
     *   <li>Each expiry doubles the RTO and re-arms it from the callback; the next expiry is the wheel's
     *   bucket for it ({@link TimerWheel#rearmedFromItsCallback}). An attempt on the head at that bucket
     *   (up to {@value #LATE_JIFFIES} jiffies late) is that expiry; one that left elsewhere is a
     *   retransmission between expiries, which re-arms the undoubled-since RTO from its instant
     *   ({@code tcp_xmit_retransmit_queue()}).</li>
     *   <li>A report of the oldest segment ({@code tcp_ld_RTO_revert()}) undoes one backoff; if the
     *   reverted RTO has passed since the segment's last transmission, the timer runs at once (with its
     *   abort test; when it does not abort, the retransmission it sends is in the trace, else the
     *   socket was busy and the report changed nothing), otherwise it is re-armed for the rest.</li>
     *   <li>It aborts at the first run after the first whose time past {@code retrans_stamp}, in whole
     *   milliseconds as {@code retransmits_timed_out()} counts, reaches {@link #giveUpAfterNanos}.</li>
     * </ul>
     *
     * @param firstSendAt   the head's original transmission (the first unacknowledged send)
     * @param baseRtoJiffies the RTO before backoff, in jiffies
     * @param attempts      the attempts on the head after {@code firstSendAt}, in order
     * @param reverts       the reports of the oldest segment, in order
     * @return empty when no attempt shows the first retransmission
     */
    public static Optional<WheelAbort> abortOnTheWheel(int retries, JiffyClock clock, long firstSendAt, long baseRtoJiffies,
                                                       List<ConnectionTimeline.HeadAttempt> attempts, List<Long> reverts) {
        return abortOnTheWheel(retries, clock, firstSendAt, baseRtoJiffies, attempts, reverts, List.of(), List.of());
    }

    /**
     * {@link #abortOnTheWheel(int, JiffyClock, long, long, List, List)} with the timer wheel's own account of
     * where it put the timer ({@code timer:timer_start}): wherever the replay has armed the timer, the last
     * enqueueing the kernel traced after that instant and before the bucket the replay computed decides
     * the run instead ({@code bucket_expiry}, on the level the kernel chose). That level is the one
     * {@code calc_wheel_index()} chose from {@code expires - base->clk}, so it holds where the wheel's
     * clock was not {@code jiffies} (docs/findings-s1-kernel-rules.md, item 3, the open cases), and an
     * enqueueing the replay does not know of (a re-arm from the timer's own early run) moves the run too.
     * Without arms, or where the trace's {@code jiffies} do not match {@code clock}, the computed buckets.
     *
     * <p>A run the attempts do not show (the one that aborts, above all) is at the start of its bucket's
     * jiffy, or, where the wheel's run of this timer was traced ({@code timer:timer_expire_entry}) within
     * {@value #LATE_JIFFIES} jiffies of the bucket, at that run's instant: the abort test counts whole
     * milliseconds, so a run a jiffy late can decide it.
     *
     * @param arms the connection's timer enqueueings, in time order
     * @param runs the wheel's runs of the connection's timer, in time order
     */
    public static Optional<WheelAbort> abortOnTheWheel(int retries, JiffyClock clock, long firstSendAt, long baseRtoJiffies,
                                                       List<ConnectionTimeline.HeadAttempt> attempts, List<Long> reverts,
                                                       List<ConnectionTimeline.TimerArm> arms,
                                                       List<ConnectionTimeline.TimerRun> runs) {
        if (baseRtoJiffies <= 0) {
            throw new IllegalArgumentException("an RTO of at least one jiffy: " + baseRtoJiffies);
        }
        long limitMillis = giveUpAfterNanos(retries) / 1_000_000;
        long maxJiffies = clock.jiffiesOfNanos(RTO_MAX.toNanos());
        List<TimerStep> steps = new ArrayList<>();
        int first = 0;
        long lastSent = firstSendAt;
        if (attempts.size() >= 2 && attempts.get(0).sent()) {
            long j0 = clock.jiffyAt(attempts.get(0).at());
            long j1 = clock.jiffyAt(attempts.get(1).at());
            long asProbe = TimerWheel.rearmedFromItsCallback(j0, baseRtoJiffies);
            if (j1 >= asProbe && j1 <= asProbe + LATE_JIFFIES) {
                lastSent = attempts.get(0).at();
                steps.add(new TimerStep(lastSent, Step.PROBE, true, 0));
                first = 1;
            }
        }
        if (first >= attempts.size()) {
            return Optional.empty();
        }
        ConnectionTimeline.HeadAttempt t1 = attempts.get(first);
        long stamp = t1.sent() ? t1.at() : lastSent;
        if (t1.sent()) {
            lastSent = t1.at();
        }
        Replay r = new Replay(clock, stamp, t1.sent(), limitMillis, baseRtoJiffies, maxJiffies, steps,
                armsOnThisClock(clock, arms), runsOnThisClock(clock, runs));
        steps.add(new TimerStep(t1.at(), Step.TIMER, t1.sent(), t1.at() - stamp));
        r.backoff = 1;
        r.armed(t1.at(), r.rto(), TimerWheel.rearmedFromItsCallback(clock.jiffyAt(t1.at()), r.rto()));
        r.lastSent = lastSent;
        int a = first + 1;
        int v = 0;
        while (v < reverts.size() && reverts.get(v) <= t1.at()) {
            v++; // before the first expiry there is no backoff to undo
        }
        while (a < attempts.size() || v < reverts.size()) {
            r.followTheKernel();
            boolean attemptFirst = v >= reverts.size() || (a < attempts.size() && attempts.get(a).at() <= reverts.get(v));
            long at = attemptFirst ? attempts.get(a).at() : reverts.get(v);
            long jiffy = clock.jiffyAt(at);
            if (jiffy > r.next + LATE_JIFFIES) {
                // an expiry before this event left no attempt: it aborted, unless the rule is off
                long run = r.runInstant();
                if (r.aborts(run)) {
                    return Optional.of(r.abort(run));
                }
                steps.add(new TimerStep(run, Step.UNTRACED_TIMER, false, run - stamp));
                r.expired(r.next, run);
                continue;
            }
            if (attemptFirst) {
                ConnectionTimeline.HeadAttempt e = attempts.get(a++);
                if (jiffy >= r.next) {
                    if (r.aborts(e.at())) {
                        r.contradictions++;
                    }
                    steps.add(new TimerStep(e.at(), Step.TIMER, e.sent(), e.at() - stamp));
                    r.expired(jiffy, e.at());
                } else if (e.sent()) {
                    steps.add(new TimerStep(e.at(), Step.REARM, true, e.at() - stamp));
                    r.armed(e.at(), r.rto(), TimerWheel.armedAt(jiffy, r.rto()));
                }
                if (e.sent()) {
                    r.lastSent = e.at();
                }
                continue;
            }
            long report = reverts.get(v++);
            if (r.backoff == 0) {
                continue;
            }
            long remaining = (r.baseRto << (r.backoff - 1)) - clock.jiffiesOfNanos(report - r.lastSent);
            if (remaining > 0) {
                r.backoff--;
                steps.add(new TimerStep(report, Step.REVERT_REARM, false, report - stamp));
                r.armed(report, remaining, TimerWheel.armedAt(jiffy, remaining));
                continue;
            }
            if (r.aborts(report)) {
                steps.add(new TimerStep(report, Step.REVERT_RUN, false, report - stamp));
                return Optional.of(r.abort(report));
            }
            if (a < attempts.size() && attempts.get(a).at() - report < REVERT_RUN_NANOS) {
                ConnectionTimeline.HeadAttempt e = attempts.get(a++);
                steps.add(new TimerStep(e.at(), Step.REVERT_RUN, e.sent(), e.at() - stamp));
                // one backoff undone, one added by the run: the same backoff, re-armed from the report
                r.armed(report, r.rto(), TimerWheel.armedAt(jiffy, r.rto()));
                if (e.sent()) {
                    r.lastSent = e.at();
                }
            } else {
                steps.add(new TimerStep(report, Step.REVERT_NOT_APPLIED, false, report - stamp));
            }
        }
        for (int k = 0; k < 64; k++) {
            r.followTheKernel();
            long run = r.runInstant();
            if (r.aborts(run)) {
                return Optional.of(r.abort(run));
            }
            steps.add(new TimerStep(run, Step.UNTRACED_TIMER, false, run - stamp));
            r.expired(r.next, run);
        }
        throw new IllegalStateException("no abort within 64 expiries: " + steps);
    }

    /** A traced enqueueing whose {@code now} is this far from the clock's jiffy is of another clock: not used. */
    private static final long ARM_JIFFY_TOLERANCE = 1;

    /**
     * The arms whose {@code jiffies} agree with {@code clock} (within a jiffy: the tracepoint and the tick
     * race at a tick's edge); all or none, since one clock maps them all.
     */
    private static List<ConnectionTimeline.TimerArm> armsOnThisClock(JiffyClock clock, List<ConnectionTimeline.TimerArm> arms) {
        for (ConnectionTimeline.TimerArm arm : arms) {
            if (Math.abs(clock.jiffyAt(arm.at()) - arm.now()) > ARM_JIFFY_TOLERANCE) {
                return List.of();
            }
        }
        return arms;
    }

    /** The runs whose {@code jiffies} agree with {@code clock}, as {@link #armsOnThisClock}. */
    private static List<ConnectionTimeline.TimerRun> runsOnThisClock(JiffyClock clock, List<ConnectionTimeline.TimerRun> runs) {
        for (ConnectionTimeline.TimerRun run : runs) {
            if (Math.abs(clock.jiffyAt(run.at()) - run.now()) > ARM_JIFFY_TOLERANCE) {
                return List.of();
            }
        }
        return runs;
    }

    /** The state of the replayed timer. */
    private static final class Replay {
        private final JiffyClock clock;
        private final long stamp;
        private final boolean stampIsRetransmission;
        private final long limitMillis;
        private final long baseRto;
        private final long maxRto;
        private final List<TimerStep> steps;
        private final List<ConnectionTimeline.TimerArm> arms;
        private final List<ConnectionTimeline.TimerRun> runs;
        private int backoff;
        private long timeout;
        private long granularity;
        private long next;
        /** When the replay last armed the timer: the kernel's enqueueings from then on decide the run. */
        private long armedFrom;
        private ConnectionTimeline.TimerArm lastArm;
        private long lastSent;
        private int contradictions;

        Replay(JiffyClock clock, long stamp, boolean stampIsRetransmission, long limitMillis, long baseRto, long maxRto,
               List<TimerStep> steps, List<ConnectionTimeline.TimerArm> arms, List<ConnectionTimeline.TimerRun> runs) {
            this.clock = clock;
            this.stamp = stamp;
            this.stampIsRetransmission = stampIsRetransmission;
            this.limitMillis = limitMillis;
            this.baseRto = baseRto;
            this.maxRto = maxRto;
            this.steps = steps;
            this.arms = arms;
            this.runs = runs;
        }

        /** When the wheel ran the bucket {@link #next}: its traced run of this timer, else the bucket's jiffy's start. */
        long runInstant() {
            for (ConnectionTimeline.TimerRun run : runs) {
                if (run.now() >= next && run.now() <= next + LATE_JIFFIES) {
                    return run.at();
                }
            }
            return clock.startOf(next);
        }

        /** The replay armed the timer at {@code at}, {@code jiffies} ahead, for bucket {@code bucket}. */
        void armed(long at, long jiffies, long bucket) {
            timeout = jiffies;
            granularity = TimerWheel.granularity(jiffies);
            next = bucket;
            armedFrom = at;
            lastArm = null;
        }

        /**
         * Where the kernel enqueued the timer after the replay armed it and before the bucket the replay
         * has: the last such enqueueing's bucket is the run (repeated, since a later bucket admits later
         * enqueueings; bounded by the arms).
         */
        void followTheKernel() {
            for (int guard = 0; guard <= arms.size(); guard++) {
                long runAt = clock.startOf(next);
                ConnectionTimeline.TimerArm last = null;
                for (ConnectionTimeline.TimerArm arm : arms) {
                    if (arm.at() >= armedFrom && arm.at() < runAt) {
                        last = arm;
                    }
                }
                if (last == null || last == lastArm) {
                    return;
                }
                lastArm = last;
                timeout = last.timeout();
                granularity = TimerWheel.granularityOf(last.level());
                next = last.bucket();
            }
        }

        long rto() {
            return Math.min(baseRto << Math.min(backoff, 30), maxRto);
        }

        /** {@code retransmits_timed_out()}: whole milliseconds of {@code CLOCK_MONOTONIC}, now minus the stamp. */
        boolean aborts(long at) {
            return Math.floorDiv(at, 1_000_000L) - Math.floorDiv(stamp, 1_000_000L) >= limitMillis;
        }

        /** An expiry at {@code jiffy} (instant {@code at}) that retransmitted: the RTO doubles and is re-armed from the callback. */
        void expired(long jiffy, long at) {
            backoff++;
            armed(at, rto(), TimerWheel.rearmedFromItsCallback(jiffy, rto()));
        }

        WheelAbort abort(long at) {
            steps.add(new TimerStep(at, Step.ABORT, false, at - stamp));
            return new WheelAbort(at, stamp, stampIsRetransmission, steps, timeout, granularity, contradictions,
                    Optional.ofNullable(lastArm));
        }
    }

    /** The first retransmission at or after {@code sinceFirstSendNanos} into the schedule. */
    public static long nextRetransmissionNanos(long sinceFirstSendNanos) {
        for (int k = 1; ; k++) {
            long at = retransmissionAtNanos(k);
            if (at >= sinceFirstSendNanos) {
                return at;
            }
        }
    }
}
