package dev.scalebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scalebench.results.RunReader;
import dev.scalebench.results.TrialResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compare} through the CLI on two small sim sweeps that differ only in dtype: the simulator moves half the
 * bytes in bf16, so memory-bound points (decode at batch 1) run about twice as fast, while compute-bound ones
 * (batch 16: the simulator's compute ceiling does not depend on the dtype) do not.
 *
 * <p>The speedups are checked against the runs' own trials (each trial's p50 read from its histogram, the median
 * over trials, the ratio of the medians), not against what the simulator was meant to produce: the sweeps are
 * measured with the wall clock, and on a busy machine the simulator's busy-waits are preempted, so how much faster
 * bf16 came out depends on what else ran (speed belongs in benchmarks).
 */
class CompareCommandTest {

    private static final String SPEC = """
            name: %s
            backend: sim
            model: [gpt-1m]
            dtype: %s
            phase: [decode]
            batch: %s
            seq: [32]
            replicates: 3
            measure:
              warmup: {min-iterations: 3, min-time: 5ms, steady-cv: 0.5, max-time: 100ms}
              iterations: {min: 10, min-time: 20ms, max-time: 100ms}
              target-ci: 0.001
              trial-timeout: 30s
            """;

    /** A hardware profile for the simulated device, with a price. */
    private static final String SIM_PROFILE = """
            name: Simulated device
            kind: gpu
            match: [simulated device]
            sms: 1
            memory-bytes: 8589934592
            bandwidth-bytes-per-s: 20e9
            peak-flops-per-s: {fp32: 50e9, bf16: 50e9}
            price-per-hour: 3.6
            sources:
              sms: SimBackend
              memory-bytes: SimBackend.MEMORY_BYTES
              bandwidth-bytes-per-s: SimBackend.BANDWIDTH
              peak-flops-per-s: SimBackend.PEAK_FLOPS
              price-per-hour: made up for the test
            """;

    @TempDir
    static Path tmp;
    static Path results;
    static Path profiles;
    static Path fp32;
    static Path bf16;
    static Path mixed;

    private static Path sweep(String name, String dtype, String batch, boolean analyze) throws IOException {
        Path spec = tmp.resolve(name + ".yaml");
        Files.writeString(spec, String.format(SPEC, name, dtype, batch));
        Path out = tmp.resolve("sweeps-" + name);
        Cli.Result r = analyze
                ? Cli.run("sweep", "--profile", spec.toString(), "--profiles-dir", Cli.PROFILES.toString(),
                        "--results-dir", out.toString())
                : Cli.run("sweep", "--profile", spec.toString(), "--profiles-dir", Cli.PROFILES.toString(),
                        "--results-dir", out.toString(), "--no-analyze");
        assertThat(r.code()).as(r.err()).isZero();
        try (Stream<Path> dirs = Files.list(out)) {
            return dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    @BeforeAll
    static void sweeps() throws IOException {
        results = tmp.resolve("results");
        profiles = tmp.resolve("profiles");
        Files.createDirectories(profiles.resolve("hardware"));
        Files.writeString(profiles.resolve("hardware/sim.yaml"), SIM_PROFILE);
        fp32 = sweep("cmp-fp32", "fp32", "[1, 4, 16]", true);
        bf16 = sweep("cmp-bf16", "bf16", "[1, 4, 16]", true);
        mixed = sweep("cmp-mixed", "[fp32, bf16]", "[1]", false);
    }

    /** The factor in "1.94× faster" or "1.09× slower" (as a speedup: 1 / 1.09). */
    private static double factor(Matcher m) {
        double v = Double.parseDouble(m.group(1));
        return m.group(2).equals("faster") ? v : 1 / v;
    }

    /** Point id → the median over its OK trials of each trial's p50, from the run's histogram log (ns). */
    static Map<String, Double> medianP50s(Path run) throws IOException {
        Map<String, String> pointOf = new HashMap<>();
        RunReader.read(run).trials().stream().filter(TrialResult::ok)
                .forEach(t -> pointOf.put(t.trialId(), t.pointId()));
        Map<String, List<Double>> p50s = new TreeMap<>();
        try (HistogramLogReader reader = new HistogramLogReader(run.resolve("histograms.hlog").toFile())) {
            EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram()) != null) {
                String point = pointOf.get(h.getTag());
                if (point != null) {
                    p50s.computeIfAbsent(point, k -> new ArrayList<>())
                            .add((double) ((Histogram) h).getValueAtPercentile(50));
                }
            }
        }
        Map<String, Double> medians = new TreeMap<>();
        p50s.forEach((point, v) -> {
            List<Double> sorted = v.stream().sorted().toList();
            int n = sorted.size();
            medians.put(point, n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2);
        });
        return medians;
    }

