package dev.scalebench.kernels.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.kernels.CudaStream;
import dev.scalebench.kernels.DeviceBuffer;
import dev.scalebench.kernels.Dim3;
import dev.scalebench.kernels.TestStreams;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jcuda.driver.CUdeviceptr;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Without a GPU: every launch {@link Kernels} and {@link Probes} make, recorded, agrees with the compiled kernel's
 * PTX entry (the kernel exists, the arguments match its parameters in number, width and kind, the block respects
 * its {@code __launch_bounds__}), and the grid respects CUDA's limits. Skipped when the build had no {@code nvcc}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KernelAbiTest {
    private final Map<String, PtxEntries.Entry> entries = new HashMap<>();
    private final List<Launch> launches = new ArrayList<>();
    private final Set<String> zeroed = new LinkedHashSet<>();

    private record Launch(String kernel, Dim3 grid, Dim3 block, int shared, Object[] args) { }

    private final Launcher recorder = new Launcher() {
        @Override
        public void launch(String kernel, Dim3 grid, Dim3 block, int sharedBytes, CudaStream stream, Object... args) {
            launches.add(new Launch(kernel, grid, block, sharedBytes, args.clone()));
        }

        @Override
        public void zeroInts(CUdeviceptr p, int count, CudaStream stream) {
            zeroed.add(count + " words");
        }
    };

    @BeforeAll
    void readPtx() {
        List<String> modules = new ArrayList<>(Kernels.MODULES);
        modules.add("probes");
        for (String m : modules) {
            Optional<String> ptx = PtxEntries.text(m);
            Assumptions.assumeTrue(ptx.isPresent(), m + ".ptx was not built (no nvcc at build time)");
            entries.putAll(PtxEntries.parse(ptx.get()));
        }
    }

    @Test
    void everyKernelTheWrappersUseIsCompiled() {
        Kernels.kernelModules().keySet().forEach(k -> assertThat(entries).as(k).containsKey(k));
        for (Probes.Mma t : Probes.Mma.values()) {
            assertThat(entries).containsKey("probe_mma_" + t.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    @Test
    void everyLaunchMatchesItsEntry() {
        CudaStream s = TestStreams.detached();
        CUdeviceptr p = new CUdeviceptr();
        for (int sms : new int[] {1, 132}) {
            Kernels k = Kernels.with(recorder, sms);
            for (KernelDType t : KernelDType.values()) {
                k.gemmNt(s, t, p, p, p, 300, 200, 64, 64, 64, 200, 1f, 1f);
                k.gemmNt(s, t, p, p, p, 2, 256, 1024, 1024, 1024, 256, 1f, 0f, p); // split over K on 132 SMs
                k.softmaxRows(s, t, p, p, 7, 30000, 0.5f, 3);
                k.softmaxRows(s, t, p, p, 7, 100, 0.5f, 0);
                k.layerNorm(s, t, p, p, null, p, 5, 4096, 8192, 1e-5f);
                k.rmsNorm(s, t, p, p, p, 5, 40000, 40000, 1e-5f);
                k.gelu(s, t, p, p, 10_000_000L);
                k.add(s, t, p, p, p, 17);
                k.siluMul(s, t, p, p, 100_000, 11008);
                k.embedding(s, t, p, p, p, 1000, 4096);
                for (int d : Kernels.HEAD_DIMS) {
                    int ld = (32 + 2 * 8) * d;
                    k.attentionPrefill(s, t, p, p, 3, 1000, 32, 8, d, ld, 32 * d, 0.1f, true);
                    k.attentionDecode(s, t, p, p, p, p, p, 2, 32, 8, d, ld, 32 * d, 3000, 4096, 0.1f);
                    k.attentionDecode(s, t, p, p, p, p, null, 300, 32, 8, d, ld, 32 * d, 3000, 4096, 0.1f);
                }
                k.kvAppend(s, t, p, p, p, 4, 32, 8, 128, 48 * 128, 5, 100);
                k.kvAppend(s, t, p, p, p, 4, 4096, 32, 8, 128, 48 * 128, 0, 4224);   // a generation's prompt
                k.rope(s, t, p, p, 4224, 4, 4096, 32, 8, 128, 48 * 128, 0);
                k.rope(s, t, p, p, 4224, 300, 1, 32, 8, 128, 48 * 128, 4100);
                k.biasAdd(s, t, p, p, 1000, 48 * 128, 48 * 128);
                k.fillNormal(s, t, p, 1L << 33, 1, 0.02f);
                k.fillConst(s, t, p, 5, 1f);
            }
            k.fillIds(s, p, 100, 1, 50257);
            Probes probes = Probes.with(recorder, sms);
            probes.copy(s, p, p, 1L << 24, probes.defaultBlocks());
            probes.triad(s, p, p, p, 2f, 1L << 24, probes.defaultBlocks());
            probes.fma(s, p, probes.defaultBlocks(), 100);
            for (Probes.Mma m : Probes.Mma.values()) {
                probes.mma(s, m, p, probes.defaultBlocks(), 100);
            }
        }
        assertThat(zeroed).as("split decode zeroes its counters").isNotEmpty();
        Set<String> seen = new LinkedHashSet<>();
        for (Launch l : launches) {
            PtxEntries.Entry e = entries.get(l.kernel());
            assertThat(e).as(l.kernel()).isNotNull();
            assertThat(l.args()).as(l.kernel() + " argument count").hasSize(e.params().size());
            for (int i = 0; i < l.args().length; i++) {
                assertThat(kind(l.args()[i])).as("%s argument %d", l.kernel(), i).isEqualTo(kind(e.params().get(i)));
            }
            long threads = (long) l.block().x() * l.block().y() * l.block().z();
            assertThat(threads).as(l.kernel() + " block").isBetween(32L, 1024L);
            assertThat(threads % 32).as(l.kernel() + " whole warps").isZero();
            if (e.maxThreads() > 0) {
                assertThat(threads).as(l.kernel() + " within __launch_bounds__").isLessThanOrEqualTo(e.maxThreads());
            }
            assertThat(l.grid().x()).as(l.kernel() + " grid x").isBetween(1, Integer.MAX_VALUE);
            assertThat(l.grid().y()).as(l.kernel() + " grid y").isBetween(1, 65535);
            assertThat(l.grid().z()).as(l.kernel() + " grid z").isBetween(1, 65535);
            assertThat(l.shared()).as(l.kernel() + " dynamic shared").isBetween(0, 227 * 1024);
            seen.add(l.kernel());
        }
        Set<String> all = new LinkedHashSet<>(Kernels.kernelModules().keySet());
        all.removeAll(seen);
        assertThat(all).as("kernels never launched by this test").isEmpty();
    }

    /** A launch argument's kind as the driver passes it: a 64-bit pointer, a 64-bit integer, int or float. */
    private static String kind(Object arg) {
        if (arg == null || arg instanceof CUdeviceptr || arg instanceof DeviceBuffer) {
            return "b64";
        } else if (arg instanceof Long) {
            return "b64";
        } else if (arg instanceof Integer) {
            return "b32";
        } else if (arg instanceof Float) {
            return "f32";
        }
        return "unsupported " + arg.getClass().getName();
    }

    /** A PTX parameter type's kind: any 64-bit integer (pointer or {@code long long}), 32-bit integer, f32. */
    private static String kind(String ptxType) {
        switch (ptxType) {
            case "u64": case "s64": case "b64": return "b64";
            case "u32": case "s32": case "b32": return "b32";
            case "f32": return "f32";
            default: return "ptx " + ptxType;
        }
    }
}
