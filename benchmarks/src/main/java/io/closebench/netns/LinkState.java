package io.closebench.netns;

import java.util.Set;

/**
 * One network device as the kernel reported it in a single {@code ip -o link show} line: its
 * interface flags and its RFC 2863 operational state.
 *
 * <p>The distinction matters for the pulled-cable case. Taking the client's veth end down clears
 * IFF_UP there; the server's end keeps IFF_UP but loses carrier, so it shows {@code NO-CARRIER}
 * without {@code LOWER_UP}, and its operstate drops to DOWN (set asynchronously by the kernel's
 * linkwatch worker, which is why {@link #operState()} can lag the flags briefly).
 *
 * @param device    interface name without the {@code @ifN} peer suffix
 * @param flags     the flags between {@code <} and {@code >}, e.g. UP, LOWER_UP, NO-CARRIER
 * @param operState the word after {@code state}: UP, DOWN, LOWERLAYERDOWN, UNKNOWN, ...
 */
public record LinkState(String device, Set<String> flags, String operState) {

    public LinkState {
        flags = Set.copyOf(flags);
    }

    /**
     * Parses one line of {@code ip -o link show dev <device>}, e.g.
     * {@code 2: veth-srv@if2: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 ... state DOWN ...}.
     */
    public static LinkState parse(String line) {
        int open = line.indexOf('<');
        int close = line.indexOf('>', open);
        int colon = line.indexOf(": ");
        if (open < 0 || close < 0 || colon < 0) {
            throw new IllegalArgumentException("not an 'ip -o link' line: " + line);
        }
        String name = line.substring(colon + 2, line.indexOf(':', colon + 2));
        int at = name.indexOf('@');
        String device = at < 0 ? name : name.substring(0, at);
        String flagText = line.substring(open + 1, close);
        Set<String> flags = flagText.isEmpty() ? Set.of() : Set.of(flagText.split(","));
        String[] words = line.substring(close + 1).strip().split("\\s+");
        String operState = "UNKNOWN";
        for (int i = 0; i + 1 < words.length; i++) {
            if (words[i].equals("state")) {
                operState = words[i + 1];
                break;
            }
        }
        return new LinkState(device, flags, operState);
    }

    /** IFF_UP: the device was set up administratively ({@code ip link set ... up}). */
    public boolean adminUp() {
        return flags.contains("UP");
    }

    /** IFF_LOWER_UP: the driver reports carrier; for veth, both ends are administratively up. */
    public boolean carrier() {
        return flags.contains("LOWER_UP") && !flags.contains("NO-CARRIER");
    }

    /** Admin up, carrier, and the kernel has already declared the device operationally UP. */
    public boolean fullyUp() {
        return adminUp() && carrier() && operState.equals("UP");
    }
}
