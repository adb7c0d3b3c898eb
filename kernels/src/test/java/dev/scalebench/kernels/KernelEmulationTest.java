package dev.scalebench.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs the kernels' self-check on the CPU through the host emulation ({@code src/test/cuda/emulate.sh}): every
 * kernel's own source, compiled by g++, against a double-precision reference. About a minute on 2 cores.
 */
@Tag("slow")
class KernelEmulationTest {

    @Test
    void everyKernelMatchesItsReferenceUnderEmulation() throws IOException, InterruptedException {
        Assumptions.assumeTrue(onPath("g++"), "g++ not found: the emulation needs g++ 11 or newer");
        Path log = Files.createTempFile("selfcheck-emu", ".log");
        try {
            Process p = new ProcessBuilder("bash", "src/test/cuda/emulate.sh").redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(15, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("emulate.sh did not finish in 15 minutes");
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(out).as(out).containsPattern("(?m)^\\d+ passed, 0 failed$").doesNotContain("FAIL");
            assertThat(p.exitValue()).as(out).isZero();
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static boolean onPath(String exe) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(":")) {
            if (!dir.isBlank() && Files.isExecutable(Path.of(dir, exe))) {
                return true;
            }
        }
        return false;
    }
}
