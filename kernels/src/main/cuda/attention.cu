// Attention over the fused QKV projection: prefill (flash, tiled, online softmax), the decode-time KV-cache
// append, and decode (flash-decoding: the context is split across blocks, the last block of each head group
// combines the partial results).
//
// qkv row t = b * seq + s holds [heads query heads | kv_heads key heads | kv_heads value heads], D each; query head
// h reads KV head h / (heads / kv_heads). Scores are scaled by scale * log2(e) and exponentiated with exp2f;
// everything accumulates in fp32. A query row with no visible key produces zeros, never NaN.
#include "common.cuh"

using namespace sb;

// ------------------------------------------------------------------------------------------------------------
// Prefill, f16 / bf16: FlashAttention-2 on mma.sync. A block owns 128 queries of one (sequence, head); each of its
// 8 warps 16 of them, with Q held in registers as mma A fragments. K and V tiles of 64 keys go through padded
// shared memory (row pitch D + 8: an odd number of 16-byte chunks, so ldmatrix is conflict-free); the V tile loads
// while QK^T runs and the next K tile while softmax and PV run. P stays in registers (the S accumulator layout is
// the A fragment layout). Causal: tiles above the diagonal are never loaded.
namespace attn_tc {

constexpr int BM = 128, BN = 64, THREADS = 256;

template <typename T, int D>
__device__ __forceinline__ void prefill(const T* __restrict__ qkv, T* __restrict__ o, int seq, int heads,
                                        int kv_heads, int ld_qkv, int ld_o, float scale, int causal) {
    constexpr int P = D + 8, CH = D / 8, KD = D / 16, NT = BN / 8, DT = D / 8;
    static_assert(D % 16 == 0, "head dim is a multiple of 16");
    __shared__ __align__(128) T sm[2 * BN * P];  // Q staging (BM rows), then K (BN rows) + V (BN rows)
    T* sK = sm;
    T* sV = sm + BN * P;

    const int tid = threadIdx.x, lane = tid & 31, warp = tid >> 5, g = lane >> 2, t = lane & 3;
    const int q0 = (gridDim.x - 1 - blockIdx.x) * BM;  // longest causal rows first
    const int h = blockIdx.y, b = blockIdx.z, kvh = h / (heads / kv_heads);
    const long long row0 = (long long)b * seq;
    const T* gQ = qkv + h * D;
    const T* gK = qkv + (heads + kvh) * D;
    const T* gV = qkv + (heads + kv_heads + kvh) * D;

    auto load_rows = [&](T* dst, const T* src, int r0, int nrows) {
        for (int idx = tid; idx < nrows * CH; idx += THREADS) {
            const int r = idx / CH, c = idx % CH;
            const bool ok = r0 + r < seq;
            cp_async16(smem_addr(dst + r * P + c * 8), ok ? (const void*)(src + (row0 + r0 + r) * ld_qkv + c * 8)
                                                         : (const void*)qkv, ok);
        }
    };

    load_rows(sm, gQ, q0, BM);
    cp_async_commit();
    cp_async_wait<0>();
    __syncthreads();
    unsigned qf[KD][4];
#pragma unroll
    for (int kk = 0; kk < KD; ++kk)
        ldsm_x4(smem_addr(sm + (warp * 16 + (lane & 15)) * P + (kk * 2 + (lane >> 4)) * 8), qf[kk][0], qf[kk][1],
                qf[kk][2], qf[kk][3]);

    const int q_last = min(q0 + BM, seq) - 1;
    const int ntiles = ((causal ? q_last + 1 : seq) + BN - 1) / BN;
    const float sl2 = scale * SB_LOG2E;
    const int qw = q0 + warp * 16;  // first query of this warp; the thread's rows are qw + g and qw + g + 8

    float acc[DT][4];
#pragma unroll
    for (int i = 0; i < DT; ++i)
#pragma unroll
        for (int e = 0; e < 4; ++e) acc[i][e] = 0.f;
    float m[2] = {neg_inf(), neg_inf()}, l[2] = {0.f, 0.f};

    __syncthreads();  // every warp has its Q fragments: the staging area becomes K / V
    load_rows(sK, gK, 0, BN);
    cp_async_commit();

    for (int j = 0; j < ntiles; ++j) {
        const int k0 = j * BN;
        __syncthreads();  // every warp is done with V of the previous tile
        load_rows(sV, gV, k0, BN);
        cp_async_commit();
        cp_async_wait<1>();  // K tile j (V tile j may still be in flight)
        __syncthreads();

        float s[NT][4];
#pragma unroll
        for (int i = 0; i < NT; ++i)
#pragma unroll
            for (int e = 0; e < 4; ++e) s[i][e] = 0.f;
#pragma unroll
        for (int kk = 0; kk < KD; ++kk) {
#pragma unroll
            for (int nj = 0; nj < NT / 2; ++nj) {
                unsigned kb[4];
                ldsm_x4(smem_addr(sK + (nj * 16 + (lane & 7) + ((lane >> 4) << 3)) * P + (kk * 2 + ((lane >> 3) & 1)) * 8),
                        kb[0], kb[1], kb[2], kb[3]);
                mma16816<T>(s[2 * nj], qf[kk], kb);
                mma16816<T>(s[2 * nj + 1], qf[kk], kb + 2);
            }
        }
        __syncthreads();  // every warp is done with K tile j
        if (j + 1 < ntiles) load_rows(sK, gK, k0 + BN, BN);
        cp_async_commit();

        const bool mask = k0 + BN > seq || (causal && k0 + BN - 1 > qw);
#pragma unroll
        for (int i = 0; i < NT; ++i)
#pragma unroll
            for (int e = 0; e < 4; ++e) {
                const int key = k0 + i * 8 + 2 * t + (e & 1), q = qw + g + (e >> 1) * 8;
                s[i][e] = mask && (key >= seq || (causal && key > q)) ? neg_inf() : s[i][e] * sl2;
            }
#pragma unroll
        for (int r = 0; r < 2; ++r) {
            float mx = neg_inf();
#pragma unroll
            for (int i = 0; i < NT; ++i) mx = fmaxf(mx, fmaxf(s[i][2 * r], s[i][2 * r + 1]));
            mx = fmaxf(mx, __shfl_xor_sync(0xffffffffu, mx, 1));
            mx = fmaxf(mx, __shfl_xor_sync(0xffffffffu, mx, 2));
            const float mn = fmaxf(m[r], mx), mu = mn == neg_inf() ? 0.f : mn;
            const float alpha = exp2f(m[r] - mu);
            m[r] = mn;
            float rs = 0.f;
#pragma unroll
            for (int i = 0; i < NT; ++i) {
                s[i][2 * r] = exp2f(s[i][2 * r] - mu);
                s[i][2 * r + 1] = exp2f(s[i][2 * r + 1] - mu);
                rs += s[i][2 * r] + s[i][2 * r + 1];
            }
            l[r] = l[r] * alpha + rs;  // this thread's columns only; the quad is summed at the end
#pragma unroll
            for (int i = 0; i < DT; ++i) {
                acc[i][2 * r] *= alpha;
                acc[i][2 * r + 1] *= alpha;
            }
        }
        unsigned pf[BN / 16][4];
#pragma unroll
        for (int kk = 0; kk < BN / 16; ++kk) {
            pf[kk][0] = pack2<T>(s[2 * kk][0], s[2 * kk][1]);
            pf[kk][1] = pack2<T>(s[2 * kk][2], s[2 * kk][3]);
            pf[kk][2] = pack2<T>(s[2 * kk + 1][0], s[2 * kk + 1][1]);
            pf[kk][3] = pack2<T>(s[2 * kk + 1][2], s[2 * kk + 1][3]);
        }

        cp_async_wait<1>();  // V tile j (K tile j + 1 may still be in flight)
        __syncthreads();
#pragma unroll
        for (int kk = 0; kk < BN / 16; ++kk) {
#pragma unroll
            for (int dj = 0; dj < D / 16; ++dj) {
                unsigned vb[4];
                ldsm_x4_t(smem_addr(sV + (kk * 16 + (lane & 7) + (((lane >> 3) & 1) << 3)) * P + (dj * 2 + (lane >> 4)) * 8),
                          vb[0], vb[1], vb[2], vb[3]);
                mma16816<T>(acc[2 * dj], pf[kk], vb);
                mma16816<T>(acc[2 * dj + 1], pf[kk], vb + 2);
            }
        }
    }
    cp_async_wait<0>();

#pragma unroll
    for (int r = 0; r < 2; ++r) {
        float lr = l[r];
        lr += __shfl_xor_sync(0xffffffffu, lr, 1);
        lr += __shfl_xor_sync(0xffffffffu, lr, 2);
        const float inv = lr > 0.f ? 1.f / lr : 0.f;
        const int q = qw + g + r * 8;
        if (q < seq) {
            T* dst = o + (row0 + q) * ld_o + h * D + 2 * t;
#pragma unroll
            for (int i = 0; i < DT; ++i)
                *reinterpret_cast<unsigned*>(dst + i * 8) = pack2<T>(acc[i][2 * r] * inv, acc[i][2 * r + 1] * inv);
        }
    }
}

}  // namespace attn_tc

