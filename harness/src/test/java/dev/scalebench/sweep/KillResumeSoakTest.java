package dev.scalebench.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 20 rounds of {@code kill -9} at a random moment within four seconds after the run folder appeared (a fixed
 * seed, so the delays repeat; a kill before the folder appears is CrashSafetyTest's case), then {@code --resume}
 * killed again in half the rounds, then a last {@code --resume}: each round must end with every planned trial
 * exactly once ({@link IndependentCheck}). Tagged {@code slow} (about five minutes here); run it with
 * {@code ./mvnw -Pslow -Dkernels.skip=true -pl harness -am test -Dtest=KillResumeSoakTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("slow")
class KillResumeSoakTest {
    private static final int ROUNDS = 20;
    private static final long SEED = 20261206L;

    @Test
    void everyRoundEndsWithEveryTrialExactlyOnce(@TempDir Path tmp) throws Exception {
        Path spec = Files.writeString(tmp.resolve("soak.yaml"), CrashSafetyTest.SPEC.replace("batch: [1, 4]",
                "batch: [1, 4, 16]").replace("seq: [32]", "seq: [32, 128]"));
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        int clean = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            long killSweepMs = random.nextInt(4000);
            boolean killResume = random.nextBoolean();
            long killResumeMs = 500 + random.nextInt(3000);
            Path results = Files.createDirectories(tmp.resolve("round-" + round));
            String what = "round " + round + ": sweep killed " + killSweepMs + " ms after its folder appeared"
                    + (killResume ? ", resume killed at " + killResumeMs + " ms" : "");
            try {
                Child sweep = Child.sweep(spec, results, tmp.resolve("sweep-" + round + ".log"), List.of());
                Path run = awaitRun(results, sweep);
                killAfter(sweep, killSweepMs);
                if (killResume) {
                    killAfter(Child.resume(run, tmp.resolve("resume1-" + round + ".log"), List.of()), killResumeMs);
                }
                Child last = Child.resume(run, tmp.resolve("resume2-" + round + ".log"), List.of());
                assertThat(last.exitCode()).as(last.output()).isZero();
                IndependentCheck.everyPlannedTrialExactlyOnce(run);
                System.out.println(what + ": clean");
                clean++;
            } catch (AssertionError | Exception e) {
                failures.add(what + ": " + e.getMessage());
                System.out.println(what + ": NOT clean: " + e.getMessage());
            }
        }
        System.out.println("kill -9 + --resume soak: " + clean + "/" + ROUNDS + " clean (seed " + SEED + ")");
        assertThat(failures).isEmpty();
    }

    private static void killAfter(Child child, long ms) throws Exception {
        Thread.sleep(ms);
        if (child.process().isAlive()) {
            child.signal("KILL");
        }
        child.exitCode();
    }

    /** The run folder, once it appears (kill times count from then, so that the machine's load does not matter). */
    private static Path awaitRun(Path results, Child sweep) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline && sweep.process().isAlive()) {
            try (Stream<Path> s = Files.list(results)) {
                List<Path> runs = s.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
                if (!runs.isEmpty()) {
                    return runs.get(0);
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no run folder appeared: " + sweep.output());
    }
}
