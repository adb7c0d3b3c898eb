package dev.scalebench.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintTest {

    @Test
    void hostFactsPlusBackendFactsSorted(@TempDir Path notARepo) {
        SortedMap<String, String> f = Fingerprint.collect(Map.of("djl.engine", "PyTorch", "gpu.name", "none"),
                notARepo);
        assertThat(f).containsKeys("cpu.model", "cpu.cores", "os.name", "os.version", "os.arch", "jvm.vendor",
                "jvm.version", "memory.total.bytes", "host.name", "git.commit", "git.dirty", "scalebench.version");
        assertThat(f).containsEntry("djl.engine", "PyTorch").containsEntry("gpu.name", "none");
        assertThat(f.get("cpu.cores")).isEqualTo(Integer.toString(Runtime.getRuntime().availableProcessors()));
        assertThat(Long.parseLong(f.get("memory.total.bytes"))).isPositive();
        assertThat(f.get("git.commit")).isEqualTo(Fingerprint.UNKNOWN);
        assertThat(f.get("git.dirty")).isEqualTo(Fingerprint.UNKNOWN);
        assertThat(new java.util.ArrayList<>(f.keySet())).isSorted();
    }

    @Test
    void gitCommitOfTheProject() {
        // tests run in harness/, inside the project's work tree
        String commit = Fingerprint.collect(Map.of(), Path.of("").toAbsolutePath()).get("git.commit");
        assertThat(commit).satisfiesAnyOf(c -> assertThat(c).matches("[0-9a-f]{40}"),
                c -> assertThat(c).isEqualTo(Fingerprint.UNKNOWN));
    }
}