// ------------------------------------------------------------------------------------------------------------
// Prefill, f32: the same online-softmax flash loop on CUDA cores. A block owns 32 queries; thread (r, c) =
// (tid / 4, tid % 4) scores keys c, c + 4, ... of each 16-key tile for query r and accumulates output columns
// [4(c + 4i), 4(c + 4i) + 4). Shared rows are padded to an odd number of 16-byte chunks.
namespace attn_f32 {

constexpr int BM = 32, BN = 16, THREADS = 128;

template <int D>
__device__ __forceinline__ void prefill(const float* __restrict__ qkv, float* __restrict__ o, int seq, int heads,
                                        int kv_heads, int ld_qkv, int ld_o, float scale, int causal) {
    constexpr int P = D + 4, C4 = D / 4, DPT = D / 16;
    __shared__ __align__(16) float sQ[BM * P];
    __shared__ __align__(16) float sK[BN * P];
    __shared__ __align__(16) float sV[BN * P];
    __shared__ float sP[BM][BN + 1];

    const int tid = threadIdx.x, r = tid >> 2, c = tid & 3;
    const int q0 = (gridDim.x - 1 - blockIdx.x) * BM;
    const int h = blockIdx.y, b = blockIdx.z, kvh = h / (heads / kv_heads);
    const long long row0 = (long long)b * seq;
    const float* gQ = qkv + h * D;
    const float* gK = qkv + (heads + kvh) * D;
    const float* gV = qkv + (heads + kv_heads + kvh) * D;
    const float4 zero = make_float4(0.f, 0.f, 0.f, 0.f);

    auto load_rows = [&](float* dst, const float* src, int r0, int nrows) {
        for (int idx = tid; idx < nrows * C4; idx += THREADS) {
            const int rr = idx / C4, cc = idx % C4;
            *reinterpret_cast<float4*>(dst + rr * P + cc * 4) =
                r0 + rr < seq ? *reinterpret_cast<const float4*>(src + (row0 + r0 + rr) * ld_qkv + cc * 4) : zero;
        }
    };
    load_rows(sQ, gQ, q0, BM);

    const int q = q0 + r;
    const int q_last = min(q0 + BM, seq) - 1;
    const int ntiles = ((causal ? q_last + 1 : seq) + BN - 1) / BN;
    const float sl2 = scale * SB_LOG2E;
    float acc[DPT][4];
#pragma unroll
    for (int i = 0; i < DPT; ++i)
#pragma unroll
        for (int e = 0; e < 4; ++e) acc[i][e] = 0.f;
    float m = neg_inf(), l = 0.f;

    for (int j = 0; j < ntiles; ++j) {
        const int k0 = j * BN;
        __syncthreads();  // previous tile fully consumed (and sQ written, on the first pass)
        load_rows(sK, gK, k0, BN);
        load_rows(sV, gV, k0, BN);
        __syncthreads();

        float s[4] = {0.f, 0.f, 0.f, 0.f};
#pragma unroll 4
        for (int d4 = 0; d4 < C4; ++d4) {
            const float4 qv = *reinterpret_cast<const float4*>(sQ + r * P + d4 * 4);
#pragma unroll
            for (int jj = 0; jj < 4; ++jj) {
                const float4 kv = *reinterpret_cast<const float4*>(sK + (c + 4 * jj) * P + d4 * 4);
                s[jj] = fmaf(qv.x, kv.x, fmaf(qv.y, kv.y, fmaf(qv.z, kv.z, fmaf(qv.w, kv.w, s[jj]))));
            }
        }
        float mx = neg_inf();
#pragma unroll
        for (int jj = 0; jj < 4; ++jj) {
            const int key = k0 + c + 4 * jj;
            s[jj] = key >= seq || (causal && key > q) ? neg_inf() : s[jj] * sl2;
            mx = fmaxf(mx, s[jj]);
        }
        mx = fmaxf(mx, __shfl_xor_sync(0xffffffffu, mx, 1));
        mx = fmaxf(mx, __shfl_xor_sync(0xffffffffu, mx, 2));
        const float mn = fmaxf(m, mx), mu = mn == neg_inf() ? 0.f : mn;
        const float alpha = exp2f(m - mu);
        m = mn;
        float rs = 0.f;
#pragma unroll
        for (int jj = 0; jj < 4; ++jj) {
            const float p = exp2f(s[jj] - mu);
            sP[r][c + 4 * jj] = p;
            rs += p;
        }
        l = l * alpha + rs;
#pragma unroll
        for (int i = 0; i < DPT; ++i)
#pragma unroll
            for (int e = 0; e < 4; ++e) acc[i][e] *= alpha;
        __syncwarp();  // row r of sP is written and read by the same four lanes
#pragma unroll 4
        for (int k = 0; k < BN; ++k) {
            const float p = sP[r][k];
#pragma unroll
            for (int i = 0; i < DPT; ++i) {
                const float4 v = *reinterpret_cast<const float4*>(sV + k * P + (c + 4 * i) * 4);
                acc[i][0] = fmaf(p, v.x, acc[i][0]);
                acc[i][1] = fmaf(p, v.y, acc[i][1]);
                acc[i][2] = fmaf(p, v.z, acc[i][2]);
                acc[i][3] = fmaf(p, v.w, acc[i][3]);
            }
        }
        __syncwarp();  // sP row reads done before the next tile rewrites it
    }
    l += __shfl_xor_sync(0xffffffffu, l, 1);
    l += __shfl_xor_sync(0xffffffffu, l, 2);
    const float inv = l > 0.f ? 1.f / l : 0.f;
    if (q < seq) {
        float* dst = o + (row0 + q) * ld_o + h * D;
#pragma unroll
        for (int i = 0; i < DPT; ++i)
            *reinterpret_cast<float4*>(dst + (c + 4 * i) * 4) =
                make_float4(acc[i][0] * inv, acc[i][1] * inv, acc[i][2] * inv, acc[i][3] * inv);
    }
}

}  // namespace attn_f32

