package dev.scalebench.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalebench.ScalebenchException;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Folder names from untrusted text: plain names only, never a way out of their root. */
class FolderNamesTest {

    @Test
    void anyTextBecomesAPlainName() {
        assertThat(FolderNames.of("20250301-020000-nightly", "x")).isEqualTo("20250301-020000-nightly");
        assertThat(FolderNames.of("/abs/path", "x")).isEqualTo("abs-path");
        assertThat(FolderNames.of("../../x", "x")).isEqualTo("x");
        assertThat(FolderNames.of("a/../b\\c", "x")).isEqualTo("a-..-b-c");
        assertThat(FolderNames.of("nul\u0000byte", "x")).isEqualTo("nul-byte");
        assertThat(FolderNames.of("GPU é ü", "x")).isEqualTo("GPU");
        assertThat(FolderNames.of(".hidden", "x")).isEqualTo("hidden");
        assertThat(FolderNames.of("-rf", "x")).isEqualTo("rf");
        assertThat(FolderNames.of("y".repeat(1000), "x")).hasSize(FolderNames.MAX_LENGTH);
        for (String nothing : new String[] {null, "", ".", "..", "...", "/", "//..//", " "}) {
            assertThat(FolderNames.of(nothing, "fallback")).as("'%s'", nothing).isEqualTo("fallback");
        }
        assertThat(FolderNames.isSafe("h100-sxm")).isTrue();
        assertThat(FolderNames.isSafe("../h100-sxm")).isFalse();
        assertThat(FolderNames.isSafe("..")).isFalse();
        assertThat(FolderNames.isSafe("")).isFalse();
    }

    @Test
    void underResolvesOnlyDirectChildren() {
        Path root = Path.of("results", "compare");
        assertThat(FolderNames.under(root, "a--b")).isEqualTo(root.resolve("a--b"));
        for (String bad : new String[] {"../x", "/abs/path", "a/b", "..", ".", ""}) {
            assertThatThrownBy(() -> FolderNames.under(root, bad)).as("'%s'", bad)
                    .isInstanceOf(ScalebenchException.class).hasMessageContaining("would leave " + root)
                    .hasMessageContaining("[A-Za-z0-9._-]");
        }
    }

    @Test
    void runIdsFromLongSweepNamesStayShortEnoughForAFolder() {
        String id = RunIds.newRunId("n".repeat(500), "1of2", Instant.parse("2025-03-01T02:00:00Z"));
        assertThat(id).startsWith("20250301-020000-nnn").endsWith("-1of2")
                .hasSize(16 + FolderNames.MAX_LENGTH + 5);
    }
}
