package dev.scalebench.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecLoaderTest {
    static final Path PROFILES = Path.of("..", "profiles");
    /** These backends, not those on the test class path (which holds test backends too). */
    static final BackendNames BACKENDS = () -> List.of("djl", "sim", "cuda");
    final SpecLoader loader = new SpecLoader(PROFILES, BACKENDS);

    @TempDir
    Path dir;

    Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    List<SpecError> errors(String text) throws IOException {
        Path f = write("x.yaml", text);
        SpecException e = catchThrowableOfType(SpecException.class, () -> loader.load(f));
        assertThat(e).as("expected a SpecException").isNotNull();
        return e.errors();
    }

    static String lines(List<SpecError> errors) {
        return String.join("\n", errors.stream().map(SpecError::toString).toList());
    }

    @Test
    void smokeProfileLoadsWithItsValues() {
        SweepSpec s = loader.loadProfile("smoke");
        assertThat(s.name()).isEqualTo("smoke");
        assertThat(s.backend()).isEqualTo("djl");
        assertThat(s.device()).isEqualTo("auto");
        assertThat(s.dtypes()).containsExactly(DType.FP32);
        assertThat(s.phases()).containsExactly(Phase.PREFILL, Phase.DECODE, Phase.GENERATE);
        assertThat(s.models()).extracting(ModelSpec::name).containsExactly("gpt-1m", "gpt-10m");
        assertThat(s.generate().models()).extracting(ModelSpec::name).containsExactly("llama-tiny");
        assertThat(s.generate().batch()).containsExactly(1, 4);
        assertThat(s.generate().seq()).containsExactly(32);
        assertThat(s.generate().output()).containsExactly(16);
        assertThat(s.batch()).containsExactly(1, 2, 4, 16);
        assertThat(s.seq()).containsExactly(32, 128);
        assertThat(s.replicates()).isEqualTo(5);
        assertThat(s.order()).isEqualTo(Order.RANDOMIZED_BLOCKS);
        assertThat(s.seed()).isEqualTo(42);
        assertThat(s.measure().warmup().minTime()).isEqualTo(Duration.ofMillis(200));
        assertThat(s.measure().iterations().min()).isEqualTo(10);
        assertThat(s.measure().targetCi()).isEqualTo(0.05);
        assertThat(s.measure().trialTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.budget()).isNull();
    }

    @Test
    void nightlyProfileLoadsWithRangesBudgetAndMemory() {
        SweepSpec s = loader.loadProfile("nightly");
        assertThat(s.batch()).containsExactly(1, 2, 4, 8, 16, 32, 64, 128, 256);
        assertThat(s.seq()).containsExactly(128, 256, 512, 1024, 2048, 4096);
        assertThat(s.dtypes()).containsExactly(DType.BF16);
        assertThat(s.models()).hasSize(5);
        assertThat(s.budget()).isEqualTo(Duration.ofHours(3));
        assertThat(s.deviceMemoryBytes()).isEqualTo(80L << 30);
        assertThat(s.replicates()).isEqualTo(5);
        assertThat(s.measure().targetCi()).isEqualTo(0.01);
        assertThat(s.measure().iterations().min()).isEqualTo(50);
    }

    @Test
    void loadProfileAcceptsAPathAndNamesTheProfilesOtherwise() throws IOException {
        Path f = write("mine.yaml", "name: mine\nmodel: gpt-1m\nbatch: 1\nseq: [8]\n");
        assertThat(loader.loadProfile(f.toString()).name()).isEqualTo("mine");
        assertThatThrownBy(() -> loader.loadProfile("nope")).isInstanceOf(SpecException.class)
                .hasMessageContaining("smoke").hasMessageContaining("nightly");
    }

    @Test
    void omittedFieldsTakeTheDefaults() throws IOException {
        SweepSpec s = loader.load(write("d.yaml", "name: d\nmodel: gpt-1m\nbatch: [2]\nseq: [8]\n"));
        assertThat(s.backend()).isEqualTo(Defaults.BACKEND);
        assertThat(s.device()).isEqualTo(Defaults.DEVICE);
        assertThat(s.dtypes()).isEqualTo(Defaults.DTYPES);
        assertThat(s.phases()).isEqualTo(Defaults.PHASES);
        assertThat(s.replicates()).isEqualTo(Defaults.REPLICATES);
        assertThat(s.order()).isEqualTo(Defaults.ORDER);
        assertThat(s.seed()).isEqualTo(Defaults.SEED);
        assertThat(s.measure()).isEqualTo(Defaults.MEASURE);
        assertThat(s.measure().trialTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.measure().warmup().maxTime()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.budget()).isNull();
        assertThat(s.deviceMemoryBytes()).isNull();
    }

    @Test
    void scalarsListsRangesAndUnitsAreAccepted() throws IOException {
        SweepSpec s = loader.load(write("u.yaml", """
                name: u
                dtype: bf16
                phase: decode
                model: gpt-10m
                batch: {from: 3, to: 100, factor: 3}
                seq: [64, 8, 16]
                budget: 1m30s
                device-memory: 24GB
                measure:
                  iterations: {min-time: 100ms, max-time: 1s}
                """));
        assertThat(s.dtypes()).containsExactly(DType.BF16);
        assertThat(s.phases()).containsExactly(Phase.DECODE);
        assertThat(s.batch()).containsExactly(3, 9, 27, 81);
        assertThat(s.seq()).containsExactly(8, 16, 64);
        assertThat(s.budget()).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.deviceMemoryBytes()).isEqualTo(24_000_000_000L);
        assertThat(s.measure().iterations().min()).isEqualTo(Defaults.ITERATIONS_MIN);
        assertThat(s.measure().iterations().maxTime()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsLine() throws IOException {
        List<SpecError> errs = errors("""
                name: bad
                backend: tensorflow
                device: tpu
                dtype: [fp32, fp8]
                phase: [prefill, encode]
                model: [gpt-1m, gpt-9b]
                batch: [0, -4, 100000, 4, 4]
                seq: {from: 64, to: 32, factor: 2}
                replicates: many
                order: shuffled
                batchs: 3
                measure:
                  warmup: {min-time: 5s, max-time: 2s, steady-cv: 1.5}
                  iterations: [50]
                  target-ci: -0.1
                budget: 0s
                """);
        String all = lines(errs);
        assertThat(all).contains(
                "x.yaml:2: backend 'tensorflow' is unknown (allowed: djl, sim, cuda)",
                "x.yaml:3: device 'tpu' is not a device",
                "x.yaml:4: dtype 'fp8' is unknown (allowed: fp32, fp16, bf16)",
                "x.yaml:5: phase 'encode' is unknown",
                "x.yaml:6: unknown model preset 'gpt-9b'",
                "known presets: gpt-1m, gpt-10m, gpt-40m, gpt-125m",
                "x.yaml:7: batch level 0 must be >= 1 (allowed 1..65536)",
                "x.yaml:7: batch level -4 must be >= 1",
                "x.yaml:7: batch level 100000 must be <= 65536",
                "x.yaml:7: duplicate batch level 4 (also at line 7)",
                "x.yaml:8: seq range to 32 must be >= from 64",
                "x.yaml:9: replicates must be an integer, not 'many'",
                "x.yaml:10: order 'shuffled' is unknown",
                "x.yaml:11: unknown key 'batchs' in the sweep (did you mean 'batch'?)",
                "x.yaml:13: measure.warmup.steady-cv 1.5 must be in [0.0, 1.0)",
                "x.yaml:13: measure.warmup.min-time 5s must be <= measure.warmup.max-time 2s",
                "x.yaml:14: measure.iterations must be a map (key: value), not a list",
                "x.yaml:15: measure.target-ci -0.1 must be in [0.0, 1.0)",
                "x.yaml:16: budget 0s must be > 0");
        assertThat(errs).allSatisfy(e -> assertThat(e.file()).endsWith("x.yaml"));
        assertThat(errs).hasSize(18);
    }

    @Test
    void absurdAndEmptyLevelsAndBadFactorsAreErrors() throws IOException {
        String all = lines(errors("""
                name: z
                model: gpt-1m
                batch: []
                seq: {from: 1, to: 2000000, factor: 1}
                replicates: 0
                dtype: []
                """));
        assertThat(all).contains(
                "x.yaml:3: batch must not be an empty list",
                "x.yaml:4: seq range to 2000000 must be <= 1048576 (allowed 1..1048576)",
                "x.yaml:4: seq range factor 1.0 must be > 1",
                "x.yaml:5: replicates 0 must be >= 1 (allowed 1..1000)",
                "x.yaml:6: dtype must not be an empty list");
    }

    @Test
    void wrongTypesAreErrors() throws IOException {
        String all = lines(errors("""
                name: [a, b]
                model: gpt-1m
                batch: {1: 2}
                seq: [abc, 1.5]
                replicates: {n: 3}
                measure: fast
                """));
        assertThat(all).contains(
                "x.yaml:1: name must be a single value, not a list",
                "x.yaml:3: unknown key '1' in batch range",
                "x.yaml:4: seq level must be an integer, not 'abc'",
                "x.yaml:4: seq level must be an integer, not '1.5'",
                "x.yaml:5: replicates must be a single value, not a map",
                "x.yaml:6: measure must be a map (key: value), not 'fast'");
    }

    @Test
    void missingRequiredKeysAreNamed() throws IOException {
        String all = lines(errors("name: y\nreplicates: 2\n"));
        assertThat(all).contains("x.yaml:1: missing required key 'model'", "missing required key 'batch'",
                "missing required key 'seq'");
    }

    @Test
    void yamlSyntaxErrorsCarryTheirLine() throws IOException {
        List<SpecError> errs = errors("name: s\nmodel: gpt-1m\nbatch: [1, 2\nseq: [8]\n");
        assertThat(errs).hasSize(1);
        assertThat(errs.get(0).message()).startsWith("YAML syntax error");
        assertThat(errs.get(0).line()).isBetween(3, 5);
        assertThat(errors("").get(0).message()).isEqualTo("the file is empty");
        assertThat(lines(errors("name: a\nname: b\nmodel: gpt-1m\nbatch: 1\nseq: 1\n")))
                .contains("x.yaml:2: duplicate key 'name' in the sweep (first at line 1)");
    }

    @Test
    void torchScriptModelsResolveAgainstTheSweepFolder() throws IOException {
        Files.createDirectories(dir.resolve("m"));
        Files.write(dir.resolve("m/tiny.pt"), new byte[100]);
        SweepSpec s = loader.load(write("ts.yaml", """
                name: ts
                model:
                  - gpt-1m
                  - torchscript: m/tiny.pt
                    inputs:
                      - {name: x, shape: [batch, seq, 16], dtype: fp32}
                      - {name: ids, shape: [batch, seq], dtype: int64, max: 50000}
                batch: [1]
                seq: [4]
                """));
        ModelSpec ts = s.models().get(1);
        assertThat(ts.name()).isEqualTo("tiny");
        assertThat(ts.torchScript().path()).isEqualTo(dir.resolve("m/tiny.pt").toAbsolutePath().normalize());
        assertThat(ts.torchScript().inputs().get(0).resolve(2, 4)).containsExactly(2, 4, 16);
        assertThat(ts.torchScript().inputs().get(1).maxValue()).isEqualTo(50000);
        assertThat(ts.torchScript().inputs().get(0).dtype()).isEqualTo("fp32");
    }

    @Test
    void missingTorchScriptFileAndBadInputsAreErrors() throws IOException {
        String all = lines(errors("""
                name: ts
                model:
                  torchscript: nowhere/model.pt
                  inputs:
                    - {name: x, shape: [batch, 0, huge], dtype: fp64}
                    - {name: ids, shape: [batch], dtype: int64}
                batch: [1]
                seq: [4]
                """));
        assertThat(all).contains(
                "x.yaml:3: TorchScript file 'nowhere/model.pt' not found",
                "x.yaml:5: input 0 dtype 'fp64' is unknown (allowed: fp32, fp16, bf16, int64)",
                "x.yaml:5: input 0 dimension 0 must be >= 1",
                "x.yaml:5: input 0 dimension 'huge' must be a positive integer, batch or seq",
                "x.yaml:6: input 1 of dtype int64 needs 'max'");
    }

    @Test
    void anyBackendTheNamesHoldIsAcceptedAndNoOtherOne() throws IOException {
        Path f = write("b.yaml", "name: b\nbackend: onnx\nmodel: [gpt-1m]\nbatch: [1]\nseq: [8]\n");
        assertThat(new SpecLoader(PROFILES, () -> List.of("onnx")).load(f).backend()).isEqualTo("onnx");
        SpecException none = catchThrowableOfType(SpecException.class,
                () -> new SpecLoader(PROFILES, List::of).load(f));
        assertThat(none.errors()).singleElement().asString().endsWith(
                "b.yaml:2: backend 'onnx' is unknown (allowed: none, no backend is registered on the class path)");
    }

    @Test
    void aBrokenPresetUsedByTheSweepReportsItsOwnFileAndLine() throws IOException {
        Files.createDirectories(dir.resolve("p/models"));
        Files.writeString(dir.resolve("p/models/m.yaml"), "name: m\nlayers: 2\nhidden: 64\nheads: 4\nffn: 256\nvocab: 100\nparameters: 1\n");
        Path sweep = write("s.yaml", "name: s\nmodel: [m]\nbatch: [1]\nseq: [0]\n");
        SpecException e = catchThrowableOfType(SpecException.class, () -> new SpecLoader(dir.resolve("p")).load(sweep));
        assertThat(lines(e.errors())).contains("s.yaml:2: model preset 'm' is invalid", "s.yaml:4: seq level 0 must be >= 1",
                "m.yaml:7: parameters 1 does not match");
        assertThat(e.errors().get(e.errors().size() - 1).file()).endsWith("m.yaml");
    }

    @Test
    void anUnreadableFileIsASpecException() {
        assertThatThrownBy(() -> loader.load(dir.resolve("absent.yaml"))).isInstanceOf(SpecException.class)
                .hasMessageContaining("cannot read the sweep file");
    }
}