// ------------------------------------------------------------------------------------------------------------
// KV-cache append: one block per new token copies its K and V heads into caches [batch, kv_heads, cache_len,
// head_dim]: block x = b·tokens + s takes row x of qkv (sequence b's token s) to position pos + s. Decode appends one
// token per sequence (tokens = 1: row b); a generation's prefill writes its whole prompt (tokens = seq, pos = 0).
namespace attn_kv {

template <typename T>
__device__ __forceinline__ void append(const T* qkv, T* kc, T* vc, int tokens, int heads, int kv_heads,
                                       int head_dim, int ld_qkv, int pos, int cache_len) {
    constexpr int V = Vec16<T>::N;
    const int b = blockIdx.x / tokens, n = kv_heads * head_dim;
    pos += blockIdx.x - b * tokens;
    const T* ks = qkv + (long long)blockIdx.x * ld_qkv + heads * head_dim;
    const T* vs = ks + n;
    const long long base = (long long)b * kv_heads * cache_len;  // row of (b, kv head 0, position 0)
    if (head_dim % V == 0 && ld_qkv % V == 0 && aligned16(qkv) && aligned16(kc) && aligned16(vc)) {
        for (int i = threadIdx.x * V; i < n; i += blockDim.x * V) {
            const int kh = i / head_dim, d = i % head_dim;
            const long long dst = (base + (long long)kh * cache_len + pos) * head_dim + d;
            *reinterpret_cast<uint4*>(kc + dst) = *reinterpret_cast<const uint4*>(ks + i);
            *reinterpret_cast<uint4*>(vc + dst) = *reinterpret_cast<const uint4*>(vs + i);
        }
    } else {
        for (int i = threadIdx.x; i < n; i += blockDim.x) {
            const int kh = i / head_dim, d = i % head_dim;
            const long long dst = (base + (long long)kh * cache_len + pos) * head_dim + d;
            kc[dst] = ks[i];
            vc[dst] = vs[i];
        }
    }
}

}  // namespace attn_kv

