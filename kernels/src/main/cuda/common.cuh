// scalebench kernels: shared device helpers (16-bit storage types and conversions, 16-byte vector access, warp
// and block reductions, cp.async / ldmatrix / mma.sync wrappers).
//
// Self-contained on purpose: no #include at all, not even cuda_fp16.h / cuda_bf16.h (NVRTC does not always ship
// them, and the toolkit's copies pull in more headers). The 16-bit types are plain storage, converted by PTX cvt
// instructions (round to nearest even, as __float2half_rn / __float2bfloat16_rn). Needs sm_80 or newer.
#pragma once

namespace sb {

// IEEE binary16 and bfloat16 storage: same size and bits as __half and __nv_bfloat16.
struct f16 { unsigned short x; };
struct bf16 { unsigned short x; };

__device__ __forceinline__ float neg_inf() { return __int_as_float(0xff800000); }

// log2(e): softmax and attention work in base 2 (exp2f compiles to one ex2.approx instruction).
#define SB_LOG2E 1.4426950408889634f

// ---- conversions ------------------------------------------------------------------------------------------
__device__ __forceinline__ float to_f(float x) { return x; }
__device__ __forceinline__ float to_f(bf16 x) { return __uint_as_float((unsigned)x.x << 16); }
__device__ __forceinline__ float to_f(f16 x);
template <typename T> __device__ __forceinline__ T from_f(float x);
template <> __device__ __forceinline__ float from_f<float>(float x) { return x; }
template <typename T> __device__ __forceinline__ unsigned pack2(float lo, float hi);  // lo in the low half

// One 32-bit word of two 16-bit values to two floats (low half first).
template <typename T> __device__ __forceinline__ float2 unpack2(unsigned w);
template <> __device__ __forceinline__ float2 unpack2<f16>(unsigned w) {
    f16 lo, hi;
    lo.x = (unsigned short)(w & 0xffffu);
    hi.x = (unsigned short)(w >> 16);
    return make_float2(to_f(lo), to_f(hi));
}
template <> __device__ __forceinline__ float2 unpack2<bf16>(unsigned w) {
    return make_float2(__uint_as_float(w << 16), __uint_as_float(w & 0xffff0000u));
}

// Elements per 16-byte vector.
template <typename T> struct Vec16 { static constexpr int N = 16 / (int)sizeof(T); };

__device__ __forceinline__ bool aligned16(const void* p) { return ((unsigned long long)p & 15ull) == 0; }

// ---- vector load / store: N = 1 (scalar) or 16 / sizeof(T) (one 16-byte access) -------------------------
template <typename T, int N>
__device__ __forceinline__ void load_vec(const T* p, float* f) {
    if constexpr (N == 1) {
        f[0] = to_f(*p);
    } else {
        static_assert(N * sizeof(T) == 16, "vector access is 16 bytes");
        uint4 u = *reinterpret_cast<const uint4*>(p);
        if constexpr (sizeof(T) == 4) {
            f[0] = __uint_as_float(u.x); f[1] = __uint_as_float(u.y);
            f[2] = __uint_as_float(u.z); f[3] = __uint_as_float(u.w);
        } else {
            const unsigned w[4] = {u.x, u.y, u.z, u.w};
#pragma unroll
            for (int i = 0; i < 4; ++i) {
                const float2 v = unpack2<T>(w[i]);
                f[2 * i] = v.x; f[2 * i + 1] = v.y;
            }
        }
    }
}

template <typename T, int N>
__device__ __forceinline__ void store_vec(T* p, const float* f) {
    if constexpr (N == 1) {
        *p = from_f<T>(f[0]);
    } else {
        static_assert(N * sizeof(T) == 16, "vector access is 16 bytes");
        uint4 u;
        if constexpr (sizeof(T) == 4) {
            u.x = __float_as_uint(f[0]); u.y = __float_as_uint(f[1]);
            u.z = __float_as_uint(f[2]); u.w = __float_as_uint(f[3]);
        } else {
            u.x = pack2<T>(f[0], f[1]); u.y = pack2<T>(f[2], f[3]);
            u.z = pack2<T>(f[4], f[5]); u.w = pack2<T>(f[6], f[7]);
        }
        *reinterpret_cast<uint4*>(p) = u;
    }
}

// ---- reductions -------------------------------------------------------------------------------------------
__device__ __forceinline__ float warp_sum(float v) {
#pragma unroll
    for (int o = 16; o > 0; o >>= 1) v += __shfl_xor_sync(0xffffffffu, v, o);
    return v;
}

__device__ __forceinline__ float warp_max(float v) {
#pragma unroll
    for (int o = 16; o > 0; o >>= 1) v = fmaxf(v, __shfl_xor_sync(0xffffffffu, v, o));
    return v;
}

// Block-wide sum / max, returned to every thread. blockDim.x is a multiple of 32 and at most 1024; red holds
// 32 floats. The leading barrier makes back-to-back calls with the same red safe.
__device__ __forceinline__ float block_sum(float v, float* red) {
    const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5, nw = blockDim.x >> 5;
    v = warp_sum(v);
    __syncthreads();
    if (lane == 0) red[warp] = v;
    __syncthreads();
    return warp_sum(lane < nw ? red[lane] : 0.f);
}

__device__ __forceinline__ float block_max(float v, float* red) {
    const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5, nw = blockDim.x >> 5;
    v = warp_max(v);
    __syncthreads();
    if (lane == 0) red[warp] = v;
    __syncthreads();
    return warp_max(lane < nw ? red[lane] : neg_inf());
}

// ---- split reductions across blocks -----------------------------------------------------------------------
// Called by every thread of each of the `splits` blocks that wrote partial results for one output tile, after
// writing them: returns true in the block that arrives last, once every partial is visible to it. That block also
// resets the counter, so the counters stay zero between launches. flag is a shared int.
__device__ __forceinline__ bool last_to_arrive(int* counter, int splits, int* flag) {
    __threadfence();  // this block's partials are visible device-wide before the counter moves
    __syncthreads();
    if (threadIdx.x == 0) {
        const bool last = atomicAdd(counter, 1) == splits - 1;
        if (last) *counter = 0;  // every block of this tile has arrived; nobody reads it again in this launch
        *flag = last;
    }
    __syncthreads();
    const bool last = *flag != 0;
    if (last) __threadfence();
    return last;
}

}  // namespace sb

