package dev.scalebench.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.scalebench.backend.FailureKind;
import dev.scalebench.cli.Cli;
import dev.scalebench.config.DType;
import dev.scalebench.config.ModelCatalog;
import dev.scalebench.config.ModelConfig;
import dev.scalebench.config.Phase;
import dev.scalebench.plan.SweepPoint;
import dev.scalebench.plan.Work;
import dev.scalebench.results.RunReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDatasetsTest {
    private static final String SPEC = """
            name: ds
            backend: sim
            model: [gpt-1m]
            dtype: fp32
            phase: [prefill, decode]
            batch: [1, 8]
            seq: [16]
            replicates: 2
            measure:
              warmup: {min-iterations: 2, min-time: 5ms, steady-cv: 0.5, max-time: 50ms}
              iterations: {min: 10, min-time: 30ms, max-time: 100ms}
              target-ci: 0.5
              trial-timeout: 30s
            """;

    @TempDir
    static Path tmp;
    static Path run;

    @BeforeAll
    static void sweep() throws IOException {
        Path spec = Files.writeString(tmp.resolve("ds.yaml"), SPEC);
        Cli.Result r = Cli.run("sweep", "--profile", spec.toString(), "--profiles-dir", Cli.PROFILES.toString(),
                "--results-dir", tmp.resolve("results").toString());
        assertThat(r.code()).as(r.err()).isZero();
        try (Stream<Path> s = Files.list(tmp.resolve("results"))) {
            run = s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    @Test
    void aRealSimRunGivesOneSamplePerTrialWithTheAnalyticWork() {
        Dataset d = RunDatasets.from(RunReader.read(run));
        ModelConfig gpt1m = new ModelCatalog(Cli.PROFILES.resolve("models")).get("gpt-1m");

        assertThat(d.source()).isEqualTo(run.toString());
        assertThat(d.device()).startsWith("simulated device");
        assertThat(d.warnings()).isEmpty();
        assertThat(d.samples()).hasSize(8);
        assertThat(d.samples()).allSatisfy(s -> {
            assertThat(s.point().model()).isEqualTo("gpt-1m");
            assertThat(s.point().params()).isEqualTo(gpt1m.parameterCount());
            assertThat(s.p50Ns()).isPositive().isLessThanOrEqualTo(s.p99Ns());
            assertThat(s.meanNs()).isPositive();
            assertThat(s.replicate()).isIn("0", "1");
        });
        // each point twice, replicates 0 and 1 in order
        assertThat(d.samples().stream().map(s -> s.point().id() + "#" + s.replicate()).distinct()).hasSize(8);
        for (Sample s : d.samples()) {
            Work w = Work.of(gpt1m, Phase.parse(s.point().phase()), s.point().batch(), s.point().seq(), 4);
            assertThat(d.work(s.point())).isEqualTo(new PointWork(w.flops(), w.bytes()));
        }
    }

    @Test
    void aRealRunSurvivesARoundTripThroughTheCsvFormat(@TempDir Path out) {
        Dataset d = RunDatasets.from(RunReader.read(run));
        Path csv = out.resolve("run.csv");
        CsvDataset.write(d, csv);
        Dataset back = CsvDataset.read(csv);
        // the CSV format (docs/fit-input.md) has no column for the trials' quality flags: all else comes back
        assertThat(d.samples()).anyMatch(s -> !s.flags().isEmpty());
        assertThat(back.samples()).isEqualTo(d.samples().stream().map(s -> new Sample(s.point(), s.replicate(),
                s.p50Ns(), s.p99Ns(), s.meanNs(), s.deviceNs())).toList()).hasSize(8);
        assertThat(back.work()).isEqualTo(d.work()).hasSize(4);
        assertThat(back.device()).isEqualTo(d.device());
        assertThat(back.source()).isEqualTo(csv.toString());
    }

    @Test
    void handMadeRunKnownPercentilesPlanOrderAndWarnings() {
        SweepPoint a = RunFixtures.point(Phase.PREFILL, 4, 64);
        SweepPoint b = RunFixtures.point(Phase.DECODE, 8, 128);
        SweepPoint oom = RunFixtures.point(Phase.PREFILL, 512, 2048);
        SweepPoint never = RunFixtures.point(Phase.DECODE, 1, 32);
        long[] oneTo1000 = new long[1000];
        for (int i = 0; i < 1000; i++) {
            oneTo1000[i] = i + 1;
        }
        RunFixtures f = new RunFixtures().plan(a, b, oom, never)
                .ok(b, 1, 300, 300, 300, 900)     // journal order differs from plan order
                .ok(a, 1, oneTo1000)
                .ok(a, 0, 100, 200, 300)
                .failed(oom, 0, FailureKind.OUT_OF_MEMORY, "needs 12 GiB")
                .failed(b, 0, FailureKind.ENGINE_ERROR, "boom");
        f.readerWarnings.add("trials.jsonl:9: incomplete last line dropped");

        Dataset d = RunDatasets.from(f.reader());

        assertThat(d.samples()).extracting(s -> s.point().id() + "#" + s.replicate())
                .containsExactly(a.id() + "#0", a.id() + "#1", b.id() + "#1");
        Sample a1 = d.samples().get(1);
        assertThat(a1.p50Ns()).isEqualTo(500);
        assertThat(a1.p99Ns()).isEqualTo(990);
        assertThat(a1.meanNs()).isCloseTo(500.5, within(1e-9));
        Sample b1 = d.samples().get(2);
        assertThat(b1.p50Ns()).isEqualTo(300);
        assertThat(b1.meanNs()).isCloseTo(450, within(1e-9));
        assertThat(b1.point()).isEqualTo(new PointKey("gpt-1m", "fp32", "decode",
                RunFixtures.TINY.parameterCount(), 8, 128));

        assertThat(d.device()).isEqualTo("cpu: AMD EPYC");
        assertThat(d.source()).isEqualTo(Path.of("results", "20250301-020000-unit").toString());
        assertThat(d.repairs()).as("the reader's repairs, apart from the warnings")
                .containsExactly("trials.jsonl:9: incomplete last line dropped");
        assertThat(d.warnings()).hasSize(2);
        assertThat(d.warnings().get(0)).contains(oom.id(), "no OK trial", "1 failed", "out-of-memory: needs 12 GiB");
        assertThat(d.warnings().get(1)).contains(never.id(), "not run");
        Work w = Work.of(RunFixtures.TINY, Phase.DECODE, 8, 128, 4);
        assertThat(d.work(b1.point())).isEqualTo(new PointWork(w.flops(), w.bytes()));
    }

    @Test
    void torchScriptPointsHaveUnknownWorkWithoutAWarning() {
        SweepPoint ts = RunFixtures.point(RunFixtures.USER, DType.FP32, Phase.PREFILL, 2, 16);
        Dataset d = RunDatasets.from(new RunFixtures().plan(ts).ok(ts, 0, 1000, 2000).reader());
        assertThat(d.samples()).singleElement().satisfies(s -> assertThat(s.point().params()).isEqualTo(-1));
        assertThat(d.work(d.samples().get(0).point())).isEqualTo(PointWork.UNKNOWN);
        assertThat(d.warnings()).isEmpty();
    }

    @Test
    void aSpecWithoutModelShapesGivesUnknownWorkAndSaysSo() {
        SweepPoint a = RunFixtures.point(Phase.PREFILL, 4, 64);
        RunFixtures f = new RunFixtures().plan(a).ok(a, 0, 100, 200);
        f.spec = JsonNodeFactory.instance.objectNode().put("name", "old");
        f.withoutWorkloads = true; // what a schema-1 run.json with such a specification reads as
        Dataset d = RunDatasets.from(f.reader());
        assertThat(d.samples()).hasSize(1);
        assertThat(d.work()).isEmpty();
        assertThat(d.warnings()).singleElement().asString().contains("FLOPs and bytes per step are unknown");
    }

    @Test
    void emptyHistogramsAndUnplannedTrialsAreSkipped() {
        SweepPoint a = RunFixtures.point(Phase.PREFILL, 4, 64);
        SweepPoint other = RunFixtures.point(Phase.PREFILL, 2, 64);
        RunFixtures f = new RunFixtures().plan(a).ok(a, 0).ok(other, 0, 50);
        Dataset d = RunDatasets.from(f.reader());
        assertThat(d.samples()).isEmpty();
        assertThat(d.warnings()).anySatisfy(w -> assertThat(w).contains(other.id(), "not in the plan"))
                .anySatisfy(w -> assertThat(w).contains(a.id(), "no OK trial"));
    }

    @Test
    void deviceComesFromTheFingerprint() {
        assertThat(RunDatasets.device(Map.of("device", "gpu:0", "device.name", "CUDA GPU 0 (sm_90)",
                "gpu.name", "NVIDIA H100 80GB HBM3"))).isEqualTo("NVIDIA H100 80GB HBM3");
        assertThat(RunDatasets.device(Map.of("device", "gpu:0", "device.name", "CUDA GPU 0 (sm_90)")))
                .isEqualTo("CUDA GPU 0 (sm_90)");
        assertThat(RunDatasets.device(Map.of("device", "cpu", "device.name", "x86_64", "cpu.model", "AMD EPYC 7763")))
                .isEqualTo("cpu: AMD EPYC 7763");
        assertThat(RunDatasets.device(Map.of("device", "cpu", "device.name", "Intel Xeon", "cpu.model", "unknown")))
                .isEqualTo("cpu: Intel Xeon");
        assertThat(RunDatasets.device(Map.of("backend", "sim", "device", "simulated device (50 GFLOP/s, 20 GB/s)")))
                .isEqualTo("simulated device (50 GFLOP/s, 20 GB/s)");
        assertThat(RunDatasets.device(Map.of("os.name", "Linux"))).isEmpty();
    }
}
