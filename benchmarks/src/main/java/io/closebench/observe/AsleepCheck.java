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
