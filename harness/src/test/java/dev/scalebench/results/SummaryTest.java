package dev.scalebench.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.scalebench.backend.FailureKind;
import dev.scalebench.config.DType;
import dev.scalebench.config.ModelSpec;
import dev.scalebench.config.Phase;
import dev.scalebench.config.TorchScriptSpec;
import dev.scalebench.measure.Flag;
import dev.scalebench.measure.StopReason;
import dev.scalebench.plan.SweepPoint;
import dev.scalebench.plan.Work;
import dev.scalebench.stats.Interval;
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
        List<TrialResult> trials = List.of(Fixtures.ok(prefill.id(), 0, 0, h0, List.of(Flag.GC)),
                Fixtures.ok(prefill.id(), 1, 1, h1, List.of(Flag.NOT_STEADY, Flag.GC)));
        PointSummary s = Summary.compute(List.of(prefill), trials,
                Map.of(trials.get(0).trialId(), h0, trials.get(1).trialId(), h1)).get(0);
        // pooled: 1..1000 once each (values below 2048 are exact at 3 significant digits)
        assertThat(s.pooled().p50Ns()).isEqualTo(500);
        assertThat(s.pooled().p90Ns()).isEqualTo(900);
        assertThat(s.pooled().p95Ns()).isEqualTo(950);
        assertThat(s.pooled().p99Ns()).isEqualTo(990);
        assertThat(s.pooled().p999Ns()).isEqualTo(999);
        assertThat(s.pooled().maxNs()).isEqualTo(1000);
        assertThat(s.pooled().meanNs()).isCloseTo(500.5, within(1e-9));
        assertThat(s.trials().iterations()).isEqualTo(1000);
        assertThat(s.trials().ok()).isEqualTo(2);
        assertThat(s.flags()).extracting(Flag::id).containsExactly("gc", "not-steady");
        assertThat(s.status().id()).isEqualTo("ok");
        // the point's p50: per trial p50 499 and 500, their median; the bootstrap medians are 499, 499.5 and 500
        assertThat(s.figures().p50Ns().value()).isEqualTo(499.5);
        assertThat(s.figures().p50Ns().trials()).isEqualTo(2);
        assertThat(s.figures().p50Ns().ci95()).isEqualTo(new Interval(499, 500));
        assertThat(s.device().meanNs()).isNaN();
    }

    @Test
    void thePointsP50IsTheMedianOfTrialsNotOfPooledIterations() {
        // one trial with 1000 iterations at 1 us, two with 10 at 2 and 3 us: pooled, the first trial is the p50
        List<TrialResult> trials = new ArrayList<>();
        Map<String, Histogram> hists = new HashMap<>();
        long[][] trial = {{1000, 1000}, {2000, 10}, {3000, 10}};
        for (int r = 0; r < 3; r++) {
            Histogram h = Fixtures.constant(trial[r][0], (int) trial[r][1]);
            TrialResult t = Fixtures.ok(prefill.id(), r, r, h, List.of());
            trials.add(t);
            hists.put(t.trialId(), h);
        }
        PointSummary s = Summary.compute(List.of(prefill), trials, hists).get(0);
        assertThat(s.pooled().p50Ns()).isEqualTo(1000);
        assertThat(s.figures().p50Ns().value()).isEqualTo(2000);
        assertThat(s.figures().p99Ns().value()).isEqualTo(2000);
        assertThat(s.figures().seqPerS().value()).isEqualTo(4 * 1e9 / 2000);
    }

    @Test
    void throughputMediansAndIntervalsAcrossTrials() {
        // three trials with constant step times 1000, 1250, 1600 ns; batch 4, prefill seq 64
        long[] steps = {1000, 1250, 1600};
        List<TrialResult> trials = new ArrayList<>();
        Map<String, Histogram> hists = new HashMap<>();
        for (int r = 0; r < 3; r++) {
            Histogram h = Fixtures.constant(steps[r], 100 + r);
            TrialResult t = Fixtures.ok(prefill.id(), r, r, h, List.of());
            if (r == 1) {
                t = new TrialResult(t.trialId(), t.pointId(), r, r, t.status(), null, t.started(), t.ended(),
                        new TrialResult.Measured(new TrialResult.Warmup(1, 1, true), t.measured().iterations(), 1,
                                101 * 900L, new TrialResult.Gc(2, 5), StopReason.MIN_REACHED), List.of(Flag.GC));
            }
            trials.add(t);
            hists.put(t.trialId(), h);
        }
        PointSummary s = Summary.compute(List.of(prefill), trials, hists).get(0);
        // seq/s per trial: batch / mean step time = 4e6, 3.2e6, 2.5e6; their median. With three trials the
        // bootstrap median is the smallest or the largest in 7/27 of resamples each: the interval is their range.
        assertThat(s.figures().seqPerS().value()).isEqualTo(4 * 1e9 / 1250);
        assertThat(s.figures().seqPerS().ci95()).isEqualTo(new Interval(4 * 1e9 / 1600, 4 * 1e9 / 1000));
        assertThat(s.figures().tokensPerS().value()).isEqualTo(4 * 64 * 1e9 / 1250);
        assertThat(s.figures().tokensPerS().ci95().hi()).isCloseTo(64 * s.figures().seqPerS().ci95().hi(), within(1e-6));
        Work w = Work.of(Fixtures.TINY, Phase.PREFILL, 4, 64, 4);
        double gflop = w.flops() / 1250e-9 / 1e9;
        assertThat(s.figures().gflopPerS().value()).isCloseTo(gflop, within(gflop * 1e-12));
        assertThat(s.figures().gbytePerS().value()).isPositive();
        assertThat(s.figures().p99Ns().value()).isEqualTo(1250);
        assertThat(s.figures().p99Ns().ci95()).isEqualTo(new Interval(1000, 1600));
        assertThat(s.device().meanNs()).isCloseTo(900, within(1e-9));
        assertThat(s.trials().withGc()).isEqualTo(1);
    }

    @Test
    void decodeTokensAreSequencesAndSingleTrialHasNoInterval() {
        Histogram h = Fixtures.constant(2000, 10);
        TrialResult t = Fixtures.ok(decode.id(), 0, 0, h, List.of());
        PointSummary s = Summary.compute(List.of(decode), List.of(t), Map.of(t.trialId(), h)).get(0);
        assertThat(s.figures().seqPerS().value()).isCloseTo(8 / 2000e-9, within(1e-3));
        assertThat(s.figures().tokensPerS()).isEqualTo(s.figures().seqPerS());
        assertThat(s.figures().seqPerS().ci95().isDefined()).isFalse();
    }

    @Test
    void failedAndMissingPointsStillGetARow() {
        List<TrialResult> trials = List.of(
                Fixtures.failed(decode.id(), 0, 0, FailureKind.OUT_OF_MEMORY, "CUDA out of memory, tried 2 GB"),
                Fixtures.failed(decode.id(), 1, 1, FailureKind.OUT_OF_MEMORY, "CUDA out of memory, tried 2 GB"));
        List<PointSummary> rows = Summary.compute(List.of(prefill, decode, user), trials, Map.of());
        assertThat(rows).extracting(r -> r.status().id()).containsExactly("not-run", "failed", "not-run");
        PointSummary failed = rows.get(1);
        assertThat(failed.trials().failed()).isEqualTo(2);
        assertThat(failed.trials().ok()).isZero();
        assertThat(failed.reason()).isEqualTo("out-of-memory: CUDA out of memory, tried 2 GB");
        assertThat(failed.figures().p50Ns().value()).isNaN();
        assertThat(rows.get(2).point().params()).isEqualTo(-1);
    }

    @Test
    void csvParsesBackWithTheDocumentedHeader() throws Exception {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            Path dir = tmp.resolve("run");
            Histogram h = Fixtures.constant(1500, 40);
            try (RunStore store = RunStore.create(dir, Fixtures.manifest("run", List.of(prefill, decode, user), 1))) {
                store.append(Fixtures.ok(prefill.id(), 0, 0, h, List.of(Flag.GC, Flag.MAX_TIME)), h);
                store.append(Fixtures.failed(decode.id(), 0, 1, FailureKind.ENGINE_ERROR, "bad \"shape\", really"),
                        null);
                store.append(Fixtures.ok(user.id(), 0, 2, h, List.of()), h);
            }
            SummaryWriter.write(Run.read(dir));
            List<String> lines = Files.readAllLines(dir.resolve("summary.csv"));
            assertThat(lines).hasSize(4);
            assertThat(parse(lines.get(0))).isEqualTo(SummaryWriter.COLUMNS);
            assertThat(String.join(",", SummaryWriter.COLUMNS)).startsWith("schema,point_id,backend,device,model,"
                    + "params,dtype,phase,batch,seq,trials_ok,trials_failed,iterations,p50_ns,p50_ci_lo_ns,"
                    + "p50_ci_hi_ns,p99_ns,p99_ci_lo_ns,p99_ci_hi_ns,seq_per_s,");
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
            assertThat(ok.get("schema")).isEqualTo("2");
            assertThat(ok.get("point_id")).isEqualTo("gpt-1m/fp32/prefill/b4/s64");
            assertThat(ok.get("p50_ns")).isEqualTo("1500");
            assertThat(ok.get("pooled_p50_ns")).isEqualTo("1500");
            assertThat(ok.get("p50_ci_lo_ns")).isEmpty(); // one trial: no interval
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
