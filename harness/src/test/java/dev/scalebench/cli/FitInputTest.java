package dev.scalebench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalebench.analysis.CsvDataset;
import dev.scalebench.analysis.Dataset;
import dev.scalebench.analysis.Sample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fit --input} on CSV files that have one, two or three latency statistics: which one it fits without
 * {@code --metric}, when it asks for {@code --metric}, and that it never ends quietly having fitted nothing; and a CSV
 * of generate points (generation columns) runs through {@code fit} with its points named in fits.json and the report.
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
        List<String> args = new ArrayList<>(List.of("fit", "--input", in.toString(), "--output",
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

    /**
     * A generate CSV as the converter writes it: five batch sizes at one prompt length and output, three trials
     * each, with TTFT, TPOT and ITL medians and p99s and the end-to-end latency.
     */
    private Path generateCsv() throws IOException {
        StringBuilder sb = new StringBuilder("model,dtype,batch,seq,output,ttft_ms,ttft_p99_ms,tpot_ms,tpot_p99_ms,"
                + "itl_ms,itl_p99_ms,e2e_ms,e2e_p99_ms,e2e_mean_ms,output_tokens_per_s\n");
        for (int b : new int[] {1, 2, 4, 8, 16}) {
            for (int r = 0; r < 3; r++) {
                double wobble = 1 + 0.01 * (r - 1);
                double ttft = (20 + 4.0 * b) * wobble;
                double tpot = (10 + 0.25 * b) * wobble;
                double e2e = ttft + 63 * tpot;
                sb.append(String.format(Locale.ROOT, "llama-tiny,fp32,%d,128,64,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,"
                        + "%.4f,%.4f,%.4f%n", b, ttft, ttft * 1.3, tpot, tpot * 1.1, tpot * 0.98, tpot * 1.4, e2e,
                        e2e * 1.05, e2e * 1.01, b * 64 / (e2e * 1.01 / 1000)));
            }
        }
        return Files.writeString(tmp.resolve("generate.csv"), sb);
    }

    @Test
    void aGenerateCsvIsFittedAndItsReportNamesTheGeneratePoints() throws IOException {
        Path in = generateCsv();
        Cli.Result r = fit(in);
        assertThat(r.code()).as(r.err()).isZero();
        Path out = tmp.resolve("out-generate.csv");
        JsonNode fits = JSON.readTree(out.resolve("fits.json").toFile());
        List<String> ids = new ArrayList<>();
        fits.path("points").forEach(p -> ids.add(p.path("id").asText()));
        assertThat(ids).containsExactly("llama-tiny/fp32/generate/b1/s128/o64", "llama-tiny/fp32/generate/b2/s128/o64",
                "llama-tiny/fp32/generate/b4/s128/o64", "llama-tiny/fp32/generate/b8/s128/o64",
                "llama-tiny/fp32/generate/b16/s128/o64");
        fits.path("points").forEach(p -> assertThat(p.path("phase").asText()).isEqualTo("generate"));
        assertThat(Files.readString(out.resolve("report.md"))).contains("llama-tiny fp32 generate");

        // what the analysis was given: generate samples with their figures by token, end-to-end latency per request
        Dataset d = CsvDataset.read(in);
        assertThat(d.samples()).hasSize(15).allSatisfy(s -> {
            assertThat(s.point().output()).isEqualTo(64);
            assertThat(s.generation().outputTokens()).isEqualTo(64);
        });
        Sample first = d.samples().get(0); // batch 1, trial 0: ttft 24 ms and tpot 10.25 ms, both x 0.99
        assertThat(first.generation().ttftP50Ns()).isCloseTo(23.76e6, within(1.0));
        assertThat(first.generation().tpotP99Ns()).isCloseTo(11.1623e6, within(1.0)); // 10.1475 x 1.1, 4 decimals
        assertThat(first.p50Ns()).isCloseTo((23.76 + 63 * 10.1475) * 1e6, within(100.0)); // e2e_ms
        assertThat(d.warnings()).isEmpty();
    }
}
