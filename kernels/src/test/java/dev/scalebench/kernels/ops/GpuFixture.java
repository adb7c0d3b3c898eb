package dev.scalebench.kernels.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.kernels.Availability;
import dev.scalebench.kernels.Cuda;
import dev.scalebench.kernels.CudaContext;
import dev.scalebench.kernels.CudaStream;
import dev.scalebench.kernels.DeviceBuffer;
import dev.scalebench.kernels.ref.Compare;
import dev.scalebench.kernels.ref.Expected;
import dev.scalebench.kernels.ref.Tolerance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * GPU 0 with every kernel loaded, for the {@code gpu}-tagged tests; they skip with the reason CUDA is unavailable.
 * Helpers move host arrays of a {@link KernelDType} to and from the device and compare with a reference.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GpuFixture {
    CudaContext ctx;
    Kernels k;
    CudaStream s;

    @BeforeAll
    void open() {
        Availability a = Cuda.availability();
        Assumptions.assumeTrue(a.available(), a.reason());
        ctx = CudaContext.open(0);
        k = Kernels.load(ctx);
        s = ctx.defaultStream();
        System.out.println(ctx.device().name() + " " + ctx.device().arch() + ": " + k.loadReport());
    }

    @AfterAll
    void close() {
        if (k != null) {
            k.close();
        }
        if (ctx != null) {
            ctx.close();
        }
    }

    /** A device buffer holding {@code values} as {@code t} (at least 16 bytes). */
    DeviceBuffer upload(KernelDType t, float[] values) {
        DeviceBuffer b = ctx.allocate(Math.max(16, t.bytes(values.length)));
        write(b, t, values);
        return b;
    }

    /** Copies {@code values} into {@code b} as {@code t}. */
    static void write(DeviceBuffer b, KernelDType t, float[] values) {
        t.write(b, values);
    }

    DeviceBuffer upload(int[] values) {
        DeviceBuffer b = ctx.allocate(Math.max(16, 4L * values.length));
        b.copyFrom(values);
        return b;
    }

    /** The first {@code n} elements of {@code b} as {@code t}, after the stream has finished. */
    float[] download(DeviceBuffer b, KernelDType t, int n) {
        s.synchronize();
        return t.read(b, n);
    }

    /** Asserts every element equals {@code want}, reporting how many do not and the first (not the whole array). */
    static void assertAll(String label, float[] got, float want) {
        int bad = 0;
        int first = -1;
        for (int i = 0; i < got.length; i++) {
            if (Float.compare(got[i], want) != 0) {
                bad++;
                first = first < 0 ? i : first;
            }
        }
        assertThat(bad).as("%s: %d of %d elements differ from %s, first [%d] = %s", label, bad, got.length, want,
                first, first < 0 ? "" : got[first]).isZero();
    }

    /** Compares, prints the comparison (max abs and rel errors), and fails with it when beyond the tolerance. */
    static Compare check(String label, float[] got, Expected want, Tolerance tol) {
        Compare c = Compare.of(label, got, want, tol);
        System.out.println(c);
        assertThat(c.passed()).as(c.toString()).isTrue();
        return c;
    }
}
