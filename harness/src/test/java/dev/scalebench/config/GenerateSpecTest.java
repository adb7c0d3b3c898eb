package dev.scalebench.config;

import static dev.scalebench.config.SpecLoaderTest.PROFILES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.scalebench.plan.Planner;
import dev.scalebench.plan.SweepPoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep file's {@code output} factor and {@code generate:} block, and what they expand to. */
class GenerateSpecTest {

    @TempDir
    Path tmp;

    private final SpecLoader loader = new SpecLoader(PROFILES, () -> List.of("djl", "sim"));

    private SweepSpec load(String yaml) throws Exception {
        return loader.load(Files.writeString(tmp.resolve("s.yaml"), yaml));
    }

    private SpecException refused(String yaml) throws Exception {
        Path f = Files.writeString(tmp.resolve("bad.yaml"), yaml);
        return catchThrowableOfType(SpecException.class, () -> loader.load(f));
    }

    @Test
    void outputLevelsMultiplyOnlyTheGeneratePoints() throws Exception {
        SweepSpec s = load("""
                name: g
                backend: sim
                model: [llama-tiny]
                phase: [decode, generate]
                batch: [1, 4]
                seq: [32]
                output: {from: 16, to: 64, factor: 2}
                """);
        assertThat(s.output()).containsExactly(16, 32, 64);
        List<String> ids = Planner.expand(s).stream().map(SweepPoint::id).toList();
        assertThat(ids).hasSize(2 + 6).contains("llama-tiny/fp32/decode/b4/s32", "llama-tiny/fp32/generate/b1/s32/o16",
                "llama-tiny/fp32/generate/b4/s32/o64");
        assertThat(SpecJson.fromJson(SpecJson.toJson(s)).output()).containsExactly(16, 32, 64);
    }

    @Test
    void theGenerateBlockNarrowsTheGeneratePhaseAlone() throws Exception {
        SweepSpec s = load("""
                name: smoke-like
                backend: sim
                model: [gpt-1m]
                phase: [prefill, generate]
                batch: [1, 2, 4]
                seq: [32, 128]
                generate: {model: [llama-tiny], batch: [1, 4], seq: [32], output: [8]}
                """);
        List<SweepPoint> points = Planner.expand(s);
        assertThat(points).filteredOn(p -> p.phase() == Phase.PREFILL).hasSize(6)
                .allMatch(p -> p.model().name().equals("gpt-1m"));
        assertThat(points).filteredOn(p -> p.phase() == Phase.GENERATE).extracting(SweepPoint::id)
                .containsExactly("llama-tiny/fp32/generate/b1/s32/o8", "llama-tiny/fp32/generate/b4/s32/o8");
        SweepSpec back = SpecJson.fromJson(SpecJson.toJson(s));
        assertThat(back.generate()).isEqualTo(s.generate());
        assertThat(Planner.expand(back)).extracting(SweepPoint::id).isEqualTo(points.stream().map(SweepPoint::id)
                .toList());
        assertThat(SpecJson.toJson(load("""
                name: plain
                backend: sim
                model: [gpt-1m]
                batch: [1]
                seq: [32]
                """)).has("output")).as("a sweep that does not generate stores no output levels").isFalse();
    }

    @Test
    void mistakesAreNamedWithTheirFix() throws Exception {
        assertThat(refused("""
                name: x
                backend: sim
                model: [gpt-1m]
                phase: [prefill]
                batch: [1]
                seq: [32]
                output: [8]
                """).getMessage()).contains("output applies to phase generate only", "add generate to phase");
        assertThat(refused("""
                name: x
                backend: sim
                model: [gpt-1m]
                phase: [prefill]
                batch: [1]
                seq: [32]
                generate: {output: [8]}
                """).getMessage()).contains("the generate block narrows phase generate");
        assertThat(refused("""
                name: x
                backend: sim
                model: [gpt-1m]
                phase: [generate]
                batch: [1]
                seq: [32]
                output: [0]
                """).getMessage()).contains("output");
        assertThat(refused("""
                name: x
                backend: sim
                model: [gpt-1m]
                phase: [generate]
                batch: [1]
                seq: [32]
                generate: {outputs: [8]}
                """).getMessage()).contains("outputs");
    }
}