// ------------------------------------------------------------------------------------------------------------
// Decode (flash-decoding). Block (split, kv head x head group, sequence) handles up to GMAX = 8 query heads that
// share one KV head, over keys [split * chunk, min(ctx, (split + 1) * chunk)), chunk = ceil(ctx / splits) rounded
// up to the tile. K/V tiles of TILE keys (64 for 16-bit types, 32 for f32) are contiguous in the cache and arrive by
// cp.async, V while the scores of the tile are computed, the next K while softmax and PV run. Scores: TPK threads
// per key, interleaved over the 16-byte chunks of the row (row pitch = TPK mod 8 chunks: conflict-free). PV: thread
// (chunk c, key group kg) accumulates V chunk c over keys kg, kg + KG, ...; the key groups are summed in shared
// memory at the end. With splits > 1 every block writes its normalised partial output and log2-sum-exp to ws; the
// last block of a head group to finish (atomic counter in ws, reset by that block) combines them.
namespace attn_dec {

constexpr int THREADS = 128, GMAX = 8;

template <typename T, int D>
__device__ __forceinline__ void decode(const T* __restrict__ qkv, const T* __restrict__ kc, const T* __restrict__ vc,
                                       T* __restrict__ o, int batch, int heads, int kv_heads, int ld_qkv, int ld_o,
                                       int ctx, int cache_len, float scale, int splits, float* __restrict__ ws) {
    constexpr int V = Vec16<T>::N, TILE = sizeof(T) == 4 ? 32 : 64, TPK = THREADS / TILE;
    constexpr int CH = D / V, CPT = CH / TPK, KG = THREADS / CH;
    constexpr int PC = CH + ((TPK - CH % 8) + 8) % 8, P = PC * V;
    static_assert(CH % TPK == 0 && PC % 8 == TPK % 8, "score-phase layout");
    static_assert(KG * D <= TILE * P * (int)sizeof(T) / 4, "key-group partials fit in the K tile");
    __shared__ __align__(16) T sK[TILE * P];
    __shared__ __align__(16) T sV[TILE * P];
    __shared__ float sQ[GMAX][D];
    __shared__ float sS[GMAX][TILE];
    __shared__ float sM[GMAX], sL[GMAX], sA[GMAX];
    __shared__ int sLast;

    const int tid = threadIdx.x, lane = tid & 31, warp = tid >> 5;
    const int G = heads / kv_heads, ngroups = (G + GMAX - 1) / GMAX;
    const int split = blockIdx.x, kvh = blockIdx.y / ngroups, g0 = (blockIdx.y % ngroups) * GMAX, b = blockIdx.z;
    const int gn = min(GMAX, G - g0);
    const int h0 = kvh * G + g0;  // first query head of this block
    const int chunk = ((ctx + splits - 1) / splits + TILE - 1) / TILE * TILE;
    const int kbeg = split * chunk, kend = min(ctx, kbeg + chunk);
    const int ntiles = kend > kbeg ? (kend - kbeg + TILE - 1) / TILE : 0;
    const long long cbase = ((long long)b * kv_heads + kvh) * cache_len * D;
    const T* gK = kc + cbase;
    const T* gV = vc + cbase;

    auto load = [&](T* dst, const T* src, int k0) {
        for (int idx = tid; idx < TILE * CH; idx += THREADS) {
            const int r = idx / CH, c = idx % CH;
            const bool ok = k0 + r < kend;
            cp_async16(smem_addr(dst + r * P + c * V), ok ? (const void*)(src + (long long)(k0 + r) * D + c * V)
                                                          : (const void*)src, ok);
        }
    };
    if (ntiles > 0) load(sK, gK, kbeg);
    cp_async_commit();

    const float sl2 = scale * SB_LOG2E;  // folded into q
    for (int i = tid; i < GMAX * D; i += THREADS) {
        const int gq = i / D, d = i % D;
        sQ[gq][d] = gq < gn ? to_f(qkv[(long long)b * ld_qkv + (long long)(h0 + gq) * D + d]) * sl2 : 0.f;
    }
    if (tid < GMAX) {
        sM[tid] = neg_inf();
        sL[tid] = 0.f;
    }

    const int skey = tid / TPK, spart = tid % TPK;
    const int pc = tid % CH, pkg = tid / CH;
    float acc[GMAX][V];
#pragma unroll
    for (int gq = 0; gq < GMAX; ++gq)
#pragma unroll
        for (int e = 0; e < V; ++e) acc[gq][e] = 0.f;

    for (int j = 0; j < ntiles; ++j) {
        const int k0 = kbeg + j * TILE;
        __syncthreads();  // V tile and sS of the previous tile consumed; on the first pass sQ / sM / sL written
        load(sV, gV, k0);
        cp_async_commit();
        cp_async_wait<1>();  // K tile j
        __syncthreads();

        float dot[GMAX];
#pragma unroll
        for (int gq = 0; gq < GMAX; ++gq) dot[gq] = 0.f;
#pragma unroll
        for (int i = 0; i < CPT; ++i) {
            const int c = spart + TPK * i;
            float kf[V];
            load_vec<T, V>(sK + skey * P + c * V, kf);
#pragma unroll
            for (int gq = 0; gq < GMAX; ++gq) {
                if (gq < gn) {
#pragma unroll
                    for (int e = 0; e < V; ++e) dot[gq] = fmaf(sQ[gq][c * V + e], kf[e], dot[gq]);
                }
            }
        }
#pragma unroll
        for (int gq = 0; gq < GMAX; ++gq) {
#pragma unroll
            for (int off = 1; off < TPK; off <<= 1) dot[gq] += __shfl_xor_sync(0xffffffffu, dot[gq], off);
            if (gq < gn && spart == 0) sS[gq][skey] = k0 + skey < kend ? dot[gq] : neg_inf();
        }
        __syncthreads();  // scores visible, K tile j consumed
        if (j + 1 < ntiles) load(sK, gK, k0 + TILE);
        cp_async_commit();

        for (int gq = warp; gq < gn; gq += THREADS / 32) {
            float mx = neg_inf();
            for (int k = lane; k < TILE; k += 32) mx = fmaxf(mx, sS[gq][k]);
            mx = warp_max(mx);
            const float mo = sM[gq], mn = fmaxf(mo, mx), mu = mn == neg_inf() ? 0.f : mn;
            float sum = 0.f;
            for (int k = lane; k < TILE; k += 32) {
                const float p = exp2f(sS[gq][k] - mu);
                sS[gq][k] = p;
                sum += p;
            }
            sum = warp_sum(sum);
            if (lane == 0) {
                const float a = exp2f(mo - mu);
                sA[gq] = a;
                sL[gq] = sL[gq] * a + sum;
                sM[gq] = mn;
            }
        }
        cp_async_wait<1>();  // V tile j
        __syncthreads();     // ... and probabilities, rescale factors visible

        if (pkg < KG) {
#pragma unroll
            for (int gq = 0; gq < GMAX; ++gq) {
                if (gq < gn) {
                    const float a = sA[gq];
#pragma unroll
                    for (int e = 0; e < V; ++e) acc[gq][e] *= a;
                }
            }
            for (int k = pkg; k < TILE; k += KG) {
                float vf[V];
                load_vec<T, V>(sV + k * P + pc * V, vf);
#pragma unroll
                for (int gq = 0; gq < GMAX; ++gq) {
                    if (gq < gn) {
                        const float p = sS[gq][k];
#pragma unroll
                        for (int e = 0; e < V; ++e) acc[gq][e] = fmaf(p, vf[e], acc[gq][e]);
                    }
                }
            }
        }
    }
    cp_async_wait<0>();

    // Sum the key groups: thread d < D ends with output column d of every head of the block.
    float* red = reinterpret_cast<float*>(sK);
    float out[GMAX];
#pragma unroll
    for (int gq = 0; gq < GMAX; ++gq) {
        out[gq] = 0.f;
        if (gq < gn) {  // uniform over the block
            __syncthreads();
            if (pkg < KG) {
#pragma unroll
                for (int e = 0; e < V; ++e) red[pkg * D + pc * V + e] = acc[gq][e];
            }
            __syncthreads();
            if (tid < D) {
                float s = 0.f;
#pragma unroll
                for (int kg = 0; kg < KG; ++kg) s += red[kg * D + tid];
                out[gq] = s;
            }
        }
    }

    if (splits == 1) {
        if (tid < D) {
#pragma unroll
            for (int gq = 0; gq < GMAX; ++gq) {
                if (gq < gn) {
                    const float lsum = sL[gq];
                    o[(long long)b * ld_o + (long long)(h0 + gq) * D + tid] = from_f<T>(lsum > 0.f ? out[gq] / lsum : 0.f);
                }
            }
        }
        return;
    }

    const long long parts = (long long)batch * heads * splits;
    float* wsO = ws;                                      // [batch, heads, splits, D]
    float* wsL = ws + parts * D;                          // [batch, heads, splits]
    int* cnt = reinterpret_cast<int*>(ws + parts * (D + 1));  // [batch, kv_heads * ngroups]
#pragma unroll
    for (int gq = 0; gq < GMAX; ++gq) {
        if (gq < gn) {
            const long long pi = ((long long)b * heads + h0 + gq) * splits + split;
            const float lsum = sL[gq];
            if (tid < D) wsO[pi * D + tid] = lsum > 0.f ? out[gq] / lsum : 0.f;
            if (tid == 0) wsL[pi] = lsum > 0.f ? sM[gq] + log2f(lsum) : neg_inf();
        }
    }
    if (!last_to_arrive(cnt + (long long)b * gridDim.y + blockIdx.y, splits, &sLast)) return;

#pragma unroll
    for (int gq = 0; gq < GMAX; ++gq) {
        if (gq < gn && tid < D) {
            const long long p0 = ((long long)b * heads + h0 + gq) * splits;
            float mx = neg_inf();
            for (int s = 0; s < splits; ++s) mx = fmaxf(mx, __ldcg(wsL + p0 + s));
            float num = 0.f, den = 0.f;
            for (int s = 0; s < splits; ++s) {
                const float lse = __ldcg(wsL + p0 + s);
                const float w = lse == neg_inf() ? 0.f : exp2f(lse - mx);
                num = fmaf(w, __ldcg(wsO + (p0 + s) * D + tid), num);
                den += w;
            }
            o[(long long)b * ld_o + (long long)(h0 + gq) * D + tid] = from_f<T>(den > 0.f ? num / den : 0.f);
        }
    }
}

}  // namespace attn_dec

