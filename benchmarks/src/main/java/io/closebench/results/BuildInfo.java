package io.closebench.results;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * What this closebench was built from, recorded by Maven when it was built ({@code build-info.properties},
 * filtered; see {@code benchmarks/pom.xml}): its version, the git commit (with "-dirty" when the tree
 * had uncommitted changes to tracked files), and the Netty version it bundles. Recorded at build time
 * so that a jar copied elsewhere still names its commit; a build without git or without a {@code .git}
 * (a source tarball) leaves the commit unknown, and this class says "unknown" rather than failing.
 *
 * @param version closebench's version, e.g. "0.1.0-SNAPSHOT"
 * @param commit  the full commit id, or empty when the build could not ask git
 * @param dirty   whether tracked files differed from that commit at build time
 * @param netty   the Netty version in the jar
 */
public record BuildInfo(String version, Optional<String> commit, boolean dirty, String netty) {

    private static final String RESOURCE = "build-info.properties";
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
    private static final BuildInfo CURRENT = read();

    /** This closebench's build. */
    public static BuildInfo current() {
        return CURRENT;
    }

    /**
     * "4297a7efe598655e04b2c2af0d96f94187504881", with "-dirty" when the build's tree had changes, or
     * "unknown": the {@code git.commit} of every run's metadata.
     */
    public String commitDescription() {
        return commit.map(c -> dirty ? c + "-dirty" : c).orElse("unknown");
    }

    /** Reads the recorded values; a value Maven did not fill in (still "${...}") reads as unknown. */
    static BuildInfo from(Properties p) {
        String version = known(p.getProperty("version")).orElse("unknown");
        Optional<String> commit = known(p.getProperty("git.commit")).map(String::trim)
                .filter(c -> COMMIT.matcher(c).matches());
        boolean dirty = commit.isPresent() && "true".equals(p.getProperty("git.dirty", "").trim());
        String netty = known(p.getProperty("netty.version")).orElse("unknown");
        return new BuildInfo(version, commit, dirty, netty);
    }

    private static Optional<String> known(String value) {
        return value == null || value.isBlank() || value.contains("${") ? Optional.empty() : Optional.of(value.trim());
    }

    private static BuildInfo read() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // an unreadable resource is an unknown build, as a missing one is
        }
        return from(p);
    }
}
