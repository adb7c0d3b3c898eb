package dev.scalebench.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.cli.Cli;
import dev.scalebench.results.RunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep stopped by SIGTERM (as Ctrl-C's SIGINT, through the same shutdown hook) says how far it got and how to
 * resume, and is in the history as INTERRUPTED, which {@code history list --good} hides. No timing: the child
 * stops itself after its 2nd histogram ({@link RunStore#STOP_AFTER_HISTOGRAM}), is sent SIGTERM while stopped,
 * then continued.
 */
class InterruptTest {

    private static final Pattern INTERRUPTED = Pattern.compile(
            "interrupted after (\\d+) of (\\d+) trials .{1,3} resume with: scalebench sweep --resume (\\S+)");

    @Test
    void sigtermSaysHowToResumeAndTheRunIsListedAsInterruptedUntilResumed(@TempDir Path tmp) throws Exception {
        Path spec = Files.writeString(tmp.resolve("crash.yaml"), CrashSafetyTest.SPEC);
        Path results = Files.createDirectories(tmp.resolve("results"));
        Child sweep = Child.start(tmp.resolve("sweep.log"),
                List.of("-D" + RunStore.STOP_AFTER_HISTOGRAM + "=2"), "sweep", spec.toString(), "--profiles-dir",
                Cli.PROFILES.toString(), "--results-dir", results.toString(), "--progress-interval", "1s",
                "--no-analyze");
        sweep.awaitStopped();
        sweep.signal("TERM");
        sweep.signal("CONT");
        assertThat(sweep.exitCode()).as(sweep.output()).isEqualTo(143);

        Path run;
        try (Stream<Path> s = Files.list(results)) {
            run = s.filter(p -> Files.isDirectory(p) && !p.getFileName().toString().startsWith(".")).findFirst()
                    .orElseThrow();
        }
        String output = sweep.output();
        Matcher m = INTERRUPTED.matcher(output);
        assertThat(m.find()).as(output).isTrue();
        int journaled = Files.readAllLines(run.resolve("trials.jsonl")).size();
        // counted once the 2nd trial's line is written; the sweep may finish another before the JVM halts
        assertThat(Integer.parseInt(m.group(1))).isBetween(2, journaled);
        assertThat(Integer.parseInt(m.group(2))).isEqualTo(12); // 2 phases x 2 batches x 3 replicates
        assertThat(Path.of(m.group(3))).isEqualTo(run);
        assertThat(output).contains("history: INTERRUPTED run added to the");

        String id = run.getFileName().toString();
        Cli.Result list = Cli.run("history", "list", "--results-dir", results.toString());
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.out().lines().filter(l -> l.startsWith(id))).singleElement().asString()
                .contains("INTERRUPTED");
        Cli.Result good = Cli.run("history", "list", "--good", "--results-dir", results.toString());
        assertThat(good.out()).doesNotContain(id).contains("no run matches");

        // a failed run (as the sweep indexes one whose engine throws) is listed too, and hidden by --good
        Path failed = Files.createDirectories(results.resolve("failed-copy"));
        for (String f : List.of("run.json", "trials.jsonl", "histograms.hlog")) {
            Files.copy(run.resolve(f), failed.resolve(f));
        }
        String manifest = Files.readString(failed.resolve("run.json"));
        assertThat(manifest).contains("\"INTERRUPTED\"").contains("\"" + id + "\"");
        Files.writeString(failed.resolve("run.json"),
                manifest.replace("\"INTERRUPTED\"", "\"FAILED\"").replace("\"" + id + "\"", "\"failed-copy\""));
        Cli.Result index = Cli.run("history", "index", failed.toString(), "--results-dir", results.toString());
        assertThat(index.code()).as(index.err()).isZero();

        Cli.Result resumed = Cli.run("sweep", "--resume", run.toString(), "--no-analyze");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        Cli.Result after = Cli.run("history", "list", "--results-dir", results.toString());
        assertThat(after.out().lines().filter(l -> l.startsWith(id))).singleElement().asString()
                .contains("COMPLETE");
        assertThat(after.out().lines().filter(l -> l.startsWith("failed-copy"))).singleElement().asString()
                .contains("FAILED");
        Cli.Result goodAfter = Cli.run("history", "list", "--good", "--results-dir", results.toString());
        assertThat(goodAfter.out()).contains(id).doesNotContain("failed-copy");
    }
}
