// Token embedding gather: y[t, :] = table[ids[t], :]. One warp per token (8 per 256-thread block), 16-byte
// copies when hidden and the pointers allow them. ids must lie in [0, vocab): the kernel cannot check them.
#include "common.cuh"

using namespace sb;

namespace emb_k {

template <typename T>
__device__ __forceinline__ void run(const int* __restrict__ ids, const T* __restrict__ table, T* __restrict__ y,
                                    int tokens, int hidden) {
    constexpr int V = Vec16<T>::N;
    const int lane = threadIdx.x & 31;
    const int t = blockIdx.x * (blockDim.x >> 5) + (threadIdx.x >> 5);
    if (t >= tokens) return;
    const T* src = table + (long long)ids[t] * hidden;
    T* dst = y + (long long)t * hidden;
    if (hidden % V == 0 && aligned16(table) && aligned16(y)) {
        const uint4* s = reinterpret_cast<const uint4*>(src);
        uint4* d = reinterpret_cast<uint4*>(dst);
        const int nv = hidden / V;
        for (int q0 = lane; q0 < nv; q0 += 4 * 32) {  // four loads in flight before the first store
            uint4 v[4];
#pragma unroll
            for (int u = 0; u < 4; ++u)
                if (q0 + 32 * u < nv) v[u] = s[q0 + 32 * u];
#pragma unroll
            for (int u = 0; u < 4; ++u)
                if (q0 + 32 * u < nv) d[q0 + 32 * u] = v[u];
        }
    } else {
        for (int j = lane; j < hidden; j += 32) dst[j] = src[j];
    }
}

}  // namespace emb_k

#define SB_EMB(DT, T)                                                                                    \
    extern "C" __global__ void __launch_bounds__(256)                                                    \
    embedding_##DT(const int* ids, const T* table, T* y, int tokens, int hidden) {                       \
        emb_k::run<T>(ids, table, y, tokens, hidden);                                                    \
    }

SB_EMB(f32, float)
SB_EMB(f16, f16)
SB_EMB(bf16, bf16)
