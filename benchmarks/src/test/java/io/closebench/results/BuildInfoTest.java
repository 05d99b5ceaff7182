package io.closebench.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What closebench says it was built from: the build's record, or "unknown" where the build could not ask git. */
@Timeout(10)
class BuildInfoTest {

    private static Properties of(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    @Test
    void aBuildWithGitNamesItsCommitAndWhetherItsTreeHadChanges() {
        String commit = "4297a7efe598655e04b2c2af0d96f94187504881";
        BuildInfo clean = BuildInfo.from(of("version", "0.1.0", "git.commit", commit, "git.dirty", "false",
                "netty.version", "4.2.18.Final"));
        BuildInfo dirty = BuildInfo.from(of("version", "0.1.0", "git.commit", commit, "git.dirty", "true"));

        assertThat(clean).isEqualTo(new BuildInfo("0.1.0", Optional.of(commit), false, "4.2.18.Final"));
        assertThat(clean.commitDescription()).isEqualTo(commit);
        assertThat(dirty.commitDescription()).isEqualTo(commit + "-dirty");
    }

    @Test
    void aBuildFromATarballLeavesThePlaceholdersAndReadsAsUnknown() {
        BuildInfo tarball = BuildInfo.from(of("version", "0.1.0", "git.commit", "${closebench.git.commit}",
                "git.dirty", "true", "netty.version", "4.2.18.Final"));

        assertThat(tarball.commit()).isEmpty();
        assertThat(tarball.dirty()).as("no commit, nothing to be dirty against").isFalse();
        assertThat(tarball.commitDescription()).isEqualTo("unknown");
        assertThat(BuildInfo.from(new Properties())).isEqualTo(new BuildInfo("unknown", Optional.empty(), false, "unknown"));
        assertThat(BuildInfo.from(of("git.commit", "fatal: not a git repository")).commit()).isEmpty();
    }

    @Test
    void thisBuildRecordedItsVersionAndTheNettyItBundles() {
        BuildInfo current = BuildInfo.current();

        assertThat(current.version()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(current.netty()).isEqualTo(io.netty.util.Version.identify().get("netty-common").artifactVersion());
        assertThat(current.commitDescription()).matches("[0-9a-f]{40}(-dirty)?|unknown");
    }
}
