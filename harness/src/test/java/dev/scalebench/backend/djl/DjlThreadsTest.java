package dev.scalebench.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.backend.Backend;
import dev.scalebench.backend.Session;
import dev.scalebench.config.DType;
import dev.scalebench.config.ModelConfig;
import dev.scalebench.config.Phase;
import dev.scalebench.plan.SweepPoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The DJL backend sets libtorch's intra-op threads from the sweep's {@code threads:} and reports the counts in force
 * (and the OpenMP/MKL variables) as fingerprint facts; the slow test measures what oversubscription costs here.
 */
class DjlThreadsTest {

    @Test
    void theIntraOpCountIsSetAndTheCountsInForceAreFacts() {
        try (Backend backend = new DjlBackendProvider().open("cpu", 1)) {
            Map<String, String> one = backend.applyThreads(1, 1);
            assertThat(one).containsEntry("threads.intra", "1").containsKeys("threads.inter", "env.OMP_NUM_THREADS",
                    "env.MKL_NUM_THREADS");
            assertThat(backend.fingerprint()).containsEntry("threads.intra", "1");
            Map<String, String> three = backend.applyThreads(3, 1);
            assertThat(three).containsEntry("threads.intra", "3");
            assertThat(backend.fingerprint()).containsEntry("threads.intra", "3")
                    .containsEntry("threads.inter", three.get("threads.inter"));
        }
    }

    /**
     * Oversubscription on this machine, one command, both settings in one run: a prefill step of a small decoder
     * with intra-op threads = the CPUs available and = 4 × that, alternating in blocks (so drift hits both alike);
     * prints the medians and their ratio. {@code ./mvnw -o -Pslow -Dkernels.skip=true -pl harness -am test
     * -Dtest='DjlThreadsTest#oversubscription'} — the result is in docs/measurement.md, "Threads".
     */
    @Test
    @Tag("slow")
    void oversubscription() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        ModelConfig m = new ModelConfig("threads-probe", 2, 256, 8, 8, 1024, 2048, false);
        SweepPoint p = DjlTestSupport.point(m, DType.FP32, Phase.PREFILL, 4, 128);
        int[] settings = {cores, 4 * cores};
        List<List<Long>> times = List.of(new ArrayList<>(), new ArrayList<>());
        try (Backend backend = new DjlBackendProvider().open("cpu", 1); Session s = backend.open(p)) {
            for (int block = 0; block < 10; block++) {
                for (int k = 0; k < 2; k++) {
                    int which = (block % 2 == 0) ? k : 1 - k;
                    backend.applyThreads(settings[which], 1);
                    for (int i = 0; i < 5; i++) {
                        s.step(); // warm the pool at this size
                    }
                    for (int i = 0; i < 20; i++) {
                        long t0 = System.nanoTime();
                        s.step();
                        times.get(which).add(System.nanoTime() - t0);
                    }
                }
            }
        }
        double[] med = times.stream().mapToDouble(DjlThreadsTest::median).toArray();
        System.out.printf("oversubscription: %d CPUs; intra-op %d: median %.3f ms; intra-op %d: median %.3f ms;"
                + " ratio %.2f%n", cores, settings[0], med[0] / 1e6, settings[1], med[1] / 1e6, med[1] / med[0]);
        assertThat(med[0]).isPositive();
        assertThat(med[1]).isPositive();
    }

    private static double median(List<Long> xs) {
        long[] a = xs.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(a);
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2.0;
    }
}