// ------------------------------------------------------------------------------------------------------------
#define SB_PREFILL_TC(DT, T, D)                                                                                    \
    extern "C" __global__ void __launch_bounds__(attn_tc::THREADS)                                                 \
    attention_prefill_##DT##_d##D(const T* qkv, T* o, int batch, int seq, int heads, int kv_heads, int ld_qkv,     \
                                  int ld_o, float scale, int causal) {                                             \
        attn_tc::prefill<T, D>(qkv, o, seq, heads, kv_heads, ld_qkv, ld_o, scale, causal);                          \
    }

#define SB_PREFILL_F32(D)                                                                                          \
    extern "C" __global__ void __launch_bounds__(attn_f32::THREADS)                                                \
    attention_prefill_f32_d##D(const float* qkv, float* o, int batch, int seq, int heads, int kv_heads, int ld_qkv, \
                               int ld_o, float scale, int causal) {                                                \
        attn_f32::prefill<D>(qkv, o, seq, heads, kv_heads, ld_qkv, ld_o, scale, causal);                            \
    }

#define SB_DECODE(DT, T, D)                                                                                        \
    extern "C" __global__ void __launch_bounds__(attn_dec::THREADS, 1)                                                \
    attention_decode_##DT##_d##D(const T* qkv, const T* k_cache, const T* v_cache, T* o, int batch, int heads,     \
                                 int kv_heads, int ld_qkv, int ld_o, int ctx, int cache_len, float scale,          \
                                 int splits, float* ws) {                                                          \
        attn_dec::decode<T, D>(qkv, k_cache, v_cache, o, batch, heads, kv_heads, ld_qkv, ld_o, ctx, cache_len,      \
                               scale, splits, ws);                                                                 \
    }

