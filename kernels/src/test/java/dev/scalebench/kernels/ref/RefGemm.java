package dev.scalebench.kernels.ref;

import dev.scalebench.kernels.ops.HalfFloats;
import dev.scalebench.kernels.ops.KernelDType;

/**
 * {@code gemm_nt_<dt>(A, B, C, M, N, K, lda, ldb, ldc, alpha, beta)}: {@code C[M,N] = alpha·A[M,K]·B[N,K]ᵀ +
 * beta·C}, row-major with leading dimensions; {@code beta = 0} never reads {@code C}.
 */
public final class RefGemm {
    private RefGemm() {
    }

    /**
     * The whole buffer {@code c} after the kernel: elements of the {@code M×N} region replaced, others (the padding
     * between {@code N} and {@code ldc}) unchanged.
     */
    public static Expected nt(KernelDType t, float[] a, float[] b, float[] c, int m, int n, int k, int lda, int ldb,
                              int ldc, float alpha, float beta) {
        float[] out = c.clone();
        double[] scale = new double[c.length];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double acc = 0;
                double mag = 0;
                for (int p = 0; p < k; p++) {
                    double prod = (double) a[i * lda + p] * b[j * ldb + p];
                    acc += prod;
                    mag += Math.abs(prod);
                }
                double v = alpha * acc;
                double s = Math.abs(alpha) * mag;
                if (beta != 0) {
                    double old = c[i * ldc + j];
                    v += beta * old;
                    s += Math.abs(beta * old);
                }
                out[i * ldc + j] = HalfFloats.round(t, (float) v);
                scale[i * ldc + j] = s;
            }
        }
        return new Expected(out, scale);
    }
}
