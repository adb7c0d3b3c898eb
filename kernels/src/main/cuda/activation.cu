// Elementwise kernels: exact GELU, SwiGLU's silu(gate) * up, a plain add, and a bias broadcast over rows. Grid-stride loops over 16-byte
// vectors when every pointer is 16-byte aligned (a scalar tail covers n % V), else over scalars; any grid size
// is correct. fp32 arithmetic, one rounding on store.
#include "common.cuh"

using namespace sb;

namespace act_k {

// torch.nn.functional.gelu(approximate='none')
__device__ __forceinline__ float gelu(float v) { return 0.5f * v * (1.f + erff(v * 0.7071067811865476f)); }

__device__ __forceinline__ float silu(float v) { return v / (1.f + expf(-v)); }

// y = op(a) or op(a, b) over n elements; y may equal a or b.
template <typename T, bool BINARY, typename Op>
__device__ __forceinline__ void map(const T* a, const T* b, T* y, long long n, Op op) {
    constexpr int V = Vec16<T>::N;
    const long long stride = (long long)gridDim.x * blockDim.x;
    const long long i0 = (long long)blockIdx.x * blockDim.x + threadIdx.x;
    long long done = 0;
    if (aligned16(a) && aligned16(y) && (!BINARY || aligned16(b))) {
        const long long nv = n / V;
        for (long long q = i0; q < nv; q += stride) {
            float fa[V], fb[V];
            load_vec<T, V>(a + q * V, fa);
            if (BINARY) load_vec<T, V>(b + q * V, fb);
#pragma unroll
            for (int e = 0; e < V; ++e) fa[e] = op(fa[e], BINARY ? fb[e] : 0.f);
            store_vec<T, V>(y + q * V, fa);
        }
        done = nv * V;
    }
    for (long long i = done + i0; i < n; i += stride) y[i] = from_f<T>(op(to_f(a[i]), BINARY ? to_f(b[i]) : 0.f));
}

// y[r, j] = silu(gu[r, j]) * gu[r, dff + j]; blockIdx.y walks the rows, blockIdx.x the columns.
template <typename T>
__device__ __forceinline__ void silu_mul(const T* gu, T* y, int rows, int dff) {
    constexpr int V = Vec16<T>::N;
    const int stride = gridDim.x * blockDim.x, j0 = blockIdx.x * blockDim.x + threadIdx.x;
    const bool vec = dff % V == 0 && aligned16(gu) && aligned16(y);
    for (int r = blockIdx.y; r < rows; r += gridDim.y) {
        const T* g = gu + (long long)r * 2 * dff;
        const T* u = g + dff;
        T* o = y + (long long)r * dff;
        if (vec) {
            for (int q = j0; q < dff / V; q += stride) {
                float fg[V], fu[V];
                load_vec<T, V>(g + q * V, fg);
                load_vec<T, V>(u + q * V, fu);
#pragma unroll
                for (int e = 0; e < V; ++e) fg[e] = silu(fg[e]) * fu[e];
                store_vec<T, V>(o + q * V, fg);
            }
        } else {
            for (int j = j0; j < dff; j += stride) o[j] = from_f<T>(silu(to_f(g[j])) * to_f(u[j]));
        }
    }
}

// y[r, j] += bias[j] for j < cols, row r at y + r·ld_y (the Q/K/V biases of the fused projection); blockIdx.y
// walks the rows, blockIdx.x the columns.
template <typename T>
__device__ __forceinline__ void bias_add(T* y, const T* bias, int rows, int cols, int ld_y) {
    constexpr int V = Vec16<T>::N;
    const int stride = gridDim.x * blockDim.x, j0 = blockIdx.x * blockDim.x + threadIdx.x;
    const bool vec = cols % V == 0 && ld_y % V == 0 && aligned16(y) && aligned16(bias);
    for (int r = blockIdx.y; r < rows; r += gridDim.y) {
        T* o = y + (long long)r * ld_y;
        if (vec) {
            for (int q = j0; q < cols / V; q += stride) {
                float fo[V], fb[V];
                load_vec<T, V>(o + q * V, fo);
                load_vec<T, V>(bias + q * V, fb);
#pragma unroll
                for (int e = 0; e < V; ++e) fo[e] += fb[e];
                store_vec<T, V>(o + q * V, fo);
            }
        } else {
            for (int j = j0; j < cols; j += stride) o[j] = from_f<T>(to_f(o[j]) + to_f(bias[j]));
        }
    }
}

struct GeluOp {
    __device__ __forceinline__ float operator()(float a, float) const { return gelu(a); }
};
struct AddOp {
    __device__ __forceinline__ float operator()(float a, float b) const { return a + b; }
};

}  // namespace act_k

#define SB_ACT(DT, T)                                                                          \
    extern "C" __global__ void __launch_bounds__(256) gelu_##DT(const T* x, T* y, long long n) { \
        act_k::map<T, false>(x, x, y, n, act_k::GeluOp());                                     \
    }                                                                                          \
    extern "C" __global__ void __launch_bounds__(256) silu_mul_##DT(const T* gu, T* y, int rows, int dff) { \
        act_k::silu_mul<T>(gu, y, rows, dff);                                                  \
    }                                                                                          \
    extern "C" __global__ void __launch_bounds__(256) add_##DT(const T* a, const T* b, T* y, long long n) { \
        act_k::map<T, true>(a, b, y, n, act_k::AddOp());                                       \
    }                                                                                          \
    extern "C" __global__ void __launch_bounds__(256)                                          \
    bias_add_##DT(T* y, const T* bias, int rows, int cols, int ld_y) {                         \
        act_k::bias_add<T>(y, bias, rows, cols, ld_y);                                         \
    }

SB_ACT(f32, float)
SB_ACT(f16, f16)
SB_ACT(bf16, bf16)