    private static double speedup(String text, String metric) {
        Matcher m = Pattern.compile("B vs A, " + Pattern.quote(metric) + ": ([0-9.]+)× (faster|slower)")
                .matcher(text);
        assertThat(m.find()).as("summary of %s in %s", metric, text).isTrue();
        return factor(m);
    }

    @Test
    void anFp32AndABf16SweepCompareAcrossDtype() throws IOException {
        Cli.Result r = Cli.run("compare", fp32.toString(), bf16.toString(), "--ignore", "dtype", "--profiles-dir",
                profiles.toString(), "--results-dir", results.toString(), "--resamples", "2000");
        assertThat(r.code()).as(r.err()).isZero();
        Path out = results.resolve("compare").resolve(fp32.getFileName() + "--" + bf16.getFileName());
        assertThat(r.out()).contains("report: " + out.resolve("compare.html"));
        String md = Files.readString(out.resolve("compare.md"));
        assertThat(out.resolve("compare.html")).isRegularFile();
        // per point, bf16's p50 speedup over fp32 is the ratio of the runs' median trial p50s (printed to 3
        // significant digits: within 0.6 %), faster or slower, whichever the trials say; the summary is their
        // geometric mean (on a quiet machine: about 1.9 at batch 1, 1.25 at batch 4, 1 at batch 16)
        Map<String, Double> a = medianP50s(fp32);
        Map<String, Double> b = medianP50s(bf16);
        double logSum = 0;
        for (int batch : new int[] {1, 4, 16}) {
            double expected = a.get("gpt-1m/fp32/decode/b" + batch + "/s32") / b.get("gpt-1m/bf16/decode/b" + batch
                    + "/s32");
            logSum += Math.log(expected);
            // a row is flagged (⚠️) where a metric came out clearly slower: which rows, the trials decide
            Pattern id = Pattern.compile("^\\| (⚠️ )?gpt-1m/\\\\\\*/decode/b" + batch + "/s32 \\| 3 / 3 \\| ");
            String row = md.lines().filter(l -> id.matcher(l).find()).findFirst()
                    .orElseThrow(() -> new AssertionError("no row for batch " + batch + " in\n" + md));
            Matcher p50 = Pattern.compile("^[^;]*; ([0-9.]+)× (faster|slower) \\[").matcher(row.split(" \\| ")[2]);
            assertThat(p50.find()).as(row).isTrue();
            assertThat(factor(p50)).as("bf16 p50 speedup at batch %d: %s", batch, row)
                    .isCloseTo(expected, Percentage.withPercentage(0.6));
        }
        assertThat(speedup(r.out(), "p50")).as(r.out()).isCloseTo(Math.exp(logSum / 3), Percentage.withPercentage(0.6));
        assertThat(md).contains("## Cost per million tokens").contains("sim (matched)").contains("$3.6/h")
                .contains("## Roofline: each run against its own ceilings")
                .contains("| gpt-1m \\* decode at seq 32, over batch | form |")
                .contains("3 of 3 points are in every run.")
                .contains("B vs A, cost per token:");
        assertThat(r.out()).contains("B vs A, p50:").contains("B vs A, p99:");
    }

    @Test
    void withoutIgnoringDtypeNothingMatchesAndTheReportSaysWhy() throws IOException {
        Path out = tmp.resolve("strict");
        Cli.Result r = Cli.run("compare", fp32.toString(), bf16.toString(), "--profiles-dir", profiles.toString(),
                "--output", out.toString(), "--hardware", "none", "--resamples", "200");
        assertThat(r.code()).as(r.err()).isZero();
        String md = Files.readString(out.resolve("compare.md"));
        assertThat(md).contains("only in A (3): gpt-1m/fp32/decode/b1/s32")
                .contains("only in B (3): gpt-1m/bf16/decode/b1/s32")
                .contains("they would match with --ignore dtype")
                .contains("A: no hardware profile (--hardware none)");
        assertThat(r.out()).contains("B vs A, throughput: no point measured in both.");
    }

