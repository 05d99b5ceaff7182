package io.closebench.wire;

import io.closebench.netns.BoundedCommand;
import io.closebench.netns.CommandFailedException;
import io.closebench.netns.CommandResult;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Where tcpdump is and which version it is (with its libpcap). */
final class Tcpdump {

    static final String NOT_INSTALLED = "tcpdump is not installed (not on PATH, not in /usr/sbin or /usr/bin;"
            + " Debian: apt-get install tcpdump)";

    private Tcpdump() {
    }

    /** The executable: the first {@code tcpdump} on PATH, else Debian's usual places. */
    static Optional<Path> binary() {
        String path = System.getenv("PATH");
        return find(path == null ? "" : path, List.of(Path.of("/usr/sbin/tcpdump"), Path.of("/usr/bin/tcpdump")));
    }

    /** The first executable {@code tcpdump} in the directories of {@code path}, else in {@code fallbacks}. */
    static Optional<Path> find(String path, List<Path> fallbacks) {
        List<Path> candidates = new ArrayList<>();
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "tcpdump"));
            }
        }
        candidates.addAll(fallbacks);
        return candidates.stream().filter(p -> Files.isRegularFile(p) && Files.isExecutable(p)).findFirst();
    }

    /**
     * {@code tcpdump --version}, first two lines joined ("tcpdump version 4.99.3; libpcap version
     * 1.10.3 (with TPACKET_V3)"), or the reason it could not be run.
     */
    static String version(Path binary) {
        try {
            CommandResult r = BoundedCommand.run(binary.toString(), "--version");
            String[] lines = (r.stdout() + r.stderr()).strip().split("\n");
            return lines.length > 1 ? lines[0].strip() + "; " + lines[1].strip() : lines[0].strip();
        } catch (CommandFailedException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
