package io.closebench.remote;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a peer agent can do on its host, as it says in its WELCOME: each part either available or
 * not, with the reason, so that the harness refuses a case the peer cannot play by name instead of
 * letting it fail. The parts are exactly those a JDK alone does not give on every OS.
 *
 * @param bash     why it cannot start a bash child (no bash 5 on its path: Windows, macOS's bash 3.2), or empty
 * @param cable    why it cannot pull its cable for one connection (not Linux, not root, no usable nft), or empty
 * @param freeze   why it cannot freeze a process (SIGSTOP: Unix only), or empty
 * @param wipe     why it cannot wipe a host's TCP state ({@code ss -K}: Linux, root), or empty
 * @param kill     what a forced kill is there ("SIGKILL", "TerminateProcess")
 * @param testPort where it accepts the observer's connections in the client-side cases
 */
public record AgentCapabilities(Optional<String> bash, Optional<String> cable, Optional<String> freeze,
                                Optional<String> wipe, String kill, int testPort) {

    /** The WELCOME fields: {@code bash=yes}, {@code cable=no: not root}, ... */
    public List<String> fields() {
        List<String> f = new ArrayList<>();
        f.add(flag("bash", bash));
        f.add(flag("cable", cable));
        f.add(flag("freeze", freeze));
        f.add(flag("wipe", wipe));
        f.add("kill=" + kill);
        f.add("test_port=" + testPort);
        return f;
    }

    /** Reads {@link #fields()} back; a missing part counts as unavailable, with that reason. */
    public static AgentCapabilities parse(List<String> fields) {
        return new AgentCapabilities(part(fields, "bash"), part(fields, "cable"), part(fields, "freeze"),
                part(fields, "wipe"), value(fields, "kill").orElse("unknown"),
                Integer.parseInt(value(fields, "test_port").orElse("-1")));
    }

    /** One line for the console and the metadata. */
    public String describe() {
        return String.join("; ", fields());
    }

    private static String flag(String name, Optional<String> whyNot) {
        return name + "=" + whyNot.map(w -> "no: " + w).orElse("yes");
    }

    private static Optional<String> part(List<String> fields, String name) {
        Optional<String> v = value(fields, name);
        if (v.isEmpty()) {
            return Optional.of("the agent did not say (an older agent)");
        }
        return v.get().equals("yes") ? Optional.empty() : Optional.of(v.get().replaceFirst("^no: ", ""));
    }

    private static Optional<String> value(List<String> fields, String name) {
        return fields.stream().filter(f -> f.startsWith(name + "=")).map(f -> f.substring(name.length() + 1)).findFirst();
    }
}
