package dev.scalebench.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.scalebench.config.DType;
import dev.scalebench.config.ModelSpec;
import dev.scalebench.config.Phase;
import dev.scalebench.config.TorchScriptSpec;
import dev.scalebench.plan.SweepPoint;
import dev.scalebench.plan.Work;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryTest {

    private static final double T_2 = 4.302653; // t(2, 0.975)

    @TempDir
    Path tmp;

    private final SweepPoint prefill = Fixtures.point(Phase.PREFILL, 4, 64);
    private final SweepPoint decode = Fixtures.point(Phase.DECODE, 8, 128);
    private final SweepPoint user = new SweepPoint("djl", "cpu", DType.FP32, Phase.PREFILL,
            new ModelSpec("mine", null, new TorchScriptSpec(Path.of("m.pt"), List.of())), 2, 16);

    @Test
    void pooledPercentilesFromKnownHistograms() {
        long[] first = new long[500];
        long[] second = new long[500];
        for (int i = 0; i < 500; i++) {
            first[i] = 2L * i + 1; // odd values 1..999
            second[i] = 2L * i + 2; // even values 2..1000
        }
        Histogram h0 = Fixtures.histogram(first);
        Histogram h1 = Fixtures.histogram(second);
        List<TrialResult> trials = List.of(Fixtures.ok(prefill.id(), 0, 0, h0, List.of("gc")),
                Fixtures.ok(prefill.id(), 1, 1, h1, List.of("not-steady", "gc")));
        PointSummary s = Summary.compute(List.of(prefill), trials,
                Map.of(trials.get(0).trialId(), h0, trials.get(1).trialId(), h1)).get(0);
        // pooled: 1..1000 once each (values below 2048 are exact at 3 significant digits)
        assertThat(s.p50Ns()).isEqualTo(500);
        assertThat(s.p90Ns()).isEqualTo(900);
        assertThat(s.p95Ns()).isEqualTo(950);
        assertThat(s.p99Ns()).isEqualTo(990);
        assertThat(s.p999Ns()).isEqualTo(999);
        assertThat(s.maxNs()).isEqualTo(1000);
        assertThat(s.meanNs()).isCloseTo(500.5, within(1e-9));
        assertThat(s.iterations()).isEqualTo(1000);
        assertThat(s.trialsOk()).isEqualTo(2);
        assertThat(s.flags()).containsExactly("gc", "not-steady");
        assertThat(s.status()).isEqualTo("ok");
        // per trial p50: 499 and 500; geometric mean, and the log-scale CI across two trials uses t(1) = 12.706
        assertThat(s.p50TrialGmeanNs()).isCloseTo(Math.sqrt(499.0 * 500.0), within(1e-9));
        double meanLog = (Math.log(499) + Math.log(500)) / 2;
        double sdLog = Math.abs(Math.log(500) - Math.log(499)) / Math.sqrt(2);
        assertThat(s.p50Ci().lo()).isCloseTo(Math.exp(meanLog - 12.7062 * sdLog / Math.sqrt(2)), within(1e-2));
        assertThat(s.p50Ci().hi()).isCloseTo(Math.exp(meanLog + 12.7062 * sdLog / Math.sqrt(2)), within(1e-2));
        assertThat(s.deviceMeanNs()).isNaN();
    }

    @Test
    void throughputMeansAndConfidenceIntervalsAcrossTrials() {
        // three trials with constant step times 1000, 1250, 1600 ns; batch 4, prefill seq 64
        long[] steps = {1000, 1250, 1600};
        List<TrialResult> trials = new ArrayList<>();
        Map<String, Histogram> hists = new HashMap<>();
        for (int r = 0; r < 3; r++) {
            Histogram h = Fixtures.constant(steps[r], 100 + r);
            TrialResult t = Fixtures.ok(prefill.id(), r, r, h, List.of());
            if (r == 1) {
                t = new TrialResult(t.trialId(), t.pointId(), r, r, t.status(), null, null, t.started(), t.ended(),
                        1, 1, true, t.iterations(), 1, 101 * 900L, 2, 5, "min-reached", List.of("gc"));
            }
            trials.add(t);
            hists.put(t.trialId(), h);
        }
        PointSummary s = Summary.compute(List.of(prefill), trials, hists).get(0);
        // seq/s per trial: 4e6, 3.2e6, 2.5e6; geometric mean and log-scale t interval
        double[] logs = {Math.log(4e6), Math.log(3.2e6), Math.log(2.5e6)};
        double meanLog = (logs[0] + logs[1] + logs[2]) / 3;
        double sdLog = Math.sqrt((Math.pow(logs[0] - meanLog, 2) + Math.pow(logs[1] - meanLog, 2)
                + Math.pow(logs[2] - meanLog, 2)) / 2);
        double mean = Math.exp(meanLog);
        assertThat(s.seqPerS()).isCloseTo(Math.cbrt(4e6 * 3.2e6 * 2.5e6), within(1e-2));
        assertThat(s.seqPerSCi().lo()).isCloseTo(Math.exp(meanLog - T_2 * sdLog / Math.sqrt(3)), within(10.0));
        assertThat(s.seqPerSCi().hi()).isCloseTo(Math.exp(meanLog + T_2 * sdLog / Math.sqrt(3)), within(10.0));
        assertThat(s.seqPerSCi().lo()).isPositive();
        assertThat(s.tokensPerS()).isCloseTo(64 * mean, within(1.0));
        assertThat(s.tokensPerSCi().hi()).isCloseTo(64 * s.seqPerSCi().hi(), within(1.0));
        Work w = Work.of(Fixtures.TINY, Phase.PREFILL, 4, 64, 4);
        double gflop = Math.cbrt(w.flops() / 1000e-9 * w.flops() / 1250e-9 * w.flops() / 1600e-9) / 1e9;
        assertThat(s.gflopPerS()).isCloseTo(gflop, within(gflop * 1e-9));
        assertThat(s.gbytePerS()).isPositive();
        assertThat(s.p99TrialGmeanNs()).isCloseTo(Math.cbrt(1000.0 * 1250 * 1600), within(1.0));
        assertThat(s.deviceMeanNs()).isCloseTo(900, within(1e-9));
        assertThat(s.gcTrials()).isEqualTo(1);
    }

    @Test
    void decodeTokensAreSequencesAndSingleTrialHasNoInterval() {
        Histogram h = Fixtures.constant(2000, 10);
        TrialResult t = Fixtures.ok(decode.id(), 0, 0, h, List.of());
        PointSummary s = Summary.compute(List.of(decode), List.of(t), Map.of(t.trialId(), h)).get(0);
        assertThat(s.seqPerS()).isCloseTo(8 / 2000e-9, within(1e-3));
        assertThat(s.tokensPerS()).isEqualTo(s.seqPerS());
        assertThat(s.seqPerSCi().isDefined()).isFalse();
    }

    @Test
    void failedAndMissingPointsStillGetARow() {
        List<TrialResult> trials = List.of(
                Fixtures.failed(decode.id(), 0, 0, "out-of-memory", "CUDA out of memory, tried 2 GB"),
                Fixtures.failed(decode.id(), 1, 1, "out-of-memory", "CUDA out of memory, tried 2 GB"));
        List<PointSummary> rows = Summary.compute(List.of(prefill, decode, user), trials, Map.of());
        assertThat(rows).extracting(PointSummary::status).containsExactly("not-run", "failed", "not-run");
        PointSummary failed = rows.get(1);
        assertThat(failed.trialsFailed()).isEqualTo(2);
        assertThat(failed.trialsOk()).isZero();
        assertThat(failed.reason()).isEqualTo("out-of-memory: CUDA out of memory, tried 2 GB");
        assertThat(failed.p50Ns()).isNaN();
        assertThat(rows.get(2).params()).isEqualTo(-1);
    }

    @Test
    void csvParsesBackWithTheDocumentedHeader() throws Exception {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            Path dir = tmp.resolve("run");
            Histogram h = Fixtures.constant(1500, 40);
            try (RunStore store = RunStore.create(dir, Fixtures.manifest("run", List.of(prefill, decode, user), 1))) {
                store.append(Fixtures.ok(prefill.id(), 0, 0, h, List.of("gc", "max-time")), h);
                store.append(Fixtures.failed(decode.id(), 0, 1, "engine-error", "bad \"shape\", really"), null);
                store.append(Fixtures.ok(user.id(), 0, 2, h, List.of()), h);
            }
            SummaryWriter.write(dir, List.of(prefill, decode, user));
            List<String> lines = Files.readAllLines(dir.resolve("summary.csv"));
            assertThat(lines).hasSize(4);
            assertThat(parse(lines.get(0))).isEqualTo(SummaryWriter.COLUMNS);
            assertThat(String.join(",", SummaryWriter.COLUMNS)).startsWith("schema,point_id,backend,device,model,"
                    + "params,dtype,phase,batch,seq,trials_ok,trials_failed,iterations,p50_ns,p90_ns,p95_ns,p99_ns,"
                    + "p999_ns,max_ns,mean_ns,stdev_ns,");
            List<Map<String, String>> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                List<String> f = parse(line);
                assertThat(f).hasSize(SummaryWriter.COLUMNS.size());
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < f.size(); i++) {
                    row.put(SummaryWriter.COLUMNS.get(i), f.get(i));
                }
                rows.add(row);
            }
            Map<String, String> ok = rows.get(0);
            assertThat(ok.get("schema")).isEqualTo("1");
            assertThat(ok.get("point_id")).isEqualTo("gpt-1m/fp32/prefill/b4/s64");
            assertThat(ok.get("p50_ns")).isEqualTo("1500");
            assertThat(ok.get("seq_per_s")).isEqualTo("2666667"); // 4 / 1.5 us, 7 significant digits
            assertThat(Double.parseDouble(ok.get("gflop_per_s"))).isPositive();
            assertThat(ok.get("seq_per_s_ci_lo")).isEmpty(); // one trial: no interval
            assertThat(ok.get("flags")).isEqualTo("gc;max-time");
            assertThat(ok.get("status")).isEqualTo("ok");
            assertThat(ok.get("device_mean_ns")).isEmpty();
            Map<String, String> failed = rows.get(1);
            assertThat(failed.get("status")).isEqualTo("failed");
            assertThat(failed.get("reason")).isEqualTo("engine-error: bad \"shape\", really");
            assertThat(failed.get("p50_ns")).isEmpty();
            Map<String, String> user = rows.get(2);
            assertThat(user.get("params")).isEmpty();
            assertThat(user.get("gflop_per_s")).isEmpty();
            assertThat(user.get("tokens_per_s")).isEqualTo("21333330"); // 2 * 16 / 1.5 us
            assertThat(String.join("\n", lines)).doesNotContain("E+", "E-");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void numbersAreLocaleFreeAndPlain() {
        assertThat(SummaryWriter.num(1234567.891)).isEqualTo("1234568");
        assertThat(SummaryWriter.num(0.000123456789)).isEqualTo("0.0001234568");
        assertThat(SummaryWriter.num(2.5)).isEqualTo("2.5");
        assertThat(SummaryWriter.num(1e12)).isEqualTo("1000000000000");
        assertThat(SummaryWriter.num(Double.NaN)).isEmpty();
    }

    /** Minimal RFC 4180 field splitter (no embedded line breaks needed here). */
    static List<String> parse(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
