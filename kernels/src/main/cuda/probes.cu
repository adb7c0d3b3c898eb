// Ceiling probes: streaming bandwidth (copy, triad) and arithmetic peaks (fp32 FMA on CUDA cores; f16, bf16 and
// tf32 mma.sync on tensor cores). Every arithmetic probe keeps its operands in registers, starts from values the
// compiler cannot know (thread index, iteration count), and stores one float per thread, so nothing is folded
// away; the stored values are deterministic, which lets a self-check verify them.
#include "common.cuh"

using namespace sb;

// c[i] = a[i] over n4 float4 elements (grid-stride). a and c are 16-byte aligned.
extern "C" __global__ void __launch_bounds__(256) probe_copy_f32(const float4* __restrict__ a, float4* __restrict__ c,
                                                                 long long n4) {
    const long long stride = (long long)gridDim.x * blockDim.x;
    for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < n4; i += stride) c[i] = a[i];
}

// c[i] = a[i] + s * b[i] over n4 float4 elements (grid-stride).
extern "C" __global__ void __launch_bounds__(256) probe_triad_f32(const float4* __restrict__ a,
                                                                  const float4* __restrict__ b,
                                                                  float4* __restrict__ c, float s, long long n4) {
    const long long stride = (long long)gridDim.x * blockDim.x;
    for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < n4; i += stride) {
        const float4 x = a[i], y = b[i];
        c[i] = make_float4(fmaf(s, y.x, x.x), fmaf(s, y.y, x.y), fmaf(s, y.z, x.z), fmaf(s, y.w, x.w));
    }
}

#define SB_FMA_CHAINS 8
#define SB_FMA_ROUNDS 32

// Eight independent chains x = x * k + 1 (k just below 1, so x stays bounded), 32 rounds per iteration:
// 8 * 32 * iters FMAs = 512 * iters FLOP per thread. out[global thread] = sum of the chains.
extern "C" __global__ void __launch_bounds__(256) probe_fma_f32(float* out, int iters) {
    const unsigned gid = blockIdx.x * blockDim.x + threadIdx.x;
    const float k = __uint_as_float(0x3f7ffff0u - (threadIdx.x & 15u));  // 0.99999905 .. 0.99999994
    float x[SB_FMA_CHAINS];
#pragma unroll
    for (int i = 0; i < SB_FMA_CHAINS; ++i) x[i] = (float)((threadIdx.x & 31u) + (unsigned)i) * 0.25f;
    for (int it = 0; it < iters; ++it) {
#pragma unroll
        for (int r = 0; r < SB_FMA_ROUNDS; ++r)
#pragma unroll
            for (int i = 0; i < SB_FMA_CHAINS; ++i) x[i] = fmaf(x[i], k, 1.f);
    }
    float s = 0.f;
#pragma unroll
    for (int i = 0; i < SB_FMA_CHAINS; ++i) s += x[i];
    out[gid] = s;
}

#define SB_MMA_ACC 8  // independent accumulators per warp: enough mma.sync in flight to cover its latency

// iters * 8 mma.sync.m16n8k16 per warp (8 * 4096 FLOP per iteration), A = B = 1/64 everywhere, so each of a
// thread's 32 accumulators ends at iters * 16 / 4096 and out[global thread] = iters / 8 (exact up to 2^24 / 16).
template <typename T>
__device__ __forceinline__ void mma_probe(float* out, int iters) {
    const unsigned gid = blockIdx.x * blockDim.x + threadIdx.x;
    const float v = 1.f / 64.f;
    const unsigned a[4] = {pack2<T>(v, v), pack2<T>(v, v), pack2<T>(v, v), pack2<T>(v, v)};
    const unsigned b[2] = {pack2<T>(v, v), pack2<T>(v, v)};
    float acc[SB_MMA_ACC][4];
#pragma unroll
    for (int i = 0; i < SB_MMA_ACC; ++i)
#pragma unroll
        for (int e = 0; e < 4; ++e) acc[i][e] = 0.f;
    for (int it = 0; it < iters; ++it) {
#pragma unroll
        for (int i = 0; i < SB_MMA_ACC; ++i) mma16816<T>(acc[i], a, b);
    }
    float s = 0.f;
#pragma unroll
    for (int i = 0; i < SB_MMA_ACC; ++i) s += (acc[i][0] + acc[i][1]) + (acc[i][2] + acc[i][3]);
    out[gid] = s;
}

extern "C" __global__ void __launch_bounds__(256) probe_mma_f16(float* out, int iters) { mma_probe<f16>(out, iters); }

extern "C" __global__ void __launch_bounds__(256) probe_mma_bf16(float* out, int iters) { mma_probe<bf16>(out, iters); }

// iters * 8 mma.sync.m16n8k8 tf32 per warp (8 * 2048 FLOP per iteration); A = B = 1/64, so out = iters / 16.
extern "C" __global__ void __launch_bounds__(256) probe_mma_tf32(float* out, int iters) {
    const unsigned gid = blockIdx.x * blockDim.x + threadIdx.x;
    const unsigned v = __float_as_uint(1.f / 64.f);  // exactly representable in tf32
    const unsigned a[4] = {v, v, v, v}, b[2] = {v, v};
    float acc[SB_MMA_ACC][4];
#pragma unroll
    for (int i = 0; i < SB_MMA_ACC; ++i)
#pragma unroll
        for (int e = 0; e < 4; ++e) acc[i][e] = 0.f;
    for (int it = 0; it < iters; ++it) {
#pragma unroll
        for (int i = 0; i < SB_MMA_ACC; ++i) mma1688_tf32(acc[i], a, b);
    }
    float s = 0.f;
#pragma unroll
    for (int i = 0; i < SB_MMA_ACC; ++i) s += (acc[i][0] + acc[i][1]) + (acc[i][2] + acc[i][3]);
    out[gid] = s;
}
