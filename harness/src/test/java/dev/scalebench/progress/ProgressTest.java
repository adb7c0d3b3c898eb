package dev.scalebench.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void etaScalesTheRemainingEstimateByObservedSpeed() {
        Eta eta = Eta.of(Duration.ofSeconds(100));
        assertThat(eta.remaining()).isEqualTo(Duration.ofSeconds(100));
        // first trial estimated 10 s took 20 s: the other 90 s of estimate become 180 s
        eta = eta.afterTrial(Duration.ofSeconds(10), Duration.ofSeconds(20));
        assertThat(eta.remaining()).isEqualTo(Duration.ofSeconds(180));
    }

    @Test
    void formatsDurations() {
        assertThat(Eta.format(Duration.ofSeconds(42))).isEqualTo("42s");
        assertThat(Eta.format(Duration.ofSeconds(185))).isEqualTo("3m05s");
        assertThat(Eta.format(Duration.ofSeconds(3720))).isEqualTo("1h02m");
        assertThat(Eta.format(Duration.ofMillis(300))).isEqualTo("<1s");
        assertThat(Eta.format(Duration.ZERO)).isEqualTo("0s");
    }

    @Test
    void linesArePrintedAtMostOncePerIntervalAndAtTheEnd() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        long[] now = {0};
        LineProgress p = new LineProgress(new PrintStream(buf, true, StandardCharsets.UTF_8), 0, 5,
                Duration.ofSeconds(50), Duration.ofSeconds(10), () -> now[0]);
        for (int i = 1; i <= 5; i++) {
            now[0] += 4_000_000_000L; // 4 s per trial
            p.trialFinished("p#r" + i, i != 2, i, 5, Duration.ofSeconds(50 - 10L * i));
        }
        String[] lines = buf.toString(StandardCharsets.UTF_8).split("\n");
        // header, after 12 s (trial 3), after 20 s... trial 5 is also the last
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).contains("0/5");
        assertThat(lines[1]).contains("3/5").contains("1 failed");
        assertThat(lines[2]).contains("5/5").contains("100%");
    }
}
