package io.closebench.remote.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Whether this host can run the bash peer ({@code peer.sh}): bash 5 or later on the path, whose
 * {@code EPOCHREALTIME} the peer reads its t0 from. Windows has no bash; macOS ships bash 3.2, which
 * lacks it. Asked once, bounded.
 */
final class BashProbe {

    private BashProbe() {
    }

    /** Empty when bash 5 answers; otherwise why not. */
    static Optional<String> probe() {
        try {
            Process p = new ProcessBuilder("bash", "-c", "printf '%s' \"$EPOCHREALTIME\"").redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.of("bash did not answer within 5 s");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (p.exitValue() != 0 || !out.matches("[0-9]+\\.[0-9]{6}")) {
                return Optional.of("bash on the path has no EPOCHREALTIME (bash 5 or later is needed; it printed '"
                        + (out.length() > 40 ? out.substring(0, 40) : out) + "')");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("no bash on the path (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while asking bash");
        }
    }
}
