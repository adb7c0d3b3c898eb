package dev.scalebench.config;

import static dev.scalebench.config.SpecLoaderTest.PROFILES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep file's {@code trim:}: parsed, stored in the run's spec, overridden by {@code --trim}. */
class TrimSpecTest {

    @TempDir
    Path tmp;

    private final SpecLoader loader = new SpecLoader(PROFILES, SpecLoaderTest.BACKENDS);

    private static final String SPEC = """
            name: t
            backend: sim
            model: [gpt-1m]
            batch: [1, 2]
            seq: [32]
            budget: 1m
            """;

    @Test
    void theFilesRuleIsKeptStoredAndOverriddenByTheCommandLine() throws Exception {
        SweepSpec s = loader.load(Files.writeString(tmp.resolve("a.yaml"), SPEC + "trim: largest-first\n"));
        assertThat(s.trim()).isEqualTo(Trim.LARGEST_FIRST);
        assertThat(s.trimRule(null)).isEqualTo(Trim.LARGEST_FIRST);
        assertThat(s.trimRule(Trim.OPTIMAL)).as("--trim wins").isEqualTo(Trim.OPTIMAL);
        assertThat(SpecJson.fromJson(SpecJson.toJson(s)).trim()).isEqualTo(Trim.LARGEST_FIRST);
        SweepSpec none = loader.load(Files.writeString(tmp.resolve("b.yaml"), SPEC));
        assertThat(none.trim()).isNull();
        assertThat(none.trimRule(null)).isEqualTo(Trim.OPTIMAL);
        assertThat(SpecJson.toJson(none).has("trim")).isFalse();
        assertThat(loader.loadProfile("nightly").trim()).as("the gating nightly keeps its replicates")
                .isEqualTo(Trim.LARGEST_FIRST);
    }

    @Test
    void anUnknownRuleNamesTheChoices() throws Exception {
        Path f = Files.writeString(tmp.resolve("c.yaml"), SPEC + "trim: fastest\n");
        SpecException e = catchThrowableOfType(SpecException.class, () -> loader.load(f));
        assertThat(e.getMessage()).contains("c.yaml:7", "fastest", "optimal, largest-first");
    }
}
