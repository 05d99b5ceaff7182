package io.closebench.cli;

import io.closebench.remote.agent.AgentMain;
import java.util.Arrays;

/**
 * The main class of {@code closebench.jar}: {@code java -jar closebench.jar peer ...} starts the peer
 * agent straight away ({@link AgentMain}, the portable subset: nothing of the harness is loaded, so
 * that it runs on any OS with a JDK 17), anything else is closebench's command line.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("peer")) {
            AgentMain.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Closebench.main(args);
    }
}
