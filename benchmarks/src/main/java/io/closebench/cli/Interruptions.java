package io.closebench.cli;

import io.closebench.netns.HostPair;
import io.closebench.results.ResultsFolder;
import io.closebench.rig.RunControl;
import io.closebench.schema.RunStatus;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * What SIGINT (Ctrl-C) and SIGTERM do to a run. The first asks the run to stop: it finishes or
 * abandons the repetition in progress (bounded by its deadline), writes what completed, marked
 * partial, and ends with "interrupted" and exit status 130 (SIGINT) or 143 (SIGTERM); a benchmark
 * fork in progress is stopped at once (the forks that finished keep their files). A second signal
 * exits at once: child processes killed, network namespaces removed, status written, then halt.
 *
 * <p>{@code sun.misc.Signal} is the JDK's supported way to handle a signal (module
 * jdk.unsupported); without a handler the JVM would run its shutdown hooks and exit, losing the
 * chance to write what completed.
 */
final class Interruptions {

    private static final AtomicInteger SIGNALS = new AtomicInteger();
    private static volatile RunControl control;
    private static volatile ResultsFolder folder;
    private static volatile boolean installed;

    private Interruptions() {
    }

    /** From now on, signals stop {@code run}, whose folder is {@code out}. */
    static synchronized void watch(RunControl run, ResultsFolder out) {
        control = run;
        folder = out;
        SIGNALS.set(0);
        if (!installed) {
            for (String name : List.of("INT", "TERM")) {
                Signal.handle(new Signal(name), s -> onSignal("SIG" + s.getName()));
            }
            installed = true;
        }
    }

    static synchronized void unwatch() {
        control = null;
        folder = null;
    }

    /** 130 for SIGINT, 143 for SIGTERM: 128 plus the signal's number, as shells report it. */
    static int exitStatus(String signal) {
        return "SIGTERM".equals(signal) ? 143 : 130;
    }

    private static void onSignal(String signal) {
        RunControl run = control;
        if (run == null) {
            // no run in progress: behave as the JVM would
            System.exit(exitStatus(signal));
            return;
        }
        if (SIGNALS.incrementAndGet() == 1) {
            run.requestStop(signal);
            System.err.printf("%nclosebench: %s: stopping after the repetition in progress (%s); a second signal exits "
                    + "at once%n", signal, run.doing());
            stopBenchmarkForks();
            return;
        }
        System.err.printf("%nclosebench: second signal: exiting now%n");
        killChildren();
        HostPair.closeAllOpen();
        ResultsFolder out = folder;
        if (out != null) {
            try {
                out.markStatus(RunStatus.interrupted(signal, run.doing() + " (second signal: exited at once)",
                        run.repetitions()));
            } catch (java.io.IOException e) {
                System.err.println("closebench: could not write the status: " + e);
            }
        }
        Runtime.getRuntime().halt(exitStatus(signal));
    }

    /** A JMH fork is a child JVM running JMH's ForkedMain; ending it ends that benchmark now. */
    private static void stopBenchmarkForks() {
        ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().orElse("").contains("org.openjdk.jmh.runner.ForkedMain"))
                .forEach(ProcessHandle::destroy);
    }

    private static void killChildren() {
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
    }
}
