package io.closebench.cli;

import io.closebench.results.ResultsFolder;
import io.closebench.rig.RunControl;
import io.closebench.schema.RunStatus;
import io.closebench.results.RunMetadata;
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

    /** A job that runs into its folder, stoppable through its control. */
    interface FolderJob {
        void run(ResultsFolder folder, RunControl control) throws Exception;
    }

    /** What follows a run once it has ended, complete or stopped by a signal (not one that failed). */
    interface Afterwards {
        void after(ResultsFolder folder);
    }

    /**
     * Creates the run's folder under {@code root}, writes its metadata (the job's name, its
     * parameters, the machine), then runs the job into it from "running" to its status.
     */
    static int start(java.nio.file.Path root, String job,
                     java.util.function.Function<ResultsFolder, java.util.Map<String, String>> parameters, FolderJob body)
            throws Exception {
        return start(root, job, parameters, body, folder -> { });
    }

    /**
     * {@link #start(java.nio.file.Path, String, java.util.function.Function, FolderJob)}, then, once the
     * status is written and the signal handlers are gone (nothing of it is measured), {@code afterwards}
     * on the folder, when the run completed or was stopped by a signal.
     */
    static int start(java.nio.file.Path root, String job,
                     java.util.function.Function<ResultsFolder, java.util.Map<String, String>> parameters, FolderJob body,
                     Afterwards afterwards) throws Exception {
        ResultsFolder folder = ResultsFolder.create(root);
        java.util.Map<String, String> all = new java.util.LinkedHashMap<>();
        all.put("job", job);
        all.putAll(parameters.apply(folder));
        folder.writeMetadata(RunMetadata.capture(all));
        RunControl control = new RunControl();
        int status = run(folder, control, () -> body.run(folder, control));
        if (status == 0 || control.stopRequested()) {
            afterwards.after(folder);
        }
        return status;
    }

    /** A job that ran and found its result failing (a soak that leaked): status "failed: why", exit 1, no stack trace. */
    static final class JobFailed extends Exception {
        JobFailed(String why) {
            super(why);
        }
    }

    private RunLifecycle() {
    }

    static int run(ResultsFolder folder, RunControl control, Job job) throws Exception {
        Interruptions.watch(control, folder);
        try {
            job.run();
        } catch (JobFailed e) {
            folder.markStatus(RunStatus.failed(e.getMessage()));
            System.err.println("closebench: " + e.getMessage());
            System.out.println("results: " + folder.dir());
            return 1;
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
