package io.closebench.fault;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What keeps a child JVM from outliving the harness: it halts when its stdin reaches EOF (the
 * harness closed it, or died and the kernel closed it) and after a hard time cap, whatever it is
 * blocked in. {@code halt}, not {@code exit}: nothing runs on the way out, no shutdown hook can
 * touch a socket. The same pattern as {@code ChildPeerMain}.
 */
public final class ChildLifetime {

    private ChildLifetime() {
    }

    /** Feeds each stdin line to {@code commands}; halts with status 5 at EOF. */
    public static void followStdin(Consumer<String> commands) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    commands.accept(line);
                }
            } catch (IOException | RuntimeException ignored) {
                // treated as EOF: the harness can no longer talk to us
            }
            Runtime.getRuntime().halt(5);
        }, "parent-watch");
        t.setDaemon(true);
        t.start();
    }

    /** Halts with status 6 after {@code seconds}. */
    public static void haltAfter(long seconds) {
        Thread t = new Thread(() -> {
            try {
                TimeUnit.SECONDS.sleep(seconds);
            } catch (InterruptedException ignored) {
                // fall through to halt
            }
            Runtime.getRuntime().halt(6);
        }, "time-cap");
        t.setDaemon(true);
        t.start();
    }
}
