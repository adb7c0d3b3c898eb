package dev.scalebench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.analysis.fit.Axis;
import dev.scalebench.analysis.fit.SeriesFit;
import dev.scalebench.analysis.fit.SeriesKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reports print the series label once: a finding that repeats it loses the repetition. */
class FindingTest {

    private static SeriesFit withSentence(String sentence) {
        SeriesKey k = new SeriesKey(Axis.BATCH, "gpt-1m", "fp32", "prefill", 0, 128);
        return new SeriesFit(k, new double[0], new double[0], List.of(), null, sentence, List.of());
    }

    @Test
    void theLabelIsStrippedOnce() {
        String label = "gpt-1m fp32 prefill at seq 128, over batch";
        assertThat(Tables.finding(withSentence(label + ": throughput saturates at 3k seq/s.")))
                .isEqualTo("Throughput saturates at 3k seq/s.");
        assertThat(Tables.finding(withSentence("throughput saturates."))).isEqualTo("throughput saturates.");
        assertThat(Tables.finding(withSentence(null))).isEqualTo("no fit.");
        assertThat(MarkdownReport.render(ReportFixtures.standard())).doesNotContain(label + "*: " + label);
    }
}
