package io.closebench.fault;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Where the misbehaving peer runs: its host as it names itself, its OS and the JDK of the program
 * that plays it (the harness's own on this host; a peer agent's on another). Every results row of a
 * run says it, so that a run on loopback and one across a network can be told apart and compared.
 *
 * @param host      the host's name, as the host itself gives it
 * @param os        the OS's name ({@code os.name}: "Linux", "Windows 11", "Mac OS X")
 * @param osVersion its version ({@code os.version}: the kernel's release on Linux)
 * @param jdk       {@code java.vm.name java.runtime.version (java.vendor)} of the peer's JVM
 */
public record PeerPlace(String host, String os, String osVersion, String jdk) {

    /** This host and this JVM. */
    public static PeerPlace here() {
        return new PeerPlace(hostName(), System.getProperty("os.name", "unknown"), System.getProperty("os.version", "unknown"),
                System.getProperty("java.vm.name", "unknown") + " " + System.getProperty("java.runtime.version", "unknown")
                        + " (" + System.getProperty("java.vendor", "unknown") + ")");
    }

    /** "Linux 6.18.0" */
    public String osAndVersion() {
        return os + " " + osVersion;
    }

    /** Whether the peer's OS is Linux, whose column of the note the matrix checks by default. */
    public boolean linux() {
        return os.equalsIgnoreCase("Linux");
    }

    /** Whether it is Windows, for which the note has a column of its own. */
    public boolean windows() {
        return os.toLowerCase(java.util.Locale.ROOT).startsWith("windows");
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env != null ? env : System.getenv().getOrDefault("COMPUTERNAME", "unknown");
        }
    }
}
