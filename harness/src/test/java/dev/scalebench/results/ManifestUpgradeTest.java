package dev.scalebench.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.config.DType;
import dev.scalebench.config.ModelSpec;
import dev.scalebench.config.Phase;
import dev.scalebench.config.SpecJson;
import dev.scalebench.plan.SweepPoint;
import dev.scalebench.plan.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run.json schema 2 stores each point's workload; schema 1 (results/reference) is read with the workload computed. */
class ManifestUpgradeTest {
    private static final Path REFERENCE = Path.of("..", "results", "reference", "cpu");

    @Test
    void aSchema1ManifestReadsAsSchema2WithThePlannersWorkloads() throws IOException {
        Path dir;
        try (Stream<Path> dirs = Files.list(REFERENCE)) {
            dir = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        assertThat(Files.readString(dir.resolve(RunManifest.FILE))).contains("\"schema\" : 1").doesNotContain("workload");
        RunManifest m = RunManifest.read(dir.resolve(RunManifest.FILE));

        assertThat(m.schema()).isEqualTo(2);
        Map<String, ModelSpec> models = SpecJson.fromJson(m.spec()).models().stream()
                .collect(Collectors.toMap(ModelSpec::name, Function.identity()));
        assertThat(m.plan().points()).isNotEmpty().allSatisfy(e -> {
            Workload expected = new SweepPoint(e.backend(), e.device(), DType.parse(e.dtype()), Phase.parse(e.phase()),
                    models.get(e.model()), e.batch(), e.seq()).workload();
            assertThat(e.workload()).as(e.id()).isEqualTo(expected);
            assertThat(e.workload().parameters()).isEqualTo(e.params());
            assertThat(e.workload().knowsWork()).isTrue();
            assertThat(e.tokensPerStep()).isEqualTo(e.phase().equals("prefill") ? (long) e.batch() * e.seq() : e.batch());
        });
    }

    @Test
    void aSchema1ManifestWhoseSpecLacksTheModelKeepsNoWorkload(@TempDir Path tmp) throws IOException {
        Path dir;
        try (Stream<Path> dirs = Files.list(REFERENCE)) {
            dir = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        String json = Files.readString(dir.resolve(RunManifest.FILE)).replace("\"name\" : \"gpt-1m\"", "\"name\" : \"gpt-1m-renamed\"");
        Path file = Files.writeString(tmp.resolve(RunManifest.FILE), json);
        RunManifest m = RunManifest.read(file);

        assertThat(m.plan().points()).filteredOn(e -> e.model().equals("gpt-1m")).isNotEmpty()
                .allSatisfy(e -> assertThat(e.workload()).isNull());
        assertThat(m.plan().points()).filteredOn(e -> e.model().equals("gpt-10m")).isNotEmpty()
                .allSatisfy(e -> assertThat(e.workload()).isNotNull());
    }

    @Test
    void aSchema2ManifestStoresAndReadsBackEachWorkload(@TempDir Path tmp) {
        SweepPoint p = new SweepPoint("sim", "cpu", DType.FP32, Phase.DECODE, ModelSpec.of(Fixtures.TINY), 4, 128);
        RunManifest m = RunManifest.running("r", "test", Fixtures.T0, null, null, Map.of(),
                new RunManifest.Plan(java.util.List.of(RunManifest.PointEntry.of(p)), java.util.List.of(), null, null));
        Path file = tmp.resolve(RunManifest.FILE);
        m.write(file);
        RunManifest back = RunManifest.read(file);

        assertThat(back).isEqualTo(m);
        assertThat(back.plan().points().get(0).workload()).isEqualTo(p.workload());
        assertThat(back.plan().points().get(0).workload().memory().kvCache()).isPositive();
    }
}