#define SB_KV_APPEND(DT, T)                                                                                        \
    extern "C" __global__ void __launch_bounds__(256)                                                              \
    kv_append_##DT(const T* qkv, T* k_cache, T* v_cache, int batch, int tokens, int heads, int kv_heads,           \
                   int head_dim, int ld_qkv, int pos, int cache_len) {                                             \
        attn_kv::append<T>(qkv, k_cache, v_cache, tokens, heads, kv_heads, head_dim, ld_qkv, pos, cache_len);      \
    }

#define SB_ALL_D(M, ...) M(__VA_ARGS__, 32) M(__VA_ARGS__, 64) M(__VA_ARGS__, 80) M(__VA_ARGS__, 96) M(__VA_ARGS__, 128)

SB_ALL_D(SB_PREFILL_TC, f16, f16)
SB_ALL_D(SB_PREFILL_TC, bf16, bf16)
SB_PREFILL_F32(32)
SB_PREFILL_F32(64)
SB_PREFILL_F32(80)
SB_PREFILL_F32(96)
SB_PREFILL_F32(128)
SB_ALL_D(SB_DECODE, f32, float)
SB_ALL_D(SB_DECODE, f16, f16)
SB_ALL_D(SB_DECODE, bf16, bf16)
SB_KV_APPEND(f32, float)
SB_KV_APPEND(f16, f16)
SB_KV_APPEND(bf16, bf16)
