package dev.scalebench.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.config.DType;
import dev.scalebench.config.ModelConfig;
import dev.scalebench.config.ModelSpec;
import dev.scalebench.config.Order;
import dev.scalebench.config.Phase;
import dev.scalebench.config.SweepSpec;
import dev.scalebench.results.RunLock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run's lock is held through what follows the trials (analysis, history), and a complete run stays as it is. */
class ResumeLockTest {

    private static SweepSpec spec() {
        ModelConfig tiny = new ModelConfig("tiny", 2, 64, 4, 4, 256, 512, false);
        return new SweepSpec("locks", "fault", "auto", List.of(DType.FP32), List.of(Phase.PREFILL),
                List.of(ModelSpec.of(tiny)), List.of(1, 2), List.of(8), 2, Order.RANDOMIZED_BLOCKS, 1,
                SweepFailureTest.quickPolicy(), null, null, null);
    }

    @Test
    void whatFollowsTheTrialsRunsUnderTheLockAndAResumedCompleteRunIsNotRewritten(@TempDir Path results)
            throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        SweepService service = new SweepService(results, Path.of("."), new PrintStream(err, true), false,
                Duration.ofSeconds(10));
        List<Boolean> heldDuring = new ArrayList<>();
        SweepService.Outcome outcome = service.start(spec(), null, null,
                o -> heldDuring.add(RunLock.heldHere(o.dir())));
        assertThat(heldDuring).containsExactly(true);
        assertThat(RunLock.heldHere(outcome.dir())).isFalse();

        Map<String, String> before = CrashSafetyTest.checksums(outcome.dir());
        SweepService.Outcome again = service.resume(outcome.dir(), o -> heldDuring.add(RunLock.heldHere(o.dir())));
        assertThat(heldDuring).containsExactly(true, true);
        assertThat(again.trials()).isEqualTo(4);
        assertThat(again.failedNow()).isZero();
        assertThat(err.toString()).contains("is complete (4 trials); nothing to run");
        assertThat(CrashSafetyTest.checksums(outcome.dir())).as("run.json's 'ended' and the files unchanged")
                .isEqualTo(before);
    }
}
