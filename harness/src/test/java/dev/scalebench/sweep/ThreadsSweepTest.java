package dev.scalebench.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.config.DType;
import dev.scalebench.config.ModelConfig;
import dev.scalebench.config.ModelSpec;
import dev.scalebench.config.Order;
import dev.scalebench.config.Phase;
import dev.scalebench.config.SweepSpec;
import dev.scalebench.config.Threads;
import dev.scalebench.results.RunReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep's {@code threads:} reaches the engine, and the counts in force are in the run's fingerprint. */
class ThreadsSweepTest {

    private static SweepSpec spec(String backend, Threads threads) {
        ModelConfig tiny = new ModelConfig("tiny", 2, 64, 4, 4, 256, 512, false);
        return new SweepSpec("threads", backend, "cpu", List.of(DType.FP32), List.of(Phase.PREFILL),
                List.of(ModelSpec.of(tiny)), List.of(1), List.of(8), null, null, 1, Order.SEQUENTIAL, 1,
                SweepFailureTest.quickPolicy(), null, null, null, null, threads, null);
    }

    private static Map<String, String> fingerprintOf(Path results, SweepSpec spec) {
        SweepService.Outcome o = new SweepService(results, Path.of("."),
                new PrintStream(new ByteArrayOutputStream(), true), false, Duration.ofSeconds(10)).start(spec, null);
        return RunReader.read(o.dir()).manifest().fingerprint();
    }

    @Test
    void theDjlEnginesCountsInForceAreRecorded(@TempDir Path results) {
        assertThat(fingerprintOf(results.resolve("a"), spec("djl", new Threads(1, Threads.AUTO))))
                .containsEntry("threads.intra", "1").containsKey("env.OMP_NUM_THREADS");
        assertThat(fingerprintOf(results.resolve("b"), spec("djl", new Threads(2, Threads.AUTO))))
                .containsEntry("threads.intra", "2");
    }

    @Test
    void aBackendWithoutAThreadPoolRecordsNone(@TempDir Path results) {
        assertThat(fingerprintOf(results, spec("sim", new Threads(3, 1)))).doesNotContainKey("threads.intra");
    }
}
