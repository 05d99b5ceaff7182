package io.closebench.cli;

import io.closebench.results.ResultsFolder;

/** Runs a job into a results folder and marks the folder "complete", or "failed: why" before rethrowing. */
final class RunStatus {

    interface Job {
        void run() throws Exception;
    }

    private RunStatus() {
    }

    static int complete(ResultsFolder folder, Job job) throws Exception {
        try {
            job.run();
        } catch (Exception | Error e) {
            folder.markStatus("failed: " + e);
            throw e;
        }
        folder.markStatus("complete");
        System.out.println("results: " + folder.dir());
        return 0;
    }
}
