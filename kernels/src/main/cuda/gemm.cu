// C[M,N] = alpha * A[M,K] * B[N,K]^T + beta * C   (row-major, explicit leading dimensions)
//
// f16 / bf16: tensor cores through mma.sync.m16n8k16 (fp32 accumulators). 128x256x32 block tile, 8 warps as
// 2 (M) x 4 (N), 64x64 per warp (32 FLOP per byte read from shared memory); a 4-stage cp.async pipeline into
// XOR-swizzled shared memory read by ldmatrix without bank conflicts; 96 KiB of dynamic shared memory.
// f32: CUDA cores only (no TF32), 128x128x8 block tile, 8x8 outputs per thread, register-prefetched double
// buffer in static shared memory.
//
// Split-K (both): gridDim.y = splits blocks share an output tile, each over a slice of K; they write fp32 partial
// tiles (rows < M only) to ws and the last to arrive sums them in split order (deterministic) and applies the
// epilogue. splits = 1 needs no workspace. Decode-sized GEMMs (M = batch, N = hidden) need it to fill the GPU.
//
// Both need K % 8 == 0, lda, ldb, ldc multiples of 8 and 16-byte aligned A, B, C; M and N are free (rows
// beyond the edge load as zeros, stores are guarded). beta == 0 never reads C. C must not overlap A or B; each
// element of C is read (beta != 0) and then written by the same thread, so C may be the residual input.
#include "common.cuh"

namespace gemm_common {

constexpr int GROUP_M = 8;  // block rasterisation: 8 row tiles sweep the column tiles together (L2 reuse)

// Maps blockIdx.x to (row tile, column tile), walking GROUP_M row tiles at a time so that blocks running together
// share A rows and B columns in L2. Returns false for an index beyond the tile count.
__device__ __forceinline__ bool tile_of(int pid, int tiles_m, int tiles_n, int& bm, int& bn) {
    const int per_group = GROUP_M * tiles_n;
    const int first_m = (pid / per_group) * GROUP_M;
    const int group_m = min(tiles_m - first_m, GROUP_M);
    if (group_m <= 0) return false;
    bm = first_m + (pid % per_group) % group_m;
    bn = (pid % per_group) / group_m;
    return true;
}

// The k tiles [kt0, kt1) of split s (may be empty).
__device__ __forceinline__ void split_range(int ktiles, int splits, int s, int& kt0, int& kt1) {
    const int per = (ktiles + splits - 1) / splits;
    kt0 = min(ktiles, s * per);
    kt1 = min(ktiles, kt0 + per);
}

}  // namespace gemm_common

