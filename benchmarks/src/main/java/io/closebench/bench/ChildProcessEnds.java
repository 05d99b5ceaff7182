package io.closebench.bench;

import org.openjdk.jmh.annotations.Param;

/**
 * What a server sees when its client's process ends: closes then exits (S2), exits without
 * closing (S3), or is killed with SIGKILL while sending (S4), with and without unread data (a/b),
 * in a JVM child or a bash child.
 *
 * <p>Caveat: a JVM child takes about 300 ms to exit (HotSpot waits for threads in native code), and
 * its start-up is part of each repetition, so the JVM variants run at a few repetitions per second;
 * the bash variants at tens. t0 comes from the child's own clock for exits (the same monotonic clock
 * for a JVM child; bash's realtime clock converted, about 1-2 us of error) and from the parent for
 * kills.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ChildProcessEnds
 * -prof io.closebench.bench.DetectionProfiler -p scenario=S3b-bash,S4b-bash -p loadConnections=0}
 */
public class ChildProcessEnds extends DetectionBenchmark {

    @Param({"S2-jvm", "S2-bash", "S3a-jvm", "S3b-jvm", "S3a-bash", "S3b-bash",
            "S4a-jvm", "S4b-jvm", "S4a-bash", "S4b-bash"})
    public String scenario;

    @Override
    protected String scenarioId() {
        return scenario;
    }
}
