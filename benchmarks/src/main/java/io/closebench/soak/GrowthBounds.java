package io.closebench.soak;

import java.util.ArrayList;
import java.util.List;

/**
 * How much a soak may hold beyond its baseline (the first sample after warm-up) before it counts
 * as a leak. Each bound is stated, printed with every sample and recorded in the metadata:
 * <ul>
 *   <li>file descriptors and threads: a few more than the baseline (a JDK may open a file or start
 *       a helper thread lazily), never more;</li>
 *   <li>heap after a full collection: the baseline plus {@link #heapSlackBytes}; the soak keeps
 *       only histograms, whose size does not grow with repetitions;</li>
 *   <li>RSS: the baseline plus {@link #rssSlackBytes} (the heap may grow towards -Xmx before the
 *       collector settles);</li>
 *   <li>children: none between two repetitions; network namespaces: no more than the baseline;</li>
 *   <li>TIME_WAIT: no more than the baseline plus one per connection closed in the last
 *       {@link #TIME_WAIT_SECONDS} s, plus {@link #timeWaitSlack} for the rest of the machine.
 *       Linux keeps a TIME_WAIT 60 s, so more would mean sockets outliving that.</li>
 * </ul>
 */
public record GrowthBounds(int fdSlack, int threadSlack, long heapSlackBytes, long rssSlackBytes, int timeWaitSlack) {

    /** TIME_WAIT's lifetime on Linux (TCP_TIMEWAIT_LEN), with a margin. */
    public static final int TIME_WAIT_SECONDS = 65;

    private static final long MIB = 1024 * 1024;

    public static GrowthBounds standard() {
        return new GrowthBounds(16, 8, 64 * MIB, 384 * MIB, 500);
    }

    /**
     * @param closedRecently connections the soak closed in the last {@link #TIME_WAIT_SECONDS} s
     * @return what grew beyond its bound, in words ("fds 112 > 96 (baseline 80 + 16)"); empty when nothing did
     */
    public List<String> violations(ResourceSample baseline, ResourceSample now, long closedRecently) {
        List<String> v = new ArrayList<>();
        check(v, "fds", now.fds(), baseline.fds(), fdSlack);
        check(v, "threads", now.threads(), baseline.threads(), threadSlack);
        check(v, "heap after GC (bytes)", now.heapAfterGcBytes(), baseline.heapAfterGcBytes(), heapSlackBytes);
        check(v, "RSS (bytes)", now.rssBytes(), baseline.rssBytes(), rssSlackBytes);
        check(v, "live children", now.children(), 0, 0);
        check(v, "network namespaces of this run", now.ownNamespaces(), baseline.ownNamespaces(), 0);
        if (now.timeWait() >= 0 && baseline.timeWait() >= 0) {
            check(v, "TIME_WAIT sockets", now.timeWait(), baseline.timeWait(), closedRecently + timeWaitSlack);
        }
        return v;
    }

    /** "fds <= baseline + 16": for the metadata and the progress lines. */
    public String describe() {
        return "fds <= baseline + " + fdSlack + "; threads <= baseline + " + threadSlack + "; heap after GC <= baseline + "
                + heapSlackBytes / MIB + " MiB; RSS <= baseline + " + rssSlackBytes / MIB + " MiB; no live child between "
                + "repetitions; network namespaces <= baseline; TIME_WAIT <= baseline + connections closed in the last "
                + TIME_WAIT_SECONDS + " s + " + timeWaitSlack;
    }

    private static void check(List<String> v, String what, long now, long baseline, long slack) {
        if (now >= 0 && baseline >= 0 && now > baseline + slack) {
            v.add(what + " " + now + " > " + (baseline + slack) + " (baseline " + baseline + " + " + slack + ")");
        }
    }
}
