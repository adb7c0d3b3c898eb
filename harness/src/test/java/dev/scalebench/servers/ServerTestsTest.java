package dev.scalebench.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** A missing server skips a developer's run with its reason, and fails CI's. */
class ServerTestsTest {

    @Test
    void aMissingServerSkipsWithItsPackageOrFailsUnderCi() {
        Class<? extends Throwable> expected = ServerTests.underCi() ? AssertionFailedError.class
                : TestAbortedException.class;
        assertThatThrownBy(() -> ServerTests.require("no-such-package", "no-such-binary-xyz"))
                .isInstanceOf(expected).hasMessageContainingAll("no-such-package", "no-such-binary-xyz",
                        "apt-get install -y no-such-package");
    }

    @Test
    void aPresentBinaryIsFound() {
        assertThat(ServerTests.find("no-such-binary-xyz", "sh")).isPresent();
        assertThat(ServerTests.find("/bin/sh")).contains(java.nio.file.Path.of("/bin/sh"));
    }
}
