// Row softmax of scale * x with an optional causal mask; one block per row.
//
// Each thread keeps up to 16 elements of its row in registers, so a row of up to 16 * blockDim.x elements is
// read from memory once and written once (16-byte accesses when the row allows them). Longer rows take a
// streaming path: one pass for the running (max, sum), one to write. Masked elements (and all elements of a
// fully masked row) come out as 0, never NaN. y may equal x.
#include "common.cuh"

using namespace sb;

namespace softmax_k {

constexpr int EPT = 16;  // elements each thread keeps in registers

// Softmax of one row. sl2 = scale * log2(e); elements j >= lim are masked.
template <typename T, int V>
__device__ __forceinline__ void row(const T* x, T* y, int cols, float sl2, int lim, float* red) {
    constexpr int NV = EPT / V;
    const int tid = threadIdx.x, nt = blockDim.x, nvec = cols / V;
    if (cols <= EPT * nt) {
        float v[NV][V];
        float mx = neg_inf();
#pragma unroll
        for (int i = 0; i < NV; ++i) {
            const int q = i * nt + tid;
            if (q < nvec) {
                load_vec<T, V>(x + (long long)q * V, v[i]);
#pragma unroll
                for (int e = 0; e < V; ++e) {
                    v[i][e] = q * V + e < lim ? v[i][e] * sl2 : neg_inf();
                    mx = fmaxf(mx, v[i][e]);
                }
            } else {
#pragma unroll
                for (int e = 0; e < V; ++e) v[i][e] = neg_inf();
            }
        }
        mx = block_max(mx, red);
        const float ref = mx == neg_inf() ? 0.f : mx;  // fully masked row: every exp2 is 0
        float s = 0.f;
#pragma unroll
        for (int i = 0; i < NV; ++i)
#pragma unroll
            for (int e = 0; e < V; ++e) {
                v[i][e] = exp2f(v[i][e] - ref);
                s += v[i][e];
            }
        s = block_sum(s, red);
        const float inv = s > 0.f ? 1.f / s : 0.f;
#pragma unroll
        for (int i = 0; i < NV; ++i) {
            const int q = i * nt + tid;
            if (q < nvec) {
#pragma unroll
                for (int e = 0; e < V; ++e) v[i][e] *= inv;
                store_vec<T, V>(y + (long long)q * V, v[i]);
            }
        }
    } else {
        float m = neg_inf(), s = 0.f;
        for (int q = tid; q < nvec; q += nt) {
            float f[V];
            load_vec<T, V>(x + (long long)q * V, f);
#pragma unroll
            for (int e = 0; e < V; ++e) {
                const float a = f[e] * sl2;
                if (q * V + e >= lim || a == neg_inf()) continue;
                if (a > m) {
                    s = s * exp2f(m - a) + 1.f;
                    m = a;
                } else {
                    s += exp2f(a - m);
                }
            }
        }
        const float mx = block_max(m, red);
        const float s_all = block_sum(m == neg_inf() ? 0.f : s * exp2f(m - mx), red);
        const float ref = mx == neg_inf() ? 0.f : mx;
        const float inv = s_all > 0.f ? 1.f / s_all : 0.f;
        for (int q = tid; q < nvec; q += nt) {
            float f[V];
            load_vec<T, V>(x + (long long)q * V, f);
#pragma unroll
            for (int e = 0; e < V; ++e) f[e] = q * V + e < lim ? exp2f(f[e] * sl2 - ref) * inv : 0.f;
            store_vec<T, V>(y + (long long)q * V, f);
        }
    }
}

template <typename T>
__device__ __forceinline__ void run(const T* x, T* y, int rows, int cols, float scale, int causal_q) {
    __shared__ float red[32];
    const int r = blockIdx.x;
    if (r >= rows) return;
    int lim = cols;
    if (causal_q > 0) lim = min(cols, r % causal_q + cols - causal_q + 1);  // may be <= 0: all masked
    const long long off = (long long)r * cols;
    constexpr int V = Vec16<T>::N;
    const float sl2 = scale * SB_LOG2E;
    if (cols % V == 0 && aligned16(x) && aligned16(y))
        row<T, V>(x + off, y + off, cols, sl2, lim, red);
    else
        row<T, 1>(x + off, y + off, cols, sl2, lim, red);
}

}  // namespace softmax_k

extern "C" __global__ void __launch_bounds__(1024, 1)
softmax_rows_f32(const float* x, float* y, int rows, int cols, float scale, int causal_q) {
    softmax_k::run<float>(x, y, rows, cols, scale, causal_q);
}

extern "C" __global__ void __launch_bounds__(1024, 1)
softmax_rows_f16(const f16* x, f16* y, int rows, int cols, float scale, int causal_q) {
    softmax_k::run<f16>(x, y, rows, cols, scale, causal_q);
}

extern "C" __global__ void __launch_bounds__(1024, 1)
softmax_rows_bf16(const bf16* x, bf16* y, int rows, int cols, float scale, int causal_q) {
    softmax_k::run<bf16>(x, y, rows, cols, scale, causal_q);
}
