package io.closebench.soak;

import io.closebench.resources.MachineSample;
import io.closebench.resources.ProcessSample;
import io.closebench.netns.NamespaceNames;
import java.lang.management.ManagementFactory;

/**
 * Everything a long run could leak, at one instant between two repetitions (so that no case holds
 * a socket, a thread or a child at that moment).
 *
 * @param elapsedNanos     since the soak started
 * @param repetitions      completed so far
 * @param fds              open file descriptors of this process
 * @param threads          kernel threads of this process
 * @param rssBytes         resident memory
 * @param heapAfterGcBytes heap in use right after a full collection: what the run keeps alive
 * @param children         live descendant processes
 * @param timeWait         TCP sockets in TIME_WAIT on this host
 * @param namespaces       named network namespaces on this host, whoever made them
 * @param ownNamespaces    those this JVM made ({@code cb-<pid>-...}): what the run holds
 */
public record ResourceSample(long elapsedNanos, long repetitions, int fds, int threads, long rssBytes,
                             long heapAfterGcBytes, int children, int timeWait, int namespaces, int ownNamespaces) {

    /**
     * Samples now. Runs a full collection first ({@code System.gc()}): a soak asks what stays
     * alive, not how far the heap has grown towards -Xmx, and pays for the answer every few seconds.
     */
    public static ResourceSample now(long elapsedNanos, long repetitions) {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        ProcessSample p = ProcessSample.now();
        return new ResourceSample(elapsedNanos, repetitions, p.fds(), p.threads(), p.rssBytes(), heap,
                MachineSample.liveDescendants(), MachineSample.timeWaitSockets(), MachineSample.namedNetworkNamespaces(),
                MachineSample.namedNetworkNamespaces(NamespaceNames.jvmPrefix()));
    }
}
