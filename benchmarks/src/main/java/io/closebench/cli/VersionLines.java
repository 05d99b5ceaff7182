package io.closebench.cli;

import io.closebench.results.BuildInfo;
import io.closebench.results.RunMetadata;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code closebench --version}: closebench's version, the commit it was built from (recorded at build
 * time; "unknown" for a build without git, such as one from a source tarball), the JDK running it and
 * the Netty it bundles: what a bug report needs.
 */
final class VersionLines implements IVersionProvider {

    @Override
    public String[] getVersion() {
        BuildInfo build = BuildInfo.current();
        return new String[] {
                "closebench " + build.version(),
                "commit " + build.commit().map(c -> build.commitDescription()
                        + (build.dirty() ? " (built with uncommitted changes)" : ""))
                        .orElse("unknown (built without git or outside a clone, e.g. from a source tarball)"),
                "JDK " + RunMetadata.jdk() + " at " + System.getProperty("java.home"),
                "Netty " + build.netty()};
    }
}
