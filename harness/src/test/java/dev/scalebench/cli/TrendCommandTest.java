package dev.scalebench.cli;

import static dev.scalebench.analysis.trend.TrendFixtures.MACHINE_A;
import static dev.scalebench.analysis.trend.TrendFixtures.history;
import static dev.scalebench.analysis.trend.TrendFixtures.series;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.analysis.trend.TrendOptions;
import dev.scalebench.results.RunMetrics;
import dev.scalebench.results.history.History;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrendCommandTest {

    @Test
    void badOptionsAreUsageErrorsNamingEveryProblem(@TempDir Path tmp) {
        Cli.Result r = Cli.run("trend", "--results-dir", tmp.toString(), "--window", "2", "--max-p", "2",
                "--metric", "p50,p42", "--min-magnitude", "-0.1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--window 2").contains("--max-p 2.0").contains("unknown metric 'p42'")
                .contains("--min-magnitude -0.1").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(Cli.run("trend", "--window", "fifty").code()).isEqualTo(2);
        assertThat(Cli.run("trend", "--min-segment", "1", "--results-dir", tmp.toString()).err())
                .contains("--min-segment 1: must be >= 2");
        assertThat(tmp.resolve("trend")).doesNotExist();
    }

    @Test
    void explainsItself() {
        Cli.Result r = Cli.run("trend", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: scalebench trend").contains("E-divisive").contains("--history-url")
                .contains("--min-magnitude").contains("Examples:").contains("--window=RUNS");
        assertThat(Cli.run("--help").out()).contains("trend");
    }

    @Test
    void anEmptyHistorySaysSoAndWritesNothing(@TempDir Path tmp) {
        Cli.Result r = Cli.run("trend", "--results-dir", tmp.toString(), "--sweep", "nightly");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("No runs in the history database jdbc:sqlite:" + tmp.resolve("history.db"))
                .contains("for sweep nightly");
        assertThat(tmp.resolve("trend")).doesNotExist();
    }

    @Test
    void readsTheHistoryDatabase(@TempDir Path tmp) throws Exception {
        String url = "jdbc:sqlite:" + tmp.resolve("h.db");
        try (History h = History.open(url)) {
            for (RunMetrics r : history("nightly", MACHINE_A, 0, List.of(series(1, 30, 1e6, 0.02, 15, 0.15)))) {
                h.index(r, tmp);
            }
            for (RunMetrics r : history("smoke", MACHINE_A, 0, List.of(series(2, 30, 1e6, 0.02, 30, 0)))) {
                h.index(r, tmp);
            }
        }
        Cli.Result r = Cli.run("trend", "--history-url", url, "--sweep", "nightly", "--metric", "p50",
                "--output", tmp.resolve("out").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("**Runs:** 30").contains("🔴 regression | nightly · gpt-1m/fp32/prefill/b1/s32 · p50")
                .contains("2026-01-16").doesNotContain("smoke");
        assertThat(tmp.resolve("out/trend.html")).isNotEmptyFile();
        Cli.Result all = Cli.run("trend", "--history-url", url, "--output", tmp.resolve("all").toString());
        assertThat(all.out()).contains("**Runs:** 60").contains("# Trends: all sweeps");
    }

    @Test
    void writesTheThreeFilesAndPrintsTheSummary(@TempDir Path tmp) throws Exception {
        List<RunMetrics> runs = new ArrayList<>(history("nightly", MACHINE_A, 0,
                List.of(series(1, 40, 1e6, 0.02, 25, 0.12), series(2, 40, 3e6, 0.02, 40, 0))));
        runs.addAll(history("smoke", MACHINE_A, 0, List.of(series(3, 40, 1e6, 0.02, 10, 0.5))));
        TrendCommand c = new TrendCommand();
        c.sweep = "nightly";
        StringWriter out = new StringWriter();
        c.write(runs, TrendOptions.DEFAULTS, tmp.resolve("trend"), new PrintWriter(out, true));
        assertThat(out.toString()).startsWith("# Trends: sweep nightly\n").contains("**Runs:** 40")
                .contains("🔴 regression | nightly · gpt-1m/fp32/prefill/b1/s32 · p50").doesNotContain("smoke")
                .contains("trend: " + tmp.resolve("trend/trend.html"));
        for (String f : new String[] {"trend.html", "trend.md", "trend.json"}) {
            assertThat(tmp.resolve("trend").resolve(f)).isNotEmptyFile();
        }
        assertThat(Files.readString(tmp.resolve("trend/trend.html"))).contains("<svg ");
    }
}
