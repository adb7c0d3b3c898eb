package dev.scalebench.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * Checks a finished run folder without scalebench's own reader (Jackson and HdrHistogram's log reader only): the
 * journal holds every planned trial exactly once, each OK, and the histogram log exactly one histogram per trial
 * whose count equals the trial's iterations, and nothing else.
 */
final class IndependentCheck {
    private static final ObjectMapper JSON = new ObjectMapper();

    private IndependentCheck() {
    }

    static void everyPlannedTrialExactlyOnce(Path run) throws IOException {
        JsonNode manifest = JSON.readTree(run.resolve("run.json").toFile());
        List<String> planned = new ArrayList<>();
        manifest.path("plan").path("trialOrder").forEach(n -> planned.add(n.asText()));
        assertThat(planned).as("planned trials of " + run).isNotEmpty();
        assertThat(manifest.path("status").asText()).as("status of " + run).isEqualTo("COMPLETE");

        String journal = Files.readString(run.resolve("trials.jsonl"));
        assertThat(journal).as("journal ends with a newline").endsWith("\n");
        Map<String, Long> iterations = new HashMap<>();
        for (String line : journal.split("\n")) {
            JsonNode t = JSON.readTree(line);
            String id = t.path("trialId").asText();
            assertThat(iterations).as("trial " + id + " journaled once in " + run).doesNotContainKey(id);
            assertThat(t.path("status").asText()).as("status of " + id).isEqualTo("OK");
            iterations.put(id, t.path("iterations").asLong());
        }
        assertThat(iterations.keySet()).as("journaled trials of " + run).containsExactlyInAnyOrderElementsOf(planned);

        Map<String, Long> counts = new HashMap<>();
        try (HistogramLogReader reader = new HistogramLogReader(run.resolve("histograms.hlog").toFile())) {
            EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram()) != null) {
                String id = h.getTag(); // trial ids need no escaping in a tag
                assertThat(counts).as("one histogram for " + id + " in " + run).doesNotContainKey(id);
                counts.put(id, ((Histogram) h).getTotalCount());
            }
        }
        assertThat(counts).as("histogram counts = iterations in " + run).isEqualTo(iterations);
    }
}
