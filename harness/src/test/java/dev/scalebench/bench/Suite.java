package dev.scalebench.bench;

import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The benchmarks of the harness itself, as one command ({@code ./mvnw -q -Pjmh -pl harness -am verify
 * -DskipTests}):
 *
 * <ol>
 *   <li>the measured loop's overhead per iteration ({@link MeasurementOverheadBenchmark}; target: at most 15 ns
 *       over the two clock reads of the same run), and the generation loop's per recorded token (target: at most
 *       20 ns over one clock read of the same run);</li>
 *   <li>the cost of the loop's periodic stopping-rule check ({@link HistogramSnapshotBenchmark});</li>
 *   <li>a tiny DJL op timed by JMH and by the harness ({@link HarnessVsJmh}; target: within 3 %).</li>
 * </ol>
 *
 * <p>Arguments: {@code rounds=N} (default 5) sets the rounds of part 3; any other arguments are handed to JMH's
 * own command line instead ({@code -Djmh.args=FitterBenchmark} runs just that benchmark). Exit 0 when the
 * harness agrees with JMH, 1 when not.
 */
public final class Suite {
    private Suite() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = 5;
        if (args.length == 1 && args[0].startsWith("rounds=")) {
            rounds = Integer.parseInt(args[0].substring("rounds=".length()));
        } else if (args.length > 0) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        System.out.println("1. measurement overhead per iteration (target: trialLoop - twoClockReads <= 15 ns)");
        Collection<RunResult> overhead = jmh(MeasurementOverheadBenchmark.class);
        print(overhead);
        System.out.printf(Locale.ROOT, "  %-30s %12.3f ns/op%n", "trialLoop - twoClockReads",
                score(overhead, "trialLoop") - score(overhead, "twoClockReads"));
        System.out.printf(Locale.ROOT, "  %-30s %12.3f ns/token (target <= 20)%n", "generationLoop - oneClockRead",
                score(overhead, "generationLoop") - score(overhead, "oneClockRead"));
        System.out.println("2. the stopping rule's check, every 50 ms of the measured loop");
        print(jmh(HistogramSnapshotBenchmark.class));
        System.out.printf("3. %dx%d fp32 matMul through DJL on the CPU: JMH and the harness, %d rounds%n",
                MatMulSession.N, MatMulSession.N, rounds);
        Agreement a = HarnessVsJmh.run(rounds);
        System.out.print(a.describe());
        System.exit(a.agrees() ? 0 : 1);
    }

    private static Collection<RunResult> jmh(Class<?> benchmark) throws Exception {
        return new Runner(new OptionsBuilder().include(benchmark.getName() + "\\.").verbosity(VerboseMode.SILENT)
                .build()).run();
    }

    /** The score of the benchmark method {@code method} among {@code results}. */
    private static double score(Collection<RunResult> results, String method) {
        return results.stream().filter(r -> r.getParams().getBenchmark().endsWith("." + method)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no result for benchmark " + method))
                .getPrimaryResult().getScore();
    }

    private static void print(Collection<RunResult> results) {
        for (RunResult r : results) {
            Result<?> p = r.getPrimaryResult();
            String name = r.getParams().getBenchmark();
            System.out.printf(Locale.ROOT, "  %-30s %12.3f ± %.3f %s%n", name.substring(name.lastIndexOf('.') + 1),
                    p.getScore(), p.getScoreError(), p.getScoreUnit());
        }
    }
}