namespace gemm_tc {
using namespace sb;

constexpr int BM = 128, BN = 256, BK = 32, STAGES = 4, THREADS = 256;
constexpr int TILE_A = BM * BK, TILE_B = BN * BK;  // elements per stage
constexpr int SMEM_BYTES = STAGES * (TILE_A + TILE_B) * 2;
static_assert(SMEM_BYTES == 98304, "docs/kernels.md promises 96 KiB of dynamic shared memory");

// A row of a tile is BK = 32 elements = four 16-byte chunks; chunk c of row r lives at chunk c ^ ((r >> 1) & 3),
// so the eight rows one ldmatrix phase reads fall into eight different 16-byte bank groups.
__device__ __forceinline__ int swz(int row, int chunk) { return row * BK + ((chunk ^ ((row >> 1) & 3)) << 3); }

template <typename T>
__device__ __forceinline__ void store_pair(T* C, long long off, bool two, float v0, float v1, float alpha, float beta) {
    if (two) {
        float o0 = alpha * v0, o1 = alpha * v1;
        if (beta != 0.f) {
            const float2 c = unpack2<T>(*reinterpret_cast<const unsigned*>(C + off));
            o0 = fmaf(beta, c.x, o0);
            o1 = fmaf(beta, c.y, o1);
        }
        *reinterpret_cast<unsigned*>(C + off) = pack2<T>(o0, o1);
    } else {
        float o0 = alpha * v0;
        if (beta != 0.f) o0 = fmaf(beta, to_f(C[off]), o0);
        C[off] = from_f<T>(o0);
    }
}

template <typename T>
__device__ __forceinline__ void run(const T* __restrict__ A, const T* __restrict__ B, T* C, int M, int N, int K,
                                    int lda, int ldb, int ldc, float alpha, float beta, int splits, float* ws) {
    SB_DYNAMIC_SMEM(smem_raw);
    __shared__ int last_flag;
    T* sA = reinterpret_cast<T*>(smem_raw);
    T* sB = sA + STAGES * TILE_A;

    const int tid = threadIdx.x, lane = tid & 31, warp = tid >> 5;
    const int tiles_m = (M + BM - 1) / BM, tiles_n = (N + BN - 1) / BN;
    int bm, bn;
    if (!gemm_common::tile_of(blockIdx.x, tiles_m, tiles_n, bm, bn)) return;  // uniform per block
    const int m0 = bm * BM, n0 = bn * BN;
    int kt0, kt1;
    gemm_common::split_range((K + BK - 1) / BK, splits, blockIdx.y, kt0, kt1);

    // Loader: chunk (tid & 3) of A rows r, r + 64 and of B rows r, r + 64, r + 128, r + 192 (r = tid >> 2).
    const int lc = tid & 3, lr = tid >> 2;
    const T* gA[2];
    const T* gB[4];
    bool okA[2], okB[4];
#pragma unroll
    for (int i = 0; i < 2; ++i) {
        okA[i] = m0 + lr + 64 * i < M;
        gA[i] = A + (long long)(okA[i] ? m0 + lr + 64 * i : 0) * lda + lc * 8;
    }
#pragma unroll
    for (int i = 0; i < 4; ++i) {
        okB[i] = n0 + lr + 64 * i < N;
        gB[i] = B + (long long)(okB[i] ? n0 + lr + 64 * i : 0) * ldb + lc * 8;
    }
    const unsigned sA_base = smem_addr(sA), sB_base = smem_addr(sB);

    auto load_stage = [&](int stage, int kt) {
        const int k = kt * BK;
        const bool k_ok = k + lc * 8 < K;  // K % 8 == 0: a chunk is entirely inside or outside
        const unsigned sa = sA_base + (unsigned)(stage * TILE_A * 2), sb = sB_base + (unsigned)(stage * TILE_B * 2);
#pragma unroll
        for (int i = 0; i < 2; ++i) {
            const bool ok = okA[i] && k_ok;
            cp_async16(sa + (unsigned)swz(lr + 64 * i, lc) * 2u, ok ? (const void*)(gA[i] + k) : (const void*)A, ok);
        }
#pragma unroll
        for (int i = 0; i < 4; ++i) {
            const bool ok = okB[i] && k_ok;
            cp_async16(sb + (unsigned)swz(lr + 64 * i, lc) * 2u, ok ? (const void*)(gB[i] + k) : (const void*)B, ok);
        }
    };

    float acc[4][8][4];
#pragma unroll
    for (int i = 0; i < 4; ++i)
#pragma unroll
        for (int j = 0; j < 8; ++j)
#pragma unroll
            for (int e = 0; e < 4; ++e) acc[i][j][e] = 0.f;

#pragma unroll
    for (int s = 0; s < STAGES - 1; ++s) {
        if (kt0 + s < kt1) load_stage(s, kt0 + s);
        cp_async_commit();  // always commit, so that group g holds k tile kt0 + g
    }

    const int wm = (warp >> 2) * 64, wn = (warp & 3) * 64;
    // ldmatrix row addresses: A x4 = rows 0-15 at k chunks 0/1; B x4 = two n8 tiles at k chunks 0/1.
    const int a_row = wm + (lane & 15), a_chk = lane >> 4;
    const int b_row = wn + (lane & 7) + ((lane >> 4) << 3), b_chk = (lane >> 3) & 1;

    for (int kt = kt0; kt < kt1; ++kt) {
        const int i = kt - kt0;
        cp_async_wait<STAGES - 2>();  // k tile kt has landed (this thread's copies)
        __syncthreads();              // ... everyone's; and every warp is done with stage (i - 1) % STAGES
        {
            const int nk = kt + STAGES - 1;
            if (nk < kt1) load_stage((i + STAGES - 1) % STAGES, nk);
            cp_async_commit();
        }
        const int stage = i % STAGES;
        const unsigned sa = sA_base + (unsigned)(stage * TILE_A * 2), sb = sB_base + (unsigned)(stage * TILE_B * 2);
#pragma unroll
        for (int kk = 0; kk < BK / 16; ++kk) {
            unsigned af[4][4], bfr[8][2];
#pragma unroll
            for (int mi = 0; mi < 4; ++mi)
                ldsm_x4(sa + (unsigned)swz(a_row + mi * 16, kk * 2 + a_chk) * 2u, af[mi][0], af[mi][1], af[mi][2],
                        af[mi][3]);
#pragma unroll
            for (int nj = 0; nj < 4; ++nj)
                ldsm_x4(sb + (unsigned)swz(b_row + nj * 16, kk * 2 + b_chk) * 2u, bfr[2 * nj][0], bfr[2 * nj][1],
                        bfr[2 * nj + 1][0], bfr[2 * nj + 1][1]);
#pragma unroll
            for (int mi = 0; mi < 4; ++mi)
#pragma unroll
                for (int ni = 0; ni < 8; ++ni) mma16816<T>(acc[mi][ni], af[mi], bfr[ni]);
        }
    }
    cp_async_wait<0>();  // only empty groups can remain; leave nothing in flight

    // Accumulator (row g, cols 2t, 2t+1) and (row g + 8, same cols) of each m16n8 tile.
    const int g = lane >> 2, t = lane & 3;
    if (splits > 1) {
        const int tile = bm * tiles_n + bn;
        const long long tiles = (long long)tiles_m * tiles_n;
        float* mine = ws + ((long long)tile * splits + blockIdx.y) * (BM * BN);
#pragma unroll
        for (int mi = 0; mi < 4; ++mi)
#pragma unroll
            for (int h = 0; h < 2; ++h) {
                const int r = wm + mi * 16 + g + h * 8;
                if (m0 + r >= M) continue;
#pragma unroll
                for (int ni = 0; ni < 8; ++ni)
                    *reinterpret_cast<float2*>(mine + r * BN + wn + ni * 8 + 2 * t) =
                        make_float2(acc[mi][ni][2 * h], acc[mi][ni][2 * h + 1]);
            }
        if (!last_to_arrive(reinterpret_cast<int*>(ws + tiles * splits * (BM * BN)) + tile, splits, &last_flag)) return;
        const float* parts = ws + (long long)tile * splits * (BM * BN);
#pragma unroll
        for (int mi = 0; mi < 4; ++mi)
#pragma unroll
            for (int h = 0; h < 2; ++h) {
                const int r = wm + mi * 16 + g + h * 8;
                if (m0 + r >= M) continue;
#pragma unroll
                for (int ni = 0; ni < 8; ++ni) {
                    float2 sum = make_float2(0.f, 0.f);
                    for (int s = 0; s < splits; ++s) {
                        const float2 v = __ldcg(reinterpret_cast<const float2*>(parts + (long long)s * (BM * BN) +
                                                                                 r * BN + wn + ni * 8 + 2 * t));
                        sum.x += v.x;
                        sum.y += v.y;
                    }
                    acc[mi][ni][2 * h] = sum.x;
                    acc[mi][ni][2 * h + 1] = sum.y;
                }
            }
    }

#pragma unroll
    for (int mi = 0; mi < 4; ++mi) {
#pragma unroll
        for (int h = 0; h < 2; ++h) {
            const int r = m0 + wm + mi * 16 + g + h * 8;
            if (r >= M) continue;
#pragma unroll
            for (int ni = 0; ni < 8; ++ni) {
                const int c = n0 + wn + ni * 8 + 2 * t;
                if (c >= N) continue;
                store_pair<T>(C, (long long)r * ldc + c, c + 1 < N, acc[mi][ni][2 * h], acc[mi][ni][2 * h + 1], alpha,
                              beta);
            }
        }
    }
}

}  // namespace gemm_tc