    @Test
    void ignoringDtypeWhereARunHasBothIsRefused() {
        Cli.Result r = Cli.run("compare", mixed.toString(), bf16.toString(), "--ignore", "dtype",
                "--profiles-dir", profiles.toString(), "--output", tmp.resolve("never").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("gpt-1m/fp32/decode/b1/s32 and gpt-1m/bf16/decode/b1/s32")
                .doesNotContain("Exception");
        assertThat(tmp.resolve("never")).doesNotExist();
    }

    @Test
    void aRunWithoutFitsIsNotedAndThreeRunsNameTheFolderWithTheCount() throws IOException {
        Path bare = tmp.resolve("bare").resolve(bf16.getFileName());
        Files.createDirectories(bare);
        for (String f : List.of("run.json", "trials.jsonl", "histograms.hlog")) {
            Files.copy(bf16.resolve(f), bare.resolve(f));
        }
        Cli.Result r = Cli.run("compare", fp32.toString(), bare.toString(), bf16.toString(), "--ignore", "dtype",
                "--metric", "p99.9,throughput", "--profiles-dir", profiles.toString(), "--results-dir",
                results.toString(), "--resamples", "200");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("note: B: no fitted parameters: no fits.json in " + bare
                + "; run `scalebench analyze " + bare + "` first").contains("C vs A, p99.9:")
                .doesNotContain("p50:");
        Path out = results.resolve("compare")
                .resolve(fp32.getFileName() + "--" + bf16.getFileName() + "--+1");
        assertThat(Files.readString(out.resolve("compare.md"))).contains("## Speedups: C vs A");
    }

    /** A copy of run folder {@code from} at {@code to}, with {@code run.json}'s run id set to {@code runId}. */
    static Path copyWithRunId(Path from, Path to, String runId) throws IOException {
        Files.createDirectories(to);
        for (String f : List.of("run.json", "trials.jsonl", "histograms.hlog")) {
            Files.copy(from.resolve(f), to.resolve(f));
        }
        ObjectMapper m = new ObjectMapper();
        ObjectNode run = (ObjectNode) m.readTree(to.resolve("run.json").toFile());
        run.put("runId", runId);
        m.writerWithDefaultPrettyPrinter().writeValue(to.resolve("run.json").toFile(), run);
        return to;
    }

    /** Every file under {@code dir}, with its SHA-256. */
    static Map<Path, String> files(Path dir) throws IOException {
        Map<Path, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                try {
                    out.put(p, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(Files.readAllBytes(p))));
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return out;
    }

    @Test
    void runIdsFromTheFilesNeverNameTheOutputFolder() throws IOException {
        Path crafted = tmp.resolve("crafted");
        Path escape = crafted.resolve("escaped");
        Path a = copyWithRunId(fp32, crafted.resolve("runs/abs"), escape.toAbsolutePath().toString());
        Path b = copyWithRunId(bf16, crafted.resolve("runs/dots"), "../../x\u0000" + "y".repeat(300));
        Path results = crafted.resolve("results");
        Map<Path, String> before = files(tmp);

        Cli.Result r = Cli.run("compare", a.toString(), b.toString(), "--ignore", "dtype", "--hardware", "none",
                "--results-dir", results.toString(), "--resamples", "200");

        assertThat(r.code()).as(r.err()).isZero();
        Path out = results.resolve("compare").resolve("abs--dots");
        assertThat(out.resolve("compare.html")).isRegularFile();
        assertThat(out.resolve("compare.md")).isRegularFile();
        assertThat(r.out()).contains("report: " + out.resolve("compare.html"));
        Map<Path, String> after = files(tmp);
        Map<Path, String> created = new TreeMap<>(after);
        before.keySet().forEach(created::remove);
        assertThat(created.keySet()).as("files compare created")
                .containsExactlyInAnyOrder(out.resolve("compare.html"), out.resolve("compare.md"));
        before.forEach((f, sum) -> assertThat(after.get(f)).as("%s unchanged", f).isEqualTo(sum));
        assertThat(escape).doesNotExist();
        assertThat(tmp.resolve("x")).doesNotExist();
        assertThat(Files.readString(out.resolve("compare.md"))).doesNotContain("\u0000");
    }

    @Test
    void repairsMadeWhileReadingAreNotedAndReportedAndTheRunIsLeftAsItWas() throws IOException {
        Path cut = tmp.resolve("repairs").resolve("cut");
        copyWithRunId(bf16, cut, "20261122-000000-cut");
        Files.writeString(cut.resolve("trials.jsonl"), "{\"schema\":1,\"trialId\":\"gpt-1m/bf16/decode/b1/s32#9\",\"poi",
                StandardOpenOption.APPEND);
        Map<Path, String> before = files(cut);
        Path out = tmp.resolve("repairs").resolve("out");

        Cli.Result r = Cli.run("compare", fp32.toString(), cut.toString(), "--ignore", "dtype", "--hardware", "none",
                "--output", out.toString(), "--resamples", "200");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(files(cut)).as("the run's files, byte for byte").isEqualTo(before);
        assertThat(r.err()).contains("compare: note: " + cut + ": ").contains("incomplete last line");
        assertThat(Files.readString(out.resolve("compare.md"))).contains("**Repairs made while reading**")
                .contains("- B: ").contains("incomplete last line");
        assertThat(Files.readString(out.resolve("compare.html"))).contains("<section id=\"repairs\"")
                .contains("incomplete last line");
    }

    @Test
    void withoutItsHistogramLogARunIsSaidToLackHistogramsNotToNeedIgnore() throws IOException {
        Path bare = tmp.resolve("nohlog").resolve("run");
        copyWithRunId(fp32, bare, "20261122-000000-nohlog");
        Files.delete(bare.resolve("histograms.hlog"));
        Map<Path, String> before = files(bare);
        Path out = tmp.resolve("nohlog").resolve("out");

        Cli.Result r = Cli.run("compare", fp32.toString(), bare.toString(), "--hardware", "none", "--output",
                out.toString(), "--resamples", "200");

        assertThat(files(bare)).as("nothing written into the run").isEqualTo(before);
        if (r.code() == 2) {
            // reading may refuse a run without its histogram log outright: then it must name the file
            assertThat(r.err()).contains("histograms.hlog");
            return;
        }
        assertThat(r.code()).as(r.err()).isZero();
        String md = Files.readString(out.resolve("compare.md"));
        assertThat(md).contains("B has no OK trial with a latency histogram").doesNotContain("--ignore");
        assertThat(r.out()).contains("B has no OK trial with a latency histogram").doesNotContain("--ignore");
        assertThat(r.err()).contains("compare: note: " + bare + ": ").contains("histograms.hlog");
    }

    @Test
    void badInputExitsWith2() {
        Cli.Result one = Cli.run("compare", fp32.toString());
        assertThat(one.code()).isEqualTo(2);
        assertThat(one.err()).contains("at least two run folders");
        Cli.Result notRun = Cli.run("compare", fp32.toString(), tmp.toString());
        assertThat(notRun.code()).isEqualTo(2);
        assertThat(notRun.err()).contains(tmp + ": not a run folder");
        Cli.Result metric = Cli.run("compare", fp32.toString(), bf16.toString(), "--metric", "p42");
        assertThat(metric.code()).isEqualTo(2);
        assertThat(metric.err()).contains("p42").contains("throughput");
        Cli.Result factor = Cli.run("compare", fp32.toString(), bf16.toString(), "--ignore", "colour");
        assertThat(factor.code()).isEqualTo(2);
        assertThat(factor.err()).contains("colour").contains("dtype");
        Cli.Result hw = Cli.run("compare", fp32.toString(), bf16.toString(), "--hardware", "tpu-v9",
                "--profiles-dir", Cli.PROFILES.toString());
        assertThat(hw.code()).isEqualTo(2);
        assertThat(hw.err()).contains("tpu-v9").contains("h100-sxm");
    }

    @Test
    void helpExplainsTheCommand() {
        Cli.Result r = Cli.run("compare", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: scalebench compare").contains("--ignore").contains("--metric")
                .contains("--hardware").contains("Examples:");
        assertThat(Cli.run("--help").out()).contains("compare");
    }
}
