package io.closebench.observe;

/**
 * How the harness tells that the observer is asleep, waiting for news from the kernel, before it
 * injects a fault: the figure must measure the wake-up, not an outcome that was already there.
 * For a platform thread it is that thread's kernel state; for a virtual thread, which has no kernel
 * thread of its own while parked, see {@link VirtualThreadAsleep}.
 */
public interface AsleepCheck {

    /** @return whether the observer is asleep right now */
    boolean asleep();

    /** @return what is checked, in a few words, for the results' metadata */
    String describe();

    /**
     * The threads {@code tids} of another process {@code pid} all sleep in the kernel (state S), and
     * {@code ready} says they may be looked at: the C observer's two threads, once its probe has
     * started (before that they sleep waiting for it, which is not the sleep that counts).
     */
    static AsleepCheck threadsOf(long pid, java.util.List<Integer> tids, java.util.function.BooleanSupplier ready) {
        return new AsleepCheck() {
            @Override
            public boolean asleep() {
                if (!ready.getAsBoolean()) {
                    return false;
                }
                for (int tid : tids) {
                    if (KernelThreads.state(pid, tid) != 'S') {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public String describe() {
                return "kernel threads " + tids + " of process " + pid + " in state S";
            }
        };
    }

    /** The kernel thread {@code tid} sleeps (state S): blocked in read, epoll_wait, io_uring_enter or a futex. */
    static AsleepCheck kernelThread(int tid) {
        return new AsleepCheck() {
            @Override
            public boolean asleep() {
                return KernelThreads.state(tid) == 'S';
            }

            @Override
            public String describe() {
                return "kernel thread " + tid + " in state S";
            }
        };
    }
}
