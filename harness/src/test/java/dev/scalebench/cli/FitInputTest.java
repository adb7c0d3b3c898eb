package dev.scalebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fit --input} on CSV files that have one, two or three latency statistics: which one it fits without
 * {@code --metric}, when it asks for {@code --metric}, and that it never ends quietly having fitted nothing.
 */
class FitInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** Five batch sizes at one seq, three trials each: one series; {@code columns} of p50_ms, p99_ms, mean_ms. */
    private Path csv(String name, List<String> columns) throws IOException {
        StringBuilder sb = new StringBuilder("batch,seq,replicate," + String.join(",", columns) + "\n");
        for (int b : new int[] {1, 2, 4, 8, 16}) {
            for (int r = 0; r < 3; r++) {
                double ms = (2.0 + 0.5 * b) * (1 + 0.01 * (r - 1));
                sb.append(String.format(Locale.ROOT, "%d,512,%d", b, r));
                for (String c : columns) {
                    double v = c.startsWith("p99") ? ms * 1.2 : c.startsWith("mean") ? ms * 1.05 : ms;
                    sb.append(String.format(Locale.ROOT, ",%.4f", v));
                }
                sb.append('\n');
            }
        }
        return Files.writeString(tmp.resolve(name), sb);
    }

    private Cli.Result fit(Path in, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("fit", "--input", in.toString(), "--output",
                tmp.resolve("out-" + in.getFileName()).toString(), "--bootstrap", "20", "--hardware", "none",
                "--profiles-dir", Cli.PROFILES.toString()));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    private String fittedMetric(Path in) throws IOException {
        JsonNode fits = JSON.readTree(tmp.resolve("out-" + in.getFileName()).resolve("fits.json").toFile());
        assertThat(fits.path("fits")).hasSize(1);
        return fits.path("metric").asText().toLowerCase(Locale.ROOT);
    }

    @Test
    void aFileWithOnlyMeanLatenciesIsFittedOnMeanAndSaysSo() throws IOException {
        Path in = csv("mean-only.csv", List.of("mean_ms"));
        Cli.Result r = fit(in);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("1 series fitted");
        assertThat(r.err()).contains("fit: " + in + " has only mean latencies").contains("fitting mean")
                .contains("--metric");
        assertThat(fittedMetric(in)).isEqualTo("mean");
    }

    @Test
    void aFileWithOnlyP99LatenciesIsFittedOnP99() throws IOException {
        Path in = csv("p99-only.csv", List.of("p99_us"));
        Cli.Result r = fit(in);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("has only p99 latencies").contains("fitting p99");
        assertThat(fittedMetric(in)).isEqualTo("p99");
    }

    @Test
    void p50IsTheDefaultWheneverTheFileHasItAndNothingIsSaidAboutIt() throws IOException {
        Path in = csv("all.csv", List.of("mean_ms", "p99_ms", "p50_ms"));
        Cli.Result r = fit(in);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("fitting");
        assertThat(fittedMetric(in)).isEqualTo("p50");
    }

    @Test
    void p99AndMeanWithoutP50IsAmbiguousAndNamesMetric() throws IOException {
        Path in = csv("two.csv", List.of("p99_ms", "mean_ms"));
        Cli.Result r = fit(in);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(in.toString()).contains("--metric p99").contains("--metric mean");
        assertThat(tmp.resolve("out-two.csv")).doesNotExist();

        Cli.Result chosen = fit(in, "--metric", "mean");
        assertThat(chosen.code()).as(chosen.err()).isZero();
        assertThat(fittedMetric(in)).isEqualTo("mean");
    }

    @Test
    void aMetricTheFileDoesNotHaveIsRefusedNamingTheOnesItHas() throws IOException {
        Path in = csv("mean.csv", List.of("mean_ms"));
        Cli.Result r = fit(in, "--metric", "p50");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--metric p50").contains("no p50 latencies").contains("--metric mean");
    }

    @Test
    void fittingNothingSaysWhyOnTheLastLine() throws IOException {
        Path in = Files.writeString(tmp.resolve("two-points.csv"), "batch,seq,p50_ms\n1,128,3.2\n2,128,3.4\n");
        Cli.Result r = fit(in);
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).anyMatch(l -> l.startsWith("0 series fitted"));
        assertThat(lines.get(lines.size() - 1)).startsWith("no series fitted: ").contains("3 or more")
                .contains("2 point(s)").contains("2 batch size(s) at one seq");
    }

    @Test
    void aSeriesNoFormFitsCountsAsNothingFittedAndSaysWhy() throws IOException {
        Path in = Files.writeString(tmp.resolve("one-each.csv"), "batch,seq,p50_ms\n1,128,3.2\n2,128,3.4\n4,128,3.9\n");
        Cli.Result r = fit(in);
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(r.out()).contains("0 series fitted (1 more with no form that fits)");
        assertThat(lines.get(lines.size() - 1)).startsWith("no series fitted: no candidate form fits any of the 1 "
                + "series; ");
    }
}
