package dev.scalebench.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.cli.Cli;
import dev.scalebench.results.RunReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep reads its run folder once after its last trial, and every later step (summary, analysis and reports,
 * history, metrics) works on that one {@link dev.scalebench.results.Run}; a merge reads each shard once and the
 * merged run once. Counted with {@link RunReader#folderReads()} (tests run one at a time in this JVM).
 */
class RunReadsTest {

    private static final String SPEC = """
            name: reads
            backend: sim
            model: [gpt-1m]
            dtype: fp32
            phase: prefill
            batch: [1, 2, 4, 8, 16]
            seq: [32]
            replicates: 2
            measure:
              warmup: {min-iterations: 3, min-time: 1ms, steady-cv: 0.5, max-time: 20ms}
              iterations: {min: 10, min-time: 2ms, max-time: 20ms}
              target-ci: 0.001
              trial-timeout: 30s
            """;

    @Test
    void aSweepReadsItsRunFolderOnceAfterTheLastTrialAndWritesEveryOutput(@TempDir Path tmp) throws IOException {
        Path spec = Files.writeString(tmp.resolve("reads.yaml"), SPEC);
        Path results = tmp.resolve("results");
        long before = RunReader.folderReads();
        Cli.Result r = Cli.run("sweep", spec.toString(), "--results-dir", results.toString(), "--profiles-dir",
                Cli.PROFILES.toString());
        long reads = RunReader.folderReads() - before;

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(reads).as("run folder reads by a new sweep (none before its first trial)").isEqualTo(1);
        Path run = onlyRun(results);
        for (String f : List.of("summary.csv", "metrics.prom", "fits.json", "report.html", "report.md")) {
            assertThat(run.resolve(f)).as(f).isNotEmptyFile();
        }
        assertThat(r.out()).contains("history: added to the").contains("series fitted");
    }

    @Test
    void aResumeReadsItsRunFolderOnceBeforeItsFirstTrialAndOnceAfterItsLast(@TempDir Path tmp) throws IOException {
        Path spec = Files.writeString(tmp.resolve("reads.yaml"), SPEC);
        Path results = tmp.resolve("results");
        Cli.Result first = Cli.run("sweep", spec.toString(), "--results-dir", results.toString(), "--profiles-dir",
                Cli.PROFILES.toString(), "--no-analyze", "--no-history");
        assertThat(first.code()).as(first.err()).isZero();
        Path run = onlyRun(results);
        // what a kill leaves: the last trial's histogram written, its journal line not, the run not complete
        Path journal = run.resolve("trials.jsonl");
        List<String> lines = Files.readAllLines(journal);
        Files.write(journal, lines.subList(0, lines.size() - 1));
        Path manifest = run.resolve("run.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"COMPLETE\"", "\"INTERRUPTED\""));

        long before = RunReader.folderReads();
        Cli.Result resume = Cli.run("sweep", "--resume", run.toString(), "--profiles-dir", Cli.PROFILES.toString(),
                "--results-dir", results.toString());
        long reads = RunReader.folderReads() - before;

        assertThat(resume.code()).as(resume.err()).isZero();
        assertThat(resume.err()).contains("resume: ");
        assertThat(Files.readAllLines(journal)).hasSize(lines.size());
        assertThat(reads).as("reads by a resume: its lock's open, then the one after its last trial").isEqualTo(2);
        assertThat(run.resolve("fits.json")).isNotEmptyFile();
    }

    @Test
    void aMergeReadsEachShardOnceAndTheMergedRunOnce(@TempDir Path tmp) throws IOException {
        Path spec = Files.writeString(tmp.resolve("reads.yaml"), SPEC);
        Path results = tmp.resolve("results");
        for (String shard : List.of("1/2", "2/2")) {
            Cli.Result s = Cli.run("sweep", spec.toString(), "--results-dir", results.toString(), "--shard", shard,
                    "--profiles-dir", Cli.PROFILES.toString(),
                    "--no-analyze", "--no-history");
            assertThat(s.code()).as(s.err()).isZero();
        }
        List<Path> shards;
        try (Stream<Path> l = Files.list(results)) {
            shards = l.filter(p -> Files.isDirectory(p)).sorted().toList();
        }
        assertThat(shards).hasSize(2);
        long before = RunReader.folderReads();
        Cli.Result m = Cli.run("merge", "--output", tmp.resolve("merged").toString(), shards.get(0).toString(),
                shards.get(1).toString(), "--profiles-dir", Cli.PROFILES.toString());
        long reads = RunReader.folderReads() - before;

        assertThat(m.code()).as(m.err()).isZero();
        assertThat(reads).as("reads by a merge of 2 shards").isEqualTo(3);
        assertThat(tmp.resolve("merged").resolve("fits.json")).isNotEmptyFile();
    }

    private static Path onlyRun(Path results) throws IOException {
        try (Stream<Path> l = Files.list(results)) {
            return l.filter(Files::isDirectory).filter(p -> Files.exists(p.resolve("run.json"))).findFirst()
                    .orElseThrow();
        }
    }
}
