package dev.scalebench.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.config.DType;
import dev.scalebench.config.MeasurePolicy;
import dev.scalebench.config.ModelConfig;
import dev.scalebench.config.ModelSpec;
import dev.scalebench.config.Order;
import dev.scalebench.config.Phase;
import dev.scalebench.config.SweepSpec;
import dev.scalebench.results.PointSummary;
import dev.scalebench.results.Run;
import dev.scalebench.results.RunManifest;
import dev.scalebench.results.RunReader;
import dev.scalebench.results.SummaryWriter;
import dev.scalebench.results.TrialResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A point that throws is recorded as failed with its reason, and the sweep goes on. */
class SweepFailureTest {

    static MeasurePolicy quickPolicy() {
        return new MeasurePolicy(new MeasurePolicy.Warmup(3, Duration.ZERO, 0.5, Duration.ofSeconds(1)),
                new MeasurePolicy.Iterations(10, Duration.ofMillis(30), Duration.ofMillis(200)), 0.05,
                Duration.ofSeconds(30));
    }

    @Test
    void failuresAreJournaledWithTheirReasonAndTheSweepGoesOn(@TempDir Path results) throws Exception {
        ModelConfig tiny = new ModelConfig("tiny", 2, 64, 4, 4, 256, 512, false);
        SweepSpec spec = new SweepSpec("faults", "fault", "auto", List.of(DType.FP32), List.of(Phase.PREFILL),
                List.of(ModelSpec.of(tiny)), List.of(1, 64), List.of(8, 13), 2, Order.RANDOMIZED_BLOCKS, 1,
                quickPolicy(), null, null, null);
        FaultBackendProvider.OOM_OPENS.set(0);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        SweepService.Outcome outcome = new SweepService(results, Path.of("."), new PrintStream(err, true), false,
                Duration.ofSeconds(10)).start(spec, null);

        assertThat(outcome.trials()).isEqualTo(8);
        assertThat(outcome.failedNow()).isEqualTo(6);
        RunReader run = RunReader.read(outcome.dir());
        assertThat(run.manifest().status()).isEqualTo(RunManifest.Status.COMPLETE);
        Map<String, List<TrialResult>> byPoint = run.trials().stream()
                .collect(Collectors.groupingBy(TrialResult::pointId));
        assertThat(byPoint.get("tiny/fp32/prefill/b1/s8")).allMatch(TrialResult::ok);
        assertThat(byPoint.get("tiny/fp32/prefill/b1/s13")).allSatisfy(t -> {
            assertThat(t.failure().kind().id()).isEqualTo("engine-error");
            assertThat(t.failure().message()).contains("engine exploded at seq 13");
        });
        assertThat(byPoint.get("tiny/fp32/prefill/b64/s8")).allSatisfy(t -> {
            assertThat(t.failure().kind().id()).isEqualTo("out-of-memory");
            assertThat(t.failure().message()).contains("CUDA out of memory");
        });
        // an out-of-memory point is tried once, not once per replicate
        assertThat(FaultBackendProvider.OOM_OPENS.get()).isEqualTo(2);
        assertThat(run.trials()).filteredOn(t -> t.failure() != null && t.failure().message() != null
                && t.failure().message().startsWith("not retried")).hasSize(2);

        Map<String, PointSummary> rows = SummaryWriter.write(Run.read(outcome.dir())).stream()
                .collect(Collectors.toMap(PointSummary::pointId, Function.identity()));
        assertThat(rows.get("tiny/fp32/prefill/b1/s8").status().id()).isEqualTo("ok");
        assertThat(rows.get("tiny/fp32/prefill/b64/s13").status().id()).isEqualTo("failed");
        assertThat(rows.get("tiny/fp32/prefill/b64/s13").reason()).contains("out-of-memory");
        assertThat(Files.readString(outcome.dir().resolve("summary.csv"))).contains("engine exploded at seq 13");
        assertThat(err.toString()).contains("8/8 trials (100%), 6 failed");
    }
}
