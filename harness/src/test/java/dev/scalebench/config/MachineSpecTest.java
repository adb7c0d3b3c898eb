package dev.scalebench.config;

import static dev.scalebench.config.SpecLoaderTest.PROFILES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep file's {@code threads:} and {@code remeasure:}: parsed in both forms, defaulted when absent, stored in
 * the run's spec only when the file set them, and refused with file, line, value and the allowed range.
 */
class MachineSpecTest {

    @TempDir
    Path tmp;

    private final SpecLoader loader = new SpecLoader(PROFILES, SpecLoaderTest.BACKENDS);

    private static final String SPEC = """
            name: t
            backend: sim
            model: [gpt-1m]
            batch: [1, 2]
            seq: [32]
            """;

    private SweepSpec load(String extra) throws Exception {
        return loader.load(Files.writeString(tmp.resolve("s.yaml"), SPEC + extra));
    }

    @Test
    void threadsAsACountOrAMapAndTheirDefaults() throws Exception {
        assertThat(load("threads: 4\n").threads()).isEqualTo(new Threads(4, Threads.AUTO));
        SweepSpec both = load("threads: {intra: 2, inter: 3}\n");
        assertThat(both.threads()).isEqualTo(new Threads(2, 3));
        assertThat(SpecJson.fromJson(SpecJson.toJson(both)).threads()).isEqualTo(new Threads(2, 3));
        assertThat(load("threads: {inter: auto}\n").threads()).isEqualTo(Threads.DEFAULT);
        SweepSpec none = load("");
        assertThat(none.threads()).isNull();
        assertThat(none.threadsOrDefault()).isEqualTo(Threads.DEFAULT);
        assertThat(SpecJson.toJson(none).has("threads")).isFalse();
        assertThat(Threads.DEFAULT.intraOp(6)).isEqualTo(6);
        assertThat(Threads.DEFAULT.intraOp(0)).isEqualTo(1);
        assertThat(new Threads(3, 0).intraOp(6)).isEqualTo(3);
        assertThat(Threads.DEFAULT.interOpResolved()).isEqualTo(Threads.DEFAULT_INTER_OP);
    }

    @Test
    void aBadThreadCountNamesLineValueAndRange() throws Exception {
        SpecException e = catchThrowableOfType(SpecException.class, () -> load("threads: {intra: 0}\n"));
        assertThat(e.getMessage()).contains("s.yaml:6", "threads.intra", "0", "1..4096");
        SpecException k = catchThrowableOfType(SpecException.class, () -> load("threads: {intro: 2}\n"));
        assertThat(k.getMessage()).contains("intro", "did you mean 'intra'");
        assertThatThrownBy(() -> new Threads(-1, 1)).hasMessageContaining("-1");
    }

    @Test
    void theDefaultIsOnceUnlessThePropertyOrTheEnvironmentSaysOtherwise() throws Exception {
        String before = System.getProperty(Defaults.REMEASURE_PROPERTY);
        try {
            System.setProperty(Defaults.REMEASURE_PROPERTY, "once");
            assertThat(load("").remeasureOrDefault()).isEqualTo(Remeasure.ONCE);
            System.setProperty(Defaults.REMEASURE_PROPERTY, "never");
            assertThat(load("").remeasureOrDefault()).isEqualTo(Remeasure.NEVER);
            assertThat(load("remeasure: 2\n").remeasureOrDefault()).as("the file wins").isEqualTo(new Remeasure(2));
            System.setProperty(Defaults.REMEASURE_PROPERTY, "sometimes");
            assertThatThrownBy(Defaults::remeasure).hasMessageContainingAll("-Dscalebench.remeasure", "sometimes");
            System.clearProperty(Defaults.REMEASURE_PROPERTY);
            String env = System.getenv(Defaults.REMEASURE_ENV);
            assertThat(Defaults.remeasure()).isEqualTo(env == null ? Remeasure.ONCE : Remeasure.parse(env));
        } finally {
            if (before == null) {
                System.clearProperty(Defaults.REMEASURE_PROPERTY);
            } else {
                System.setProperty(Defaults.REMEASURE_PROPERTY, before);
            }
        }
    }

    @Test
    void remeasureNeverOnceOrACount() throws Exception {
        assertThat(load("").remeasureOrDefault()).isEqualTo(Defaults.remeasure());
        assertThat(load("remeasure: never\n").remeasure()).isEqualTo(Remeasure.NEVER);
        assertThat(load("remeasure: 3\n").remeasure().times()).isEqualTo(3);
        assertThat(SpecJson.fromJson(SpecJson.toJson(load("remeasure: 3\n"))).remeasure()).isEqualTo(new Remeasure(3));
        assertThat(SpecJson.toJson(load("")).has("remeasure")).isFalse();
        SpecException e = catchThrowableOfType(SpecException.class, () -> load("remeasure: twice\n"));
        assertThat(e.getMessage()).contains("s.yaml:6", "twice", "never, once or a count 0..10");
        assertThat(catchThrowableOfType(SpecException.class, () -> load("remeasure: 11\n")).getMessage())
                .contains("0..10");
    }
}
