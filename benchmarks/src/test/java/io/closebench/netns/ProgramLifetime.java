package io.closebench.netns;

/**
 * Hard upper bound on how long a helper program started inside a namespace may live: a daemon
 * thread calls {@code System.exit(3)} when the time is up, whatever the program is blocked in.
 */
final class ProgramLifetime {

    private ProgramLifetime() {
    }

    static void exitAfterSeconds(long seconds) {
        Thread reaper = new Thread(() -> {
            try {
                Thread.sleep(seconds * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.out.println("LIFETIME-EXPIRED");
            System.out.flush();
            System.exit(3);
        }, "lifetime");
        reaper.setDaemon(true);
        reaper.start();
    }
}
