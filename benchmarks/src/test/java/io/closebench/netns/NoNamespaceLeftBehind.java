package io.closebench.netns;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * After a test class, fails it if any namespace with this JVM's prefix {@code cb-<pid>-} is
 * still listed: each test must clean up after itself, including when it fails.
 *
 * <p>Only checked when namespaces are available; otherwise there is nothing to list (and
 * {@code ip} may not even exist).
 */
final class NoNamespaceLeftBehind implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) {
        if (!NetnsAvailability.capability().available()) {
            return;
        }
        assertThat(IpNetns.listStartingWith(NamespaceNames.jvmPrefix()))
                .as("namespaces of this JVM left behind by %s", context.getDisplayName())
                .isEmpty();
    }
}
