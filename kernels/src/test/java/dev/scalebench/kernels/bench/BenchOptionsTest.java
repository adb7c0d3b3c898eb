package dev.scalebench.kernels.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** KernelBench's command line. */
class BenchOptionsTest {

    @Test
    void defaultsRunEverythingWithTheDocumentedProtocol() {
        BenchOptions o = BenchOptions.parse();
        assertThat(o.groups()).isEqualTo(BenchCases.GROUPS);
        assertThat(o.reps()).isEqualTo(20);
        assertThat(o.warmup()).isEqualTo(10);
        assertThat(o.warmupNanos()).isEqualTo(50_000_000L);
        assertThat(o.repNanos()).isEqualTo(10_000_000L);
        assertThat(o.gapLaunches()).isEqualTo(10_000);
        assertThat(o.spacer()).isTrue();
        assertThat(o.jsonOnly() || o.list() || o.help()).isFalse();
    }

    @Test
    void opsAreKeptInRunOrderWhateverOrderTheyAreNamedIn() {
        assertThat(BenchOptions.parse("--ops", "decode,gemm, probes").groups())
                .containsExactly("probes", "gemm", "decode");
        assertThat(BenchOptions.parse("--ops=gap,gap").groups()).containsExactly("gap");
        assertThat(BenchOptions.parse("--ops", "all").groups()).isEqualTo(BenchCases.GROUPS);
    }

    @Test
    void valuesComeSeparateOrAfterAnEqualsSign() {
        BenchOptions o = BenchOptions.parse("--reps", "5", "--warmup=0", "--warmup-ms", "2.5", "--rep-ms=0.5",
                "--launches", "100", "--no-spacer", "--json-only");
        assertThat(o.reps()).isEqualTo(5);
        assertThat(o.warmup()).isZero();
        assertThat(o.warmupNanos()).isEqualTo(2_500_000L);
        assertThat(o.repNanos()).isEqualTo(500_000L);
        assertThat(o.gapLaunches()).isEqualTo(100);
        assertThat(o.spacer()).isFalse();
        assertThat(o.jsonOnly()).isTrue();
        assertThat(BenchOptions.parse("--list").list()).isTrue();
        assertThat(BenchOptions.parse("-h").help()).isTrue();
    }

    @Test
    void everyBadOptionIsNamedAtOnce() {
        assertThatThrownBy(() -> BenchOptions.parse("--ops", "gemm,fft", "--reps", "0", "--warmup", "x",
                "--rep-ms", "-1", "--frobnicate", "--json-only=yes", "--launches"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown group 'fft'")
                .hasMessageContaining("--reps 0 must be between 1 and 100000")
                .hasMessageContaining("--warmup 'x' is not an integer")
                .hasMessageContaining("--rep-ms -1 must be between 0 and 10000 ms")
                .hasMessageContaining("unknown option '--frobnicate'")
                .hasMessageContaining("--json-only takes no value")
                .hasMessageContaining("--launches needs a value");
        assertThatThrownBy(() -> BenchOptions.parse("--ops", ",")).hasMessageContaining("--ops names no group");
    }

    @Test
    void theUsageNamesEveryGroupAndOption() {
        assertThat(BenchOptions.USAGE).contains(String.join(",", BenchCases.GROUPS));
        for (String option : List.of("--ops", "--reps", "--warmup", "--warmup-ms", "--rep-ms", "--launches",
                "--no-spacer", "--json-only", "--list", "--help")) {
            assertThat(BenchOptions.USAGE).contains(option);
        }
    }
}
