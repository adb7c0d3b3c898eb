package dev.scalebench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.scalebench.analysis.Dataset;
import dev.scalebench.analysis.PointKey;
import dev.scalebench.analysis.Sample;
import dev.scalebench.analysis.fit.EnergyFit;
import dev.scalebench.analysis.fit.FitOptions;
import dev.scalebench.analysis.pipeline.Analysis;
import dev.scalebench.analysis.pipeline.Analyzer;
import dev.scalebench.measure.EnergySource;
import dev.scalebench.results.EnergyValues;
import dev.scalebench.results.TrialMetric;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code fits.json} with energy readings: each point's energy figures ({@code energy}: median J/token, J/step and
 * power with intervals, read back) and {@code energyFits}, energy per token against batch as a power law whose
 * exponent and coefficient are recovered from data made with them; without readings neither appears.
 */
class EnergyFitsTest {

    static final double[] JITTER = {0.99, 1.0, 1.01};

    /** Prefill at seq 64 over batch 1, 2, 4, 8, 3 trials each; J/token = 1e-3·b^−0.8 (× jitter) when energy. */
    static Dataset data(boolean energy) {
        List<Sample> samples = new ArrayList<>();
        for (int b : new int[] {1, 2, 4, 8}) {
            PointKey k = new PointKey("gpt-1m", "fp32", "prefill", 1_000_000, b, 64);
            int r = 0;
            for (double j : JITTER) {
                double ns = 1e6 * (1 + 0.1 * b) * j;
                long tokens = 64L * b;
                double jpt = 1e-3 * Math.pow(b, -0.8) * j;
                EnergyValues e = energy ? new EnergyValues(EnergySource.NVML, jpt * 100 * tokens,
                        jpt * tokens / (ns * 1e-9), 100, tokens) : null;
                samples.add(new Sample(k, Integer.toString(r++), ns, 1.3 * ns, 1.05 * ns, Double.NaN, List.of(), null,
                        e));
            }
        }
        return new Dataset("fixture", "Test GPU", samples, Map.of(), List.of());
    }

    static Analysis analysis(boolean energy) {
        return new Analyzer(FitOptions.DEFAULTS.withBootstrap(200), TrialMetric.P50).analyze(data(energy), null);
    }

    @Test
    void energyPerTokenOverBatchIsFittedAsAPowerLaw() {
        Analysis a = analysis(true);
        assertThat(a.points().get(0).energy().joulesPerToken().value()).isCloseTo(1e-3, within(1e-15));
        assertThat(a.points().get(3).energy().joulesPerToken().ci95().lo()).isCloseTo(0.99e-3 * Math.pow(8, -0.8),
                within(1e-12));
        List<EnergyFit> fits = EnergyFit.fit(a.points());
        assertThat(fits).extracting(EnergyFit::series)
                .containsExactly("batch:gpt-1m/fp32/prefill/s64/joules_per_token");
        EnergyFit f = fits.get(0);
        assertThat(f.exponent()).isCloseTo(-0.8, within(1e-9));
        assertThat(f.coefficientJ()).isCloseTo(1e-3, within(1e-12));
        assertThat(f.at(4)).isCloseTo(1e-3 * Math.pow(4, -0.8), within(1e-12));
        assertThat(f.maxAbsRelResidual()).isLessThan(1e-9);

        String json = FitsJson.toJson(a);
        assertThat(json).contains("\"energyFits\"", "\"series\": \"batch:gpt-1m/fp32/prefill/s64/joules_per_token\"",
                "\"exponent\": -0.8,", "\"joulesPerToken\": 0.001,", "\"joulesPerTokenCi\": [0.00099, 0.00101]");
        Analysis back = FitsJson.fromJson(json, "fits.json");
        assertThat(back.points().get(2).energy().joulesPerToken().value())
                .isCloseTo(a.points().get(2).energy().joulesPerToken().value(), within(1e-9));
        assertThat(back.points().get(2).energy().powerW().ci95().hi())
                .isCloseTo(a.points().get(2).energy().powerW().ci95().hi(), within(1e-3));
        String again = FitsJson.toJson(back);
        assertThat(again.substring(0, again.indexOf("\"energyFits\""))).as("points read back as written")
                .isEqualTo(json.substring(0, json.indexOf("\"energyFits\"")));
        assertThat(EnergyFit.fit(back.points()).get(0).exponent()).as("refitted from the rounded medians")
                .isCloseTo(-0.8, within(1e-5));
    }

    @Test
    void withoutReadingsNothingOfEnergyIsWritten() {
        Analysis a = analysis(false);
        assertThat(a.points()).allMatch(p -> p.energy() == null);
        assertThat(FitsJson.toJson(a)).doesNotContain("energy", "joules");
    }
}
