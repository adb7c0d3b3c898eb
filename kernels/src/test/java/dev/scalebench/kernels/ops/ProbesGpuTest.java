package dev.scalebench.kernels.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.kernels.Availability;
import dev.scalebench.kernels.Cuda;
import dev.scalebench.kernels.CudaContext;
import dev.scalebench.kernels.CudaStream;
import dev.scalebench.kernels.DeviceBuffer;
import dev.scalebench.kernels.EventTimer;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The probes run, compute what they should, and give rates in a plausible range for any current GPU. */
@Tag("gpu")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProbesGpuTest {
    private CudaContext ctx;
    private Probes probes;
    private CudaStream s;

    @BeforeAll
    void open() {
        Availability a = Cuda.availability();
        Assumptions.assumeTrue(a.available(), a.reason());
        ctx = CudaContext.open(0);
        probes = Probes.load(ctx);
        s = ctx.defaultStream();
        System.out.println(ctx.device().name() + ": " + probes.loadReport());
    }

    @AfterAll
    void close() {
        if (probes != null) {
            probes.close();
        }
        if (ctx != null) {
            ctx.close();
        }
    }

    /** The best (shortest) device time of {@code reps} runs, in seconds. */
    private double best(Runnable launch, int reps) {
        launch.run();                                  // warm-up
        double best = Double.MAX_VALUE;
        try (EventTimer timer = ctx.newTimer(s)) {
            for (int i = 0; i < reps; i++) {
                timer.start();
                launch.run();
                timer.stop();
                best = Math.min(best, timer.elapsedNanos() * 1e-9);
            }
        }
        return best;
    }

    @Test
    void streamingBandwidthIsBetween100GBAnd10TBPerSecond() {
        long n4 = 1L << 24;                              // 256 MiB per array: far beyond any L2
        int blocks = probes.defaultBlocks();
        try (DeviceBuffer a = ctx.allocate(16 * n4); DeviceBuffer b = ctx.allocate(16 * n4);
             DeviceBuffer c = ctx.allocate(16 * n4)) {
            float[] head = new float[1024];
            for (int i = 0; i < head.length; i++) {
                head[i] = i;
            }
            a.copyFrom(head);
            b.copyFrom(head);
            double copy = Probes.copyBytes(n4) / best(() -> probes.copy(s, a.pointer(), c.pointer(), n4, blocks), 5);
            float[] got = new float[1024];
            c.copyTo(got);
            assertThat(got[0] == 0 && got[1023] == 1023 && got[500] == 500).as("copied: %s %s %s", got[0], got[500],
                    got[1023]).isTrue();
            double triad = Probes.triadBytes(n4)
                    / best(() -> probes.triad(s, a.pointer(), b.pointer(), c.pointer(), 2f, n4, blocks), 5);
            c.copyTo(got);
            assertThat(got[10]).isEqualTo(30f);
            System.out.printf(Locale.ROOT, "copy %.0f GB/s, triad %.0f GB/s (theoretical %.0f GB/s)%n", copy / 1e9,
                    triad / 1e9, ctx.device().theoreticalBandwidth() / 1e9);
            assertThat(copy).isBetween(100e9, 10e12);
            assertThat(triad).isBetween(100e9, 10e12);
        }
    }

    @Test
    void fmaPeakIsPlausibleAndEveryThreadStores() {
        int blocks = probes.defaultBlocks();
        int iters = 4096;
        try (DeviceBuffer out = ctx.allocate(Probes.outBytes(blocks))) {
            double rate = Probes.fmaFlops(blocks, iters) / best(() -> probes.fma(s, out.pointer(), blocks, iters), 3);
            float[] v = new float[blocks * Probes.THREADS];
            out.copyTo(v);
            for (float x : v) {
                assertThat(x).isFinite().isPositive();
            }
            assertThat(v[0]).isEqualTo(v[32]);          // same lane, same chains
            System.out.printf(Locale.ROOT, "fp32 FMA %.1f TFLOP/s%n", rate / 1e12);
            assertThat(rate).isBetween(1e12, 300e12);
        }
    }

    @Test
    void mmaPeaksArePlausibleAndExact() {
        int blocks = probes.defaultBlocks();
        int iters = 4096;
        for (Probes.Mma type : Probes.Mma.values()) {
            try (DeviceBuffer out = ctx.allocate(Probes.outBytes(blocks))) {
                double rate = Probes.mmaFlops(type, blocks, iters)
                        / best(() -> probes.mma(s, type, out.pointer(), blocks, iters), 3);
                float[] v = new float[blocks * Probes.THREADS];
                out.copyTo(v);
                GpuFixture.assertAll(type.name(), v, (float) type.expectedOutput(iters));
                System.out.printf(Locale.ROOT, "mma %s %.0f TFLOP/s%n", type, rate / 1e12);
                assertThat(rate).as(type.name()).isBetween(10e12, 3000e12);
            }
        }
    }

    @Test
    void countsFollowTheKernels() {
        assertThat(Probes.copyBytes(1)).isEqualTo(32);
        assertThat(Probes.fmaFlops(1, 1)).isEqualTo(256L * 512);
        assertThat(Probes.mmaFlops(Probes.Mma.BF16, 1, 1)).isEqualTo(8L * 8 * 4096);
        assertThat(Probes.mmaFlops(Probes.Mma.TF32, 1, 1)).isEqualTo(8L * 8 * 2048);
    }
}
