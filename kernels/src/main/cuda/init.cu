// Seeded device-side initialisation of weights, caches and token ids, so that no model is ever built on the host.
// Counter-based (SplitMix64 of seed ^ index): the same seed gives the same values for any grid, on any GPU.
#include "common.cuh"

using sb::f16;
using sb::bf16;
using sb::from_f;

namespace {

__device__ __forceinline__ unsigned long long splitmix64(unsigned long long x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

// Uniform in (0, 1]: the top 24 bits of a 64-bit hash, never 0 so that log() is finite.
__device__ __forceinline__ float unit(unsigned long long h) {
    return ((float)(h >> 40) + 1.0f) * (1.0f / 16777216.0f);
}

// N(0, 1) by Box-Muller from two hashes of the element's index.
__device__ __forceinline__ float normal(unsigned long long seed, long long i) {
    unsigned long long h1 = splitmix64(seed ^ (2ull * (unsigned long long)i));
    unsigned long long h2 = splitmix64(seed ^ (2ull * (unsigned long long)i + 1ull));
    float r = sqrtf(-2.0f * logf(unit(h1)));
    return r * cospif(2.0f * unit(h2));
}

template <typename T>
__device__ void fill_normal(T* y, long long n, unsigned long long seed, float std) {
    long long stride = (long long)gridDim.x * blockDim.x;
    for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
        y[i] = from_f<T>(std * normal(seed, i));
    }
}

template <typename T>
__device__ void fill_const(T* y, long long n, float v) {
    long long stride = (long long)gridDim.x * blockDim.x;
    T c = from_f<T>(v);
    for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
        y[i] = c;
    }
}

}  // namespace

extern "C" {

__global__ void fill_normal_f32(float* y, long long n, unsigned long long seed, float std) { fill_normal(y, n, seed, std); }
__global__ void fill_normal_f16(f16* y, long long n, unsigned long long seed, float std) { fill_normal(y, n, seed, std); }
__global__ void fill_normal_bf16(bf16* y, long long n, unsigned long long seed, float std) { fill_normal(y, n, seed, std); }

__global__ void fill_const_f32(float* y, long long n, float v) { fill_const(y, n, v); }
__global__ void fill_const_f16(f16* y, long long n, float v) { fill_const(y, n, v); }
__global__ void fill_const_bf16(bf16* y, long long n, float v) { fill_const(y, n, v); }

// Token ids uniform in [0, vocab).
__global__ void fill_ids(int* ids, long long n, unsigned long long seed, int vocab) {
    long long stride = (long long)gridDim.x * blockDim.x;
    for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
        ids[i] = (int)(splitmix64(seed ^ (unsigned long long)i) % (unsigned long long)vocab);
    }
}

}  // extern "C"