// The dynamic shared memory of a kernel, 128-byte aligned.
#ifndef SB_EMU
#define SB_DYNAMIC_SMEM(name) extern __shared__ __align__(128) unsigned char name[]
#endif

// ---- inline PTX: conversions to 16 bits, cp.async, ldmatrix, mma.sync ----------------------------------------
// kernels/src/test/cuda/emu replaces exactly this block with host code, to run the kernels on a CPU.
#ifdef SB_EMU
#include "sb_emu_ptx.h"
#else
namespace sb {

__device__ __forceinline__ float to_f(f16 x) {
    float r;
    asm("cvt.f32.f16 %0, %1;" : "=f"(r) : "h"(x.x));
    return r;
}
template <> __device__ __forceinline__ f16 from_f<f16>(float x) {
    f16 r;
    asm("cvt.rn.f16.f32 %0, %1;" : "=h"(r.x) : "f"(x));
    return r;
}
template <> __device__ __forceinline__ bf16 from_f<bf16>(float x) {
    bf16 r;
    asm("cvt.rn.bf16.f32 %0, %1;" : "=h"(r.x) : "f"(x));
    return r;
}
template <> __device__ __forceinline__ unsigned pack2<f16>(float lo, float hi) {
    unsigned r;
    asm("cvt.rn.f16x2.f32 %0, %1, %2;" : "=r"(r) : "f"(hi), "f"(lo));  // the first source fills the upper half
    return r;
}
template <> __device__ __forceinline__ unsigned pack2<bf16>(float lo, float hi) {
    unsigned r;
    asm("cvt.rn.bf16x2.f32 %0, %1, %2;" : "=r"(r) : "f"(hi), "f"(lo));
    return r;
}

// ---- asynchronous copy (sm_80+) ---------------------------------------------------------------------------
__device__ __forceinline__ unsigned smem_addr(const void* p) {
    return (unsigned)__cvta_generic_to_shared(p);
}

// 16 bytes global -> shared, bypassing L1; when !pred nothing is read and the 16 bytes are zero-filled
// (src must still be a valid address: callers pass the tensor base).
__device__ __forceinline__ void cp_async16(unsigned dst, const void* src, bool pred) {
    const int n = pred ? 16 : 0;
    asm volatile("cp.async.cg.shared.global [%0], [%1], 16, %2;\n" ::"r"(dst), "l"(src), "r"(n) : "memory");
}

__device__ __forceinline__ void cp_async_commit() { asm volatile("cp.async.commit_group;\n" ::: "memory"); }

// Waits until at most N of this thread's committed groups are still in flight.
template <int N> __device__ __forceinline__ void cp_async_wait() {
    asm volatile("cp.async.wait_group %0;\n" ::"n"(N) : "memory");
}

// ---- ldmatrix / mma.sync ------------------------------------------------------------------------------------
__device__ __forceinline__ void ldsm_x4(unsigned addr, unsigned& r0, unsigned& r1, unsigned& r2, unsigned& r3) {
    asm volatile("ldmatrix.sync.aligned.m8n8.x4.shared.b16 {%0, %1, %2, %3}, [%4];\n"
                 : "=r"(r0), "=r"(r1), "=r"(r2), "=r"(r3) : "r"(addr));
}

__device__ __forceinline__ void ldsm_x4_t(unsigned addr, unsigned& r0, unsigned& r1, unsigned& r2, unsigned& r3) {
    asm volatile("ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16 {%0, %1, %2, %3}, [%4];\n"
                 : "=r"(r0), "=r"(r1), "=r"(r2), "=r"(r3) : "r"(addr));
}

// d += a * b for one m16n8k16 tile, fp32 accumulators. T is f16 or bf16.
template <typename T> __device__ __forceinline__ void mma16816(float* d, const unsigned* a, const unsigned* b);

template <> __device__ __forceinline__ void mma16816<f16>(float* d, const unsigned* a, const unsigned* b) {
    asm("mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32 {%0, %1, %2, %3}, {%4, %5, %6, %7}, {%8, %9}, "
        "{%0, %1, %2, %3};\n"
        : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3])
        : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b[0]), "r"(b[1]));
}

template <> __device__ __forceinline__ void mma16816<bf16>(float* d, const unsigned* a, const unsigned* b) {
    asm("mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32 {%0, %1, %2, %3}, {%4, %5, %6, %7}, {%8, %9}, "
        "{%0, %1, %2, %3};\n"
        : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3])
        : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b[0]), "r"(b[1]));
}

// d += a * b for one m16n8k8 tile with tf32 inputs (fp32 bit patterns; the low 13 mantissa bits are ignored).
__device__ __forceinline__ void mma1688_tf32(float* d, const unsigned* a, const unsigned* b) {
    asm("mma.sync.aligned.m16n8k8.row.col.f32.tf32.tf32.f32 {%0, %1, %2, %3}, {%4, %5, %6, %7}, {%8, %9}, "
        "{%0, %1, %2, %3};\n"
        : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3])
        : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b[0]), "r"(b[1]));
}

}  // namespace sb
#endif
