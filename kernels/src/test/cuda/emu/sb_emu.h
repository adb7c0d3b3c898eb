// Host emulation of the CUDA features the scalebench kernels use, so that their source can be compiled by g++
// and run on a CPU: every CUDA thread of a block is an OS thread, __syncthreads a barrier of the block, warp
// collectives (shuffles, ldmatrix, mma.sync) a barrier of the warp around an exchange through memory. Blocks run
// one after another, so `static` serves for __shared__. cp.async copies at once (the emulator checks the kernels'
// index arithmetic, masking and reductions, not the timing of asynchronous copies or the memory model).
//
// Used through -include sb_emu.h -DSB_EMU (see emulate.sh); common.cuh then takes sb_emu_ptx.h instead of its
// inline PTX. Build non-PIE: shared-memory "addresses" are the low 32 bits of host pointers.
#pragma once

#include <algorithm>
#include <atomic>
#include <barrier>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

#define __global__
#define __device__
#define __host__
#define __forceinline__ inline
#define __launch_bounds__(...)
#define __restrict__ __restrict
#define __shared__ static
#define __align__(n) __attribute__((aligned(n)))
#define SB_DYNAMIC_SMEM(name) unsigned char* name = emu::dyn_smem
#define __syncthreads() emu::sync_block()

struct uint3 { unsigned x, y, z; };
struct dim3 {
    unsigned x = 1, y = 1, z = 1;
    dim3(unsigned a = 1, unsigned b = 1, unsigned c = 1) : x(a), y(b), z(c) {}
};
struct float2 { float x, y; };
struct alignas(16) float4 { float x, y, z, w; };
struct alignas(16) uint4 { unsigned x, y, z, w; };
inline float2 make_float2(float a, float b) { return {a, b}; }
inline float4 make_float4(float a, float b, float c, float d) { return {a, b, c, d}; }

using std::max;
using std::min;
inline float rsqrtf(float x) { return 1.f / std::sqrt(x); }

inline float __int_as_float(int i) { float f; std::memcpy(&f, &i, 4); return f; }
inline float __uint_as_float(unsigned i) { float f; std::memcpy(&f, &i, 4); return f; }
inline unsigned __float_as_uint(float f) { unsigned i; std::memcpy(&i, &f, 4); return i; }

namespace emu {

inline thread_local uint3 tid{0, 0, 0}, bid{0, 0, 0};
inline dim3 bdim, gdim;
alignas(128) inline unsigned char dyn_smem[228 * 1024];

struct Warp {
    std::unique_ptr<std::barrier<>> bar;
    unsigned long long slot[32][10];
};
inline thread_local Warp* warp = nullptr;
inline thread_local int lane = 0;
inline thread_local std::barrier<>* block_bar = nullptr;

inline void sync_block() { block_bar->arrive_and_wait(); }
inline void sync_warp() { warp->bar->arrive_and_wait(); }

// Runs fn once per thread of every block of grid, blocks one after another.
inline void launch(dim3 grid, dim3 block, const std::function<void()>& fn) {
    gdim = grid;
    bdim = block;
    const unsigned nt = block.x * block.y * block.z, nw = (nt + 31) / 32;
    for (unsigned z = 0; z < grid.z; ++z)
        for (unsigned y = 0; y < grid.y; ++y)
            for (unsigned x = 0; x < grid.x; ++x) {
                std::barrier<> bb((std::ptrdiff_t)nt);
                std::vector<Warp> warps(nw);
                for (unsigned w = 0; w < nw; ++w)
                    warps[w].bar = std::make_unique<std::barrier<>>((std::ptrdiff_t)std::min(32u, nt - 32 * w));
                std::vector<std::thread> threads;
                threads.reserve(nt);
                for (unsigned t = 0; t < nt; ++t)
                    threads.emplace_back([&, t] {
                        tid = {t % block.x, (t / block.x) % block.y, t / (block.x * block.y)};
                        bid = {x, y, z};
                        lane = (int)(t & 31);
                        warp = &warps[t / 32];
                        block_bar = &bb;
                        fn();
                        warp->bar->arrive_and_drop();  // an exited thread leaves later barriers, as on the GPU
                        bb.arrive_and_drop();
                    });
                for (auto& th : threads) th.join();
            }
}

// One round of a warp collective: publish n words, wait for the warp, read with get(), wait again.
template <typename R, typename Get>
inline R exchange(const unsigned long long* in, int n, Get get) {
    for (int i = 0; i < n; ++i) warp->slot[lane][i] = in[i];
    sync_warp();
    R r = get(warp->slot);
    sync_warp();
    return r;
}

}  // namespace emu

#define threadIdx (emu::tid)
#define blockIdx (emu::bid)
#define blockDim (emu::bdim)
#define gridDim (emu::gdim)

inline float __shfl_xor_sync(unsigned, float v, int m) {
    const unsigned long long in = __float_as_uint(v);
    const int l = emu::lane;
    return emu::exchange<float>(&in, 1, [&](auto& s) { return __uint_as_float((unsigned)s[l ^ m][0]); });
}
inline void __syncwarp(unsigned = 0xffffffffu) { emu::sync_warp(); }
inline void __threadfence() { std::atomic_thread_fence(std::memory_order_seq_cst); }
inline int atomicAdd(int* p, int v) { return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST); }
inline float __ldcg(const float* p) { return *reinterpret_cast<const volatile float*>(p); }
inline float2 __ldcg(const float2* p) { return {__ldcg(&p->x), __ldcg(&p->y)}; }
inline float4 __ldcg(const float4* p) { return {__ldcg(&p->x), __ldcg(&p->y), __ldcg(&p->z), __ldcg(&p->w)}; }