namespace gemm_f32 {
using namespace sb;

constexpr int BM = 128, BN = 128, BK = 8, THREADS = 256, PAD = 4;

__device__ __forceinline__ void run(const float* __restrict__ A, const float* __restrict__ B, float* C, int M, int N,
                                    int K, int lda, int ldb, int ldc, float alpha, float beta, int splits, float* ws) {
    // k-major tiles (transposed on the way in) so that a thread's 8 rows / 8 columns are two float4 reads.
    __shared__ __align__(16) float As[2][BK][BM + PAD];
    __shared__ __align__(16) float Bs[2][BK][BN + PAD];
    __shared__ int last_flag;

    const int tid = threadIdx.x, tx = tid & 15, ty = tid >> 4;
    const int tiles_m = (M + BM - 1) / BM, tiles_n = (N + BN - 1) / BN;
    int bm, bn;
    if (!gemm_common::tile_of(blockIdx.x, tiles_m, tiles_n, bm, bn)) return;
    const int m0 = bm * BM, n0 = bn * BN;
    int kt0, kt1;
    gemm_common::split_range(K / BK, splits, blockIdx.y, kt0, kt1);

    // Loader: one float4 of A (row tid >> 1, k (tid & 1) * 4) and one of B per k tile.
    const int lr = tid >> 1, lk = (tid & 1) * 4;
    const bool a_ok = m0 + lr < M, b_ok = n0 + lr < N;
    const float* gA = A + (long long)(a_ok ? m0 + lr : 0) * lda + lk;
    const float* gB = B + (long long)(b_ok ? n0 + lr : 0) * ldb + lk;
    const float4 zero = make_float4(0.f, 0.f, 0.f, 0.f);

    float acc[8][8];
#pragma unroll
    for (int i = 0; i < 8; ++i)
#pragma unroll
        for (int j = 0; j < 8; ++j) acc[i][j] = 0.f;

    float4 ra = a_ok && kt0 < kt1 ? *reinterpret_cast<const float4*>(gA + kt0 * BK) : zero;
    float4 rb = b_ok && kt0 < kt1 ? *reinterpret_cast<const float4*>(gB + kt0 * BK) : zero;
    auto stash = [&](int buf) {
        As[buf][lk + 0][lr] = ra.x; As[buf][lk + 1][lr] = ra.y; As[buf][lk + 2][lr] = ra.z; As[buf][lk + 3][lr] = ra.w;
        Bs[buf][lk + 0][lr] = rb.x; Bs[buf][lk + 1][lr] = rb.y; Bs[buf][lk + 2][lr] = rb.z; Bs[buf][lk + 3][lr] = rb.w;
    };
    stash(0);
    __syncthreads();

    for (int kt = kt0; kt < kt1; ++kt) {
        const int buf = (kt - kt0) & 1;
        const bool more = kt + 1 < kt1;
        if (more) {
            ra = a_ok ? *reinterpret_cast<const float4*>(gA + (kt + 1) * BK) : zero;
            rb = b_ok ? *reinterpret_cast<const float4*>(gB + (kt + 1) * BK) : zero;
        }
#pragma unroll
        for (int k = 0; k < BK; ++k) {
            float a[8], b[8];
            *reinterpret_cast<float4*>(&a[0]) = *reinterpret_cast<const float4*>(&As[buf][k][ty * 4]);
            *reinterpret_cast<float4*>(&a[4]) = *reinterpret_cast<const float4*>(&As[buf][k][64 + ty * 4]);
            *reinterpret_cast<float4*>(&b[0]) = *reinterpret_cast<const float4*>(&Bs[buf][k][tx * 4]);
            *reinterpret_cast<float4*>(&b[4]) = *reinterpret_cast<const float4*>(&Bs[buf][k][64 + tx * 4]);
#pragma unroll
            for (int i = 0; i < 8; ++i)
#pragma unroll
                for (int j = 0; j < 8; ++j) acc[i][j] = fmaf(a[i], b[j], acc[i][j]);
        }
        if (more) {
            stash(buf ^ 1);  // that buffer was last read in the previous iteration, before the barrier that ended it
            __syncthreads();
        }
    }

    // Thread rows: ty * 4 + i (i < 4) and 64 + ty * 4 + i - 4; columns h * 64 + tx * 4 + j.
    if (splits > 1) {
        const int tile = bm * tiles_n + bn;
        const long long tiles = (long long)tiles_m * tiles_n;
        float* mine = ws + ((long long)tile * splits + blockIdx.y) * (BM * BN);
#pragma unroll
        for (int i = 0; i < 8; ++i) {
            const int r = i < 4 ? ty * 4 + i : 64 + ty * 4 + i - 4;
            if (m0 + r >= M) continue;
#pragma unroll
            for (int h = 0; h < 2; ++h)
                *reinterpret_cast<float4*>(mine + r * BN + h * 64 + tx * 4) =
                    make_float4(acc[i][h * 4], acc[i][h * 4 + 1], acc[i][h * 4 + 2], acc[i][h * 4 + 3]);
        }
        if (!last_to_arrive(reinterpret_cast<int*>(ws + tiles * splits * (BM * BN)) + tile, splits, &last_flag)) return;
        const float* parts = ws + (long long)tile * splits * (BM * BN);
#pragma unroll
        for (int i = 0; i < 8; ++i) {
            const int r = i < 4 ? ty * 4 + i : 64 + ty * 4 + i - 4;
            if (m0 + r >= M) continue;
#pragma unroll
            for (int h = 0; h < 2; ++h) {
                float4 sum = zero;
                for (int s = 0; s < splits; ++s) {
                    const float4 v = __ldcg(reinterpret_cast<const float4*>(parts + (long long)s * (BM * BN) + r * BN +
                                                                             h * 64 + tx * 4));
                    sum.x += v.x; sum.y += v.y; sum.z += v.z; sum.w += v.w;
                }
                acc[i][h * 4] = sum.x; acc[i][h * 4 + 1] = sum.y; acc[i][h * 4 + 2] = sum.z; acc[i][h * 4 + 3] = sum.w;
            }
        }
    }

#pragma unroll
    for (int i = 0; i < 8; ++i) {
        const int r = m0 + (i < 4 ? ty * 4 + i : 64 + ty * 4 + i - 4);
        if (r >= M) continue;
#pragma unroll
        for (int h = 0; h < 2; ++h) {
            const int c = n0 + h * 64 + tx * 4;
            float* p = C + (long long)r * ldc + c;
            float o[4];
#pragma unroll
            for (int j = 0; j < 4; ++j) o[j] = alpha * acc[i][h * 4 + j];
            if (c + 3 < N) {
                if (beta != 0.f) {
                    const float4 old = *reinterpret_cast<const float4*>(p);
                    o[0] = fmaf(beta, old.x, o[0]); o[1] = fmaf(beta, old.y, o[1]);
                    o[2] = fmaf(beta, old.z, o[2]); o[3] = fmaf(beta, old.w, o[3]);
                }
                *reinterpret_cast<float4*>(p) = make_float4(o[0], o[1], o[2], o[3]);
            } else {
#pragma unroll
                for (int j = 0; j < 4; ++j)
                    if (c + j < N) p[j] = beta != 0.f ? fmaf(beta, p[j], o[j]) : o[j];
            }
        }
    }
}

}  // namespace gemm_f32

extern "C" __global__ void __launch_bounds__(gemm_tc::THREADS, 1)
gemm_nt_f16(const sb::f16* A, const sb::f16* B, sb::f16* C, int M, int N, int K, int lda, int ldb, int ldc,
            float alpha, float beta, int splits, float* ws) {
    gemm_tc::run<sb::f16>(A, B, C, M, N, K, lda, ldb, ldc, alpha, beta, splits, ws);
}

extern "C" __global__ void __launch_bounds__(gemm_tc::THREADS, 1)
gemm_nt_bf16(const sb::bf16* A, const sb::bf16* B, sb::bf16* C, int M, int N, int K, int lda, int ldb, int ldc,
             float alpha, float beta, int splits, float* ws) {
    gemm_tc::run<sb::bf16>(A, B, C, M, N, K, lda, ldb, ldc, alpha, beta, splits, ws);
}

extern "C" __global__ void __launch_bounds__(gemm_f32::THREADS, 2)
gemm_nt_f32(const float* A, const float* B, float* C, int M, int N, int K, int lda, int ldb, int ldc, float alpha,
            float beta, int splits, float* ws) {
    gemm_f32::run(A, B, C, M, N, K, lda, ldb, ldc, alpha, beta, splits, ws);
}
