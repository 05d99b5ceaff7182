package io.closebench.cli;

import io.closebench.results.ResultsFolder;
import io.closebench.run.RunControl;
import io.closebench.schema.RunStatus;
import java.io.IOException;

/**
 * Runs a job into a results folder from start to status: "running pid=... started=..." first, then
 * "complete", "failed: why", or, when SIGINT or SIGTERM stopped it ({@link Interruptions}),
 * "interrupted: SIGNAL during CASE after N repetitions", with exit status 130 or 143. What the job
 * wrote before the stop stays: results are streamed as they are produced.
 */
final class RunLifecycle {

    interface Job {
        void run() throws Exception;
    }

    private RunLifecycle() {
    }

    static int run(ResultsFolder folder, RunControl control, Job job) throws Exception {
        Interruptions.watch(control, folder);
        try {
            job.run();
        } catch (Exception | Error e) {
            if (control.stopRequested()) {
                // the stop itself made the job fail (a benchmark fork killed): that is an interruption
                return interrupted(folder, control);
            }
            folder.markStatus(RunStatus.failed(e.toString()));
            throw e;
        } finally {
            Interruptions.unwatch();
        }
        if (control.stopRequested()) {
            return interrupted(folder, control);
        }
        folder.markStatus(RunStatus.complete());
        System.out.println("results: " + folder.dir());
        return 0;
    }

    private static int interrupted(ResultsFolder folder, RunControl control) throws IOException {
        folder.markStatus(RunStatus.interrupted(control.stoppedBy(), control.doing(), control.repetitions()));
        System.out.println("stopped by " + control.stoppedBy() + " during " + control.doing() + " after "
                + control.repetitions() + " repetitions; what completed is in " + folder.dir()
                + " (closebench report makes a partial report of it)");
        return Interruptions.exitStatus(control.stoppedBy());
    }
}
