package io.closebench.schema;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A run's {@code status.txt}, one line, as the run writes it and the reader parses it:
 * <ul>
 *   <li>{@code running pid=<pid> started=<instant>}: from the start; if it stays while that process
 *       is gone, the run was killed (SIGKILL, a crash, a machine that went down);</li>
 *   <li>{@code complete};</li>
 *   <li>{@code failed: <why>};</li>
 *   <li>{@code interrupted: <SIGNAL> during <case> after <n> repetitions}: stopped by SIGINT or
 *       SIGTERM, with what completed written and marked partial.</li>
 * </ul>
 *
 * @param state the kind of line
 * @param text the whole line
 */
public record RunStatus(State state, String text) {

    /** The kinds of status line. */
    public enum State { RUNNING, COMPLETE, FAILED, INTERRUPTED, UNKNOWN }

    private static final Pattern RUNNING = Pattern.compile("running pid=(\\d+) started=(\\S+).*");

    /** @return the line a run writes when it starts */
    public static RunStatus running(long pid, Instant started) {
        return new RunStatus(State.RUNNING, "running pid=" + pid + " started=" + started);
    }

    public static RunStatus complete() {
        return new RunStatus(State.COMPLETE, "complete");
    }

    public static RunStatus failed(String why) {
        return new RunStatus(State.FAILED, "failed: " + why.replace('\n', ' '));
    }

    /**
     * @param signal "SIGINT" or "SIGTERM"
     * @param during what was running, e.g. "matrix C2b NIO" or "bench PeerClosesWhileObserverWaits"
     * @param repetitions repetitions completed before the stop
     */
    public static RunStatus interrupted(String signal, String during, long repetitions) {
        return new RunStatus(State.INTERRUPTED, "interrupted: " + signal + " during " + during + " after "
                + repetitions + " repetitions");
    }

    /** @return the status a line says */
    public static RunStatus parse(String line) {
        String t = line.strip();
        if (t.startsWith("running")) {
            return new RunStatus(State.RUNNING, t);
        }
        if (t.equals("complete")) {
            return new RunStatus(State.COMPLETE, t);
        }
        if (t.startsWith("failed")) {
            return new RunStatus(State.FAILED, t);
        }
        if (t.startsWith("interrupted")) {
            return new RunStatus(State.INTERRUPTED, t);
        }
        return new RunStatus(State.UNKNOWN, t);
    }

    /** @return the pid of a running line, when it names one */
    public OptionalLong pid() {
        Matcher m = RUNNING.matcher(text);
        return state == State.RUNNING && m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    /** @return the start instant of a running line, when it names one */
    public Optional<Instant> started() {
        Matcher m = RUNNING.matcher(text);
        try {
            return state == State.RUNNING && m.matches() ? Optional.of(Instant.parse(m.group(2))) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    public boolean isComplete() {
        return state == State.COMPLETE;
    }
}
