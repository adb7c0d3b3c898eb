// LayerNorm and RMSNorm over the last dimension; one block per row.
//
// As in softmax.cu, a row of up to 16 * blockDim.x elements stays in registers: one read, one write, and the
// variance is the exact two-pass sum of (x - mean)^2 over the registers. Longer rows re-read x (three passes for
// LayerNorm, two for RMSNorm). Statistics in fp32; biased variance, as PyTorch.
#include "common.cuh"

using namespace sb;

namespace norm_k {

constexpr int EPT = 16;  // elements each thread keeps in registers

// Normalises V elements (column block q) in place and stores them: f = (f - mean) * rstd * w + b.
template <typename T, int V, bool RMS>
__device__ __forceinline__ void finish(int q, float* f, float mean, float rstd, const T* w, const T* b, T* y) {
    float wf[V];
    load_vec<T, V>(w + (long long)q * V, wf);
    if (!RMS && b != nullptr) {
        float bf[V];
        load_vec<T, V>(b + (long long)q * V, bf);
#pragma unroll
        for (int e = 0; e < V; ++e) f[e] = fmaf((f[e] - mean) * rstd, wf[e], bf[e]);
    } else {
#pragma unroll
        for (int e = 0; e < V; ++e) f[e] = (f[e] - mean) * rstd * wf[e];
    }
    store_vec<T, V>(y + (long long)q * V, f);
}

// y = (x - mean) * rstd * w + b   (RMS: y = x * rstd * w, no mean, no bias). b may be null.
template <typename T, int V, bool RMS>
__device__ __forceinline__ void row(const T* x, const T* w, const T* b, T* y, int cols, float eps, float* red) {
    constexpr int NV = EPT / V;
    const int tid = threadIdx.x, nt = blockDim.x, nvec = cols / V;
    const float inv_n = 1.f / (float)cols;
    if (cols <= EPT * nt) {
        float v[NV][V];
        float s = 0.f;
#pragma unroll
        for (int i = 0; i < NV; ++i) {
            const int q = i * nt + tid;
            if (q < nvec) {
                load_vec<T, V>(x + (long long)q * V, v[i]);
            } else {
#pragma unroll
                for (int e = 0; e < V; ++e) v[i][e] = 0.f;
            }
#pragma unroll
            for (int e = 0; e < V; ++e) s += RMS ? v[i][e] * v[i][e] : v[i][e];
        }
        s = block_sum(s, red);
        float mean = 0.f, var;
        if (RMS) {
            var = s * inv_n;
        } else {
            mean = s * inv_n;
            float d2 = 0.f;
#pragma unroll
            for (int i = 0; i < NV; ++i) {
                if (i * nt + tid < nvec) {
#pragma unroll
                    for (int e = 0; e < V; ++e) d2 += (v[i][e] - mean) * (v[i][e] - mean);
                }
            }
            var = block_sum(d2, red) * inv_n;
        }
        const float rstd = rsqrtf(var + eps);
#pragma unroll
        for (int i = 0; i < NV; ++i) {
            const int q = i * nt + tid;
            if (q < nvec) finish<T, V, RMS>(q, v[i], mean, rstd, w, b, y);
        }
    } else {
        float s = 0.f;
        for (int q = tid; q < nvec; q += nt) {
            float f[V];
            load_vec<T, V>(x + (long long)q * V, f);
#pragma unroll
            for (int e = 0; e < V; ++e) s += RMS ? f[e] * f[e] : f[e];
        }
        s = block_sum(s, red);
        float mean = 0.f, var;
        if (RMS) {
            var = s * inv_n;
        } else {
            mean = s * inv_n;
            float d2 = 0.f;
            for (int q = tid; q < nvec; q += nt) {
                float f[V];
                load_vec<T, V>(x + (long long)q * V, f);
#pragma unroll
                for (int e = 0; e < V; ++e) d2 += (f[e] - mean) * (f[e] - mean);
            }
            var = block_sum(d2, red) * inv_n;
        }
        const float rstd = rsqrtf(var + eps);
        for (int q = tid; q < nvec; q += nt) {
            float f[V];
            load_vec<T, V>(x + (long long)q * V, f);
            finish<T, V, RMS>(q, f, mean, rstd, w, b, y);
        }
    }
}

template <typename T, bool RMS>
__device__ __forceinline__ void run(const T* x, const T* w, const T* b, T* y, int rows, int cols, int ld_x,
                                    float eps) {
    __shared__ float red[32];
    const int r = blockIdx.x;
    if (r >= rows) return;
    constexpr int V = Vec16<T>::N;
    const T* xr = x + (long long)r * ld_x;
    T* yr = y + (long long)r * cols;
    const bool vec = cols % V == 0 && ld_x % V == 0 && aligned16(x) && aligned16(w) && aligned16(y) &&
                     (b == nullptr || aligned16(b));
    if (vec)
        row<T, V, RMS>(xr, w, b, yr, cols, eps, red);
    else
        row<T, 1, RMS>(xr, w, b, yr, cols, eps, red);
}

}  // namespace norm_k

#define SB_NORM(DT, T)                                                                                          \
    extern "C" __global__ void __launch_bounds__(1024, 1)                                                          \
    layernorm_##DT(const T* x, const T* weight, const T* bias, T* y, int rows, int cols, int ld_x, float eps) { \
        norm_k::run<T, false>(x, weight, bias, y, rows, cols, ld_x, eps);                                       \
    }                                                                                                           \
    extern "C" __global__ void __launch_bounds__(1024, 1)                                                          \
    rmsnorm_##DT(const T* x, const T* weight, T* y, int rows, int cols, int ld_x, float eps) {                 \
        norm_k::run<T, true>(x, weight, nullptr, y, rows, cols, ld_x, eps);                                     \
    }

SB_NORM(f32, float)
SB_NORM(f16, f16)
SB_NORM(bf16, bf16)
