// Self-check of every scalebench kernel against a double-precision host reference (not built by Maven).
//
// On a GPU (sm_80 or newer), from the repository root:
//   nvcc -std=c++17 -O2 -arch=sm_90 -o /tmp/selfcheck kernels/src/test/cuda/selfcheck.cu && /tmp/selfcheck [--perf]
// (-arch=sm_80 for an A100). --perf adds timings (GEMM 4096^3, bandwidth kernels against the copy probe,
// attention, probes) after the checks; --quick uses the small shapes of the emulator.
// Without a GPU: kernels/src/test/cuda/emulate.sh compiles this same file with g++ against a host emulation of
// the CUDA features the kernels use (emu/), and runs the checks on the CPU (small shapes; --full for all).
//
// Inputs are rounded to the kernel's type first, so the reference sees exactly what the kernel sees; the
// tolerances allow for the one rounding of the result and fp32 accumulation. Exit status 0 when every check passes.
#ifndef SB_EMU
#include <cuda_runtime.h>
#endif
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

#include "../../main/cuda/activation.cu"
#include "../../main/cuda/attention.cu"
#include "../../main/cuda/embedding.cu"
#include "../../main/cuda/gemm.cu"
#include "../../main/cuda/norm.cu"
#include "../../main/cuda/probes.cu"
#include "../../main/cuda/rope.cu"
#include "../../main/cuda/softmax.cu"
#include "host_half.h"

// ---- device memory and launches, real or emulated -------------------------------------------------------------
#ifdef SB_EMU
static void* dev_alloc(size_t bytes) { return std::aligned_alloc(256, (bytes + 255) / 256 * 256); }
static void dev_free(void* p) { std::free(p); }
static void to_dev(void* d, const void* h, size_t bytes) { std::memcpy(d, h, bytes); }
static void to_host(void* h, const void* d, size_t bytes) { std::memcpy(h, d, bytes); }
#define LAUNCH(kernel, grid, block, smem, ...) \
    do {                                          \
        (void)(smem);                             \
        emu::launch(grid, block, [&] { kernel(__VA_ARGS__); }); \
    } while (0)
#else
#define CK(x)                                                                                          \
    do {                                                                                               \
        cudaError_t e_ = (x);                                                                          \
        if (e_ != cudaSuccess) {                                                                       \
            std::fprintf(stderr, "%s:%d: %s: %s\n", __FILE__, __LINE__, #x, cudaGetErrorString(e_)); \
            std::exit(2);                                                                              \
        }                                                                                              \
    } while (0)
static void* dev_alloc(size_t bytes) { void* p; CK(cudaMalloc(&p, bytes)); return p; }
static void dev_free(void* p) { CK(cudaFree(p)); }
static void to_dev(void* d, const void* h, size_t bytes) { CK(cudaMemcpy(d, h, bytes, cudaMemcpyHostToDevice)); }
static void to_host(void* h, const void* d, size_t bytes) { CK(cudaMemcpy(h, d, bytes, cudaMemcpyDeviceToHost)); }
#define LAUNCH(kernel, grid, block, smem, ...)                  \
    do {                                                        \
        kernel<<<(grid), (block), (smem)>>>(__VA_ARGS__);       \
        CK(cudaGetLastError());                                 \
        CK(cudaDeviceSynchronize());                            \
    } while (0)
#endif

// ---- element types on the host -------------------------------------------------------------------------------
template <typename T> struct Ty;
template <> struct Ty<float> {
    static float enc(float f) { return f; }
    static float dec(float f) { return f; }
    static constexpr const char* name = "f32";
    static constexpr double eps = 1.0 / (1 << 23);
};
template <> struct Ty<sb::f16> {
    static sb::f16 enc(float f) { return sb::f16{hh::f2h(f)}; }
    static float dec(sb::f16 h) { return hh::h2f(h.x); }
    static constexpr const char* name = "f16";
    static constexpr double eps = 1.0 / (1 << 10);
};
template <> struct Ty<sb::bf16> {
    static sb::bf16 enc(float f) { return sb::bf16{hh::f2bf(f)}; }
    static float dec(sb::bf16 h) { return hh::bf2f(h.x); }
    static constexpr const char* name = "bf16";
    static constexpr double eps = 1.0 / (1 << 7);
};

static std::mt19937 rng(1234);

// A device array of T with its host image in float (the values exactly as T holds them).
template <typename T> struct Buf {
    std::vector<float> h;
    T* d = nullptr;
    explicit Buf(size_t n, float lo = -1.f, float hi = 1.f) : h(n) {
        std::uniform_real_distribution<float> u(lo, hi);
        for (auto& v : h) v = Ty<T>::dec(Ty<T>::enc(u(rng)));
        d = static_cast<T*>(dev_alloc(n * sizeof(T) + 16));
        upload();
    }
    ~Buf() { dev_free(d); }
    Buf(const Buf&) = delete;
    void upload() {
        std::vector<T> t(h.size());
        for (size_t i = 0; i < h.size(); ++i) t[i] = Ty<T>::enc(h[i]);
        to_dev(d, t.data(), t.size() * sizeof(T));
    }
    std::vector<float> download() const {
        std::vector<T> t(h.size());
        to_host(t.data(), d, t.size() * sizeof(T));
        std::vector<float> f(h.size());
        for (size_t i = 0; i < h.size(); ++i) f[i] = Ty<T>::dec(t[i]);
        return f;
    }
    void fill_nan() {  // for outputs that must be fully overwritten
        std::vector<unsigned char> t(h.size() * sizeof(T), 0xff);
        to_dev(d, t.data(), t.size());
    }
};

static int failures = 0, checks = 0;

// |got - ref| <= atol + rtol * |ref| at every index in idx (all when empty); NaN in got fails.
static void expect(const std::string& what, const std::vector<float>& got, const std::vector<double>& ref,
                   double atol, double rtol, const std::vector<size_t>& idx = {}) {
    double max_abs = 0, worst = 0;
    size_t bad = 0, n = idx.empty() ? ref.size() : idx.size(), first_bad = 0;
    for (size_t j = 0; j < n; ++j) {
        const size_t i = idx.empty() ? j : idx[j];
        const double e = std::fabs((double)got[i] - ref[i]);
        const double lim = atol + rtol * std::fabs(ref[i]);
        if (!(e <= lim)) {
            if (bad++ == 0) first_bad = i;
        }
        if (e == e) max_abs = std::max(max_abs, e);
        if (e == e) worst = std::max(worst, e / lim);
    }
    ++checks;
    if (bad) ++failures;
    std::printf("%-4s %-52s max|err| %.3g (%.2f of tolerance)%s", bad ? "FAIL" : "ok", what.c_str(), max_abs, worst,
                bad ? "" : "\n");
    if (bad)
        std::printf(", %zu bad, first at %zu: got %g, want %g\n", bad, first_bad, (double)got[first_bad],
                    ref[first_bad]);
}

static int ceil_div(long long a, long long b) { return (int)((a + b - 1) / b); }
static int row_threads(int cols) { return std::min(1024, std::max(32, (ceil_div(cols, 16) + 31) / 32 * 32)); }

// ---- GEMM --------------------------------------------------------------------------------------------------------
template <typename T>
static void check_gemm(void (*k)(const T*, const T*, T*, int, int, int, int, int, int, float, float, int, float*),
                       int M, int N, int K, float alpha, float beta, int splits = 1) {
    const int lda = K + 8, ldb = K + 16, ldc = (N + 7) / 8 * 8 + 8;
    const bool tc = sizeof(T) == 2;
    const int bn = tc ? 256 : 128, tiles = ceil_div(M, 128) * ceil_div(N, bn);
    const size_t ws_bytes = splits > 1 ? 4 * ((size_t)tiles * splits * 128 * bn + tiles) : 0;
    float* ws = splits > 1 ? static_cast<float*>(dev_alloc(ws_bytes)) : nullptr;
    if (ws) {
        std::vector<unsigned char> z(ws_bytes, 0);
        to_dev(ws, z.data(), ws_bytes);
    }
    Buf<T> A((size_t)M * lda), B((size_t)N * ldb), C((size_t)M * ldc);
    std::vector<double> ref((size_t)M * ldc, 0.0);
    std::vector<size_t> idx;
    for (int m = 0; m < M; ++m)
        for (int n = 0; n < N; ++n) {
            double s = 0;
            for (int kk = 0; kk < K; ++kk) s += (double)A.h[(size_t)m * lda + kk] * B.h[(size_t)n * ldb + kk];
            const size_t i = (size_t)m * ldc + n;
            ref[i] = alpha * s + (beta != 0.f ? beta * (double)C.h[i] : 0.0);
            idx.push_back(i);
        }
    for (int rep = 0; rep < (splits > 1 ? 2 : 1); ++rep) {  // twice with splits: the counters must be back at zero
        if (beta == 0.f) C.fill_nan();  // beta = 0 must not read C
        else C.upload();
        LAUNCH(k, dim3(tiles, splits), dim3(256), tc ? 98304 : 0, A.d, B.d, C.d, M, N, K, lda, ldb, ldc, alpha, beta,
               splits, ws);
        std::vector<float> got = C.download();
        char what[96];
        std::snprintf(what, sizeof what, "gemm_nt_%s M=%d N=%d K=%d beta=%g splits=%d%s", Ty<T>::name, M, N, K, beta,
                      splits, rep ? " #2" : "");
        expect(what, got, ref, 1e-4 * std::sqrt((double)K), Ty<T>::eps, idx);
        // Padding columns beyond N must be untouched (they were NaN or the random initial values).
        size_t written = 0;
        for (int m = 0; m < M; ++m)
            for (int n = N; n < ldc; ++n) {
                const float g = got[(size_t)m * ldc + n];
                written += beta != 0.f ? g != C.h[(size_t)m * ldc + n] : g == g;
            }
        ++checks;
        if (written) ++failures;
        std::printf("%-4s %-52s %zu padding elements written\n", written ? "FAIL" : "ok",
                    "  (gemm leaves ldc padding alone)", written);
    }
    if (ws) dev_free(ws);
}

// ---- row kernels -------------------------------------------------------------------------------------------------
template <typename T>
static void check_softmax(void (*k)(const T*, T*, int, int, float, int), int rows, int cols, int causal_q,
                          int threads, bool in_place) {
    Buf<T> x((size_t)rows * cols, -4.f, 4.f), y((size_t)rows * cols);
    const float scale = 0.7f;
    LAUNCH(k, dim3(rows), dim3(threads), 0, x.d, in_place ? x.d : y.d, rows, cols, scale, causal_q);
    std::vector<float> got = in_place ? x.download() : y.download();
    std::vector<double> ref(got.size());
    for (int r = 0; r < rows; ++r) {
        int lim = cols;
        if (causal_q > 0) lim = std::min(cols, r % causal_q + cols - causal_q + 1);
        double mx = -INFINITY, s = 0;
        for (int j = 0; j < lim; ++j) mx = std::max(mx, scale * (double)x.h[(size_t)r * cols + j]);
        for (int j = 0; j < lim; ++j) s += std::exp(scale * (double)x.h[(size_t)r * cols + j] - mx);
        for (int j = 0; j < cols; ++j)
            ref[(size_t)r * cols + j] = j < lim ? std::exp(scale * (double)x.h[(size_t)r * cols + j] - mx) / s : 0.0;
    }
    char what[96];
    std::snprintf(what, sizeof what, "softmax_rows_%s %dx%d causal_q=%d threads=%d%s", Ty<T>::name, rows, cols,
                  causal_q, threads, in_place ? " in place" : "");
    expect(what, got, ref, 1e-6, 2 * Ty<T>::eps + 1e-5);
}

template <typename T>
static void check_norm(int rows, int cols, int ld_x, bool rms, bool bias, int threads) {
    Buf<T> x((size_t)rows * ld_x, -2.f, 3.f), w(cols, 0.5f, 1.5f), b(cols), y((size_t)rows * cols);
    const float eps = 1e-5f;
    if constexpr (std::is_same_v<T, float>) {
        if (rms) LAUNCH(rmsnorm_f32, dim3(rows), dim3(threads), 0, x.d, w.d, y.d, rows, cols, ld_x, eps);
        else LAUNCH(layernorm_f32, dim3(rows), dim3(threads), 0, x.d, w.d, bias ? b.d : nullptr, y.d, rows, cols, ld_x, eps);
    } else if constexpr (std::is_same_v<T, sb::f16>) {
        if (rms) LAUNCH(rmsnorm_f16, dim3(rows), dim3(threads), 0, x.d, w.d, y.d, rows, cols, ld_x, eps);
        else LAUNCH(layernorm_f16, dim3(rows), dim3(threads), 0, x.d, w.d, bias ? b.d : nullptr, y.d, rows, cols, ld_x, eps);
    } else {
        if (rms) LAUNCH(rmsnorm_bf16, dim3(rows), dim3(threads), 0, x.d, w.d, y.d, rows, cols, ld_x, eps);
        else LAUNCH(layernorm_bf16, dim3(rows), dim3(threads), 0, x.d, w.d, bias ? b.d : nullptr, y.d, rows, cols, ld_x, eps);
    }
    std::vector<float> got = y.download();
    std::vector<double> ref(got.size());
    for (int r = 0; r < rows; ++r) {
        const float* xr = &x.h[(size_t)r * ld_x];
        double mean = 0, var = 0;
        if (!rms) {
            for (int j = 0; j < cols; ++j) mean += xr[j];
            mean /= cols;
        }
        for (int j = 0; j < cols; ++j) var += (xr[j] - mean) * (xr[j] - mean);
        var /= cols;
        const double rstd = 1.0 / std::sqrt(var + eps);
        for (int j = 0; j < cols; ++j)
            ref[(size_t)r * cols + j] = (xr[j] - mean) * rstd * w.h[j] + (!rms && bias ? b.h[j] : 0.0);
    }
    char what[96];
    std::snprintf(what, sizeof what, "%s_%s %dx%d ld_x=%d%s threads=%d", rms ? "rmsnorm" : "layernorm", Ty<T>::name,
                  rows, cols, ld_x, !rms && !bias ? " no bias" : "", threads);
    expect(what, got, ref, 1e-5, 2 * Ty<T>::eps + 1e-5);
}

// ---- elementwise --------------------------------------------------------------------------------------------------
template <typename T>
static void check_elementwise(void (*gelu)(const T*, T*, long long), void (*add)(const T*, const T*, T*, long long),
                              void (*silu)(const T*, T*, int, int), long long n, int offset) {
    Buf<T> a(n + 8, -5.f, 5.f), b(n + 8), y(n + 8);
    LAUNCH(gelu, dim3(3), dim3(256), 0, a.d + offset, y.d + offset, n);
    std::vector<float> got = y.download();
    std::vector<double> ref(got.size(), 0.0);
    std::vector<size_t> idx;
    for (long long i = 0; i < n; ++i) {
        const double v = a.h[offset + i];
        ref[offset + i] = 0.5 * v * (1.0 + std::erf(v / std::sqrt(2.0)));
        idx.push_back(offset + i);
    }
    char what[96];
    std::snprintf(what, sizeof what, "gelu_%s n=%lld offset=%d", Ty<T>::name, n, offset);
    expect(what, got, ref, 1e-6, 2 * Ty<T>::eps + 1e-6, idx);

    LAUNCH(add, dim3(2), dim3(256), 0, a.d + offset, b.d + offset, a.d + offset, n);  // in place, y = a
    got = a.download();
    for (long long i = 0; i < n; ++i) ref[offset + i] = (double)a.h[offset + i] + b.h[offset + i];
    std::snprintf(what, sizeof what, "add_%s n=%lld offset=%d (in place)", Ty<T>::name, n, offset);
    expect(what, got, ref, 1e-6, Ty<T>::eps, idx);

    const int rows = 5, dff = (int)(n / 10) + offset;  // offset 1 makes dff odd: scalar path
    Buf<T> gu((size_t)rows * 2 * dff, -4.f, 4.f), o((size_t)rows * dff);
    LAUNCH(silu, dim3(2, 3), dim3(256), 0, gu.d, o.d, rows, dff);
    got = o.download();
    std::vector<double> r2(got.size());
    for (int r = 0; r < rows; ++r)
        for (int j = 0; j < dff; ++j) {
            const double g = gu.h[(size_t)r * 2 * dff + j], u = gu.h[(size_t)r * 2 * dff + dff + j];
            r2[(size_t)r * dff + j] = g / (1.0 + std::exp(-g)) * u;
        }
    std::snprintf(what, sizeof what, "silu_mul_%s rows=%d dff=%d", Ty<T>::name, rows, dff);
    expect(what, got, r2, 1e-6, 2 * Ty<T>::eps + 1e-6);
}

template <typename T>
static void check_embedding(void (*k)(const int*, const T*, T*, int, int), int tokens, int hidden) {
    const int vocab = 37;
    Buf<T> table((size_t)vocab * hidden), y((size_t)tokens * hidden);
    std::vector<int> ids(tokens);
    for (int t = 0; t < tokens; ++t) ids[t] = (int)(rng() % vocab);
    int* d_ids = static_cast<int*>(dev_alloc(tokens * sizeof(int)));
    to_dev(d_ids, ids.data(), tokens * sizeof(int));
    LAUNCH(k, dim3(ceil_div(tokens, 8)), dim3(256), 0, d_ids, table.d, y.d, tokens, hidden);
    std::vector<float> got = y.download();
    std::vector<double> ref(got.size());
    for (int t = 0; t < tokens; ++t)
        for (int j = 0; j < hidden; ++j) ref[(size_t)t * hidden + j] = table.h[(size_t)ids[t] * hidden + j];
    dev_free(d_ids);
    char what[96];
    std::snprintf(what, sizeof what, "embedding_%s tokens=%d hidden=%d", Ty<T>::name, tokens, hidden);
    expect(what, got, ref, 0, 0);
}

// ---- attention ---------------------------------------------------------------------------------------------------
// Reference attention of query vector q over keys/values rows [0, n) (D wide, strided), scale applied.
static void ref_attend(const float* q, const float* k, const float* v, long long kstride, long long vstride, int n,
                       int D, double scale, double* out) {
    std::vector<double> s(n);
    double mx = -INFINITY, sum = 0;
    for (int j = 0; j < n; ++j) {
        double d = 0;
        for (int e = 0; e < D; ++e) d += (double)q[e] * k[j * kstride + e];
        s[j] = d * scale;
        mx = std::max(mx, s[j]);
    }
    for (int j = 0; j < n; ++j) sum += (s[j] = std::exp(s[j] - mx));
    for (int e = 0; e < D; ++e) {
        double o = 0;
        for (int j = 0; j < n; ++j) o += s[j] * v[j * vstride + e];
        out[e] = n > 0 ? o / sum : 0.0;
    }
}

template <typename T, int D>
static void check_prefill(void (*k)(const T*, T*, int, int, int, int, int, int, float, int), int batch, int seq,
                          int heads, int kv_heads, int causal) {
    const int ld_qkv = (heads + 2 * kv_heads) * D + 8, ld_o = heads * D + 8;
    Buf<T> qkv((size_t)batch * seq * ld_qkv), o((size_t)batch * seq * ld_o);
    const float scale = 1.f / std::sqrt((float)D);
    const bool tc = sizeof(T) == 2;
    LAUNCH(k, dim3(ceil_div(seq, tc ? 128 : 32), heads, batch), dim3(tc ? 256 : 128), 0, qkv.d, o.d, batch, seq, heads,
           kv_heads, ld_qkv, ld_o, scale, causal);
    std::vector<float> got = o.download();
    std::vector<double> ref(got.size(), 0.0);
    std::vector<size_t> idx;
    for (int b = 0; b < batch; ++b)
        for (int h = 0; h < heads; ++h) {
            const int kvh = h / (heads / kv_heads);
            for (int s = 0; s < seq; ++s) {
                const size_t row = (size_t)b * seq + s;
                const float* q = &qkv.h[row * ld_qkv + h * D];
                const float* kk = &qkv.h[(size_t)b * seq * ld_qkv + (heads + kvh) * D];
                const float* vv = &qkv.h[(size_t)b * seq * ld_qkv + (heads + kv_heads + kvh) * D];
                ref_attend(q, kk, vv, ld_qkv, ld_qkv, causal ? s + 1 : seq, D, scale, &ref[row * ld_o + h * D]);
                for (int e = 0; e < D; ++e) idx.push_back(row * ld_o + h * D + e);
            }
        }
    char what[96];
    std::snprintf(what, sizeof what, "attention_prefill_%s_d%d b=%d s=%d h=%d kv=%d causal=%d", Ty<T>::name, D,
                  batch, seq, heads, kv_heads, causal);
    expect(what, got, ref, 3 * Ty<T>::eps + 1e-5, 2 * Ty<T>::eps, idx);
}

template <typename T, int D>
static void check_decode(void (*append)(const T*, T*, T*, int, int, int, int, int, int, int, int),
                         void (*k)(const T*, const T*, const T*, T*, int, int, int, int, int, int, int, float, int, float*),
                         int batch, int heads, int kv_heads, int ctx, int cache_len, int splits) {
    const int ld_qkv = (heads + 2 * kv_heads) * D, ld_o = heads * D + 8, G = heads / kv_heads;
    Buf<T> qkv((size_t)batch * ld_qkv), kc((size_t)batch * kv_heads * cache_len * D),
        vc((size_t)batch * kv_heads * cache_len * D), o((size_t)batch * ld_o);
    const int pos = ctx - 1;
    LAUNCH(append, dim3(batch), dim3(256), 0, qkv.d, kc.d, vc.d, batch, 1, heads, kv_heads, D, ld_qkv, pos, cache_len);
    for (int b = 0; b < batch; ++b)  // the host image of the caches after the append
        for (int kh = 0; kh < kv_heads; ++kh)
            for (int e = 0; e < D; ++e) {
                const size_t c = (((size_t)b * kv_heads + kh) * cache_len + pos) * D + e;
                kc.h[c] = qkv.h[(size_t)b * ld_qkv + (heads + kh) * D + e];
                vc.h[c] = qkv.h[(size_t)b * ld_qkv + (heads + kv_heads + kh) * D + e];
            }
    char what[112];
    std::vector<double> kref(kc.h.begin(), kc.h.end()), vref(vc.h.begin(), vc.h.end());
    std::snprintf(what, sizeof what, "kv_append_%s d=%d pos=%d", Ty<T>::name, D, pos);
    expect(what, kc.download(), kref, 0, 0);
    expect("  (v cache)", vc.download(), vref, 0, 0);

    const int ngroups = (G + 7) / 8;
    const size_t parts = (size_t)batch * heads * splits, cnt = (size_t)batch * kv_heads * ngroups;
    const size_t ws_bytes = splits > 1 ? 4 * (parts * (D + 1) + cnt) : 0;
    float* ws = splits > 1 ? static_cast<float*>(dev_alloc(ws_bytes)) : nullptr;
    if (ws) {
        std::vector<unsigned char> z(ws_bytes, 0);
        to_dev(ws, z.data(), ws_bytes);
    }
    const float scale = 1.f / std::sqrt((float)D);
    std::vector<double> ref(o.h.size(), 0.0);
    std::vector<size_t> idx;
    for (int b = 0; b < batch; ++b)
        for (int h = 0; h < heads; ++h) {
            const int kh = h / G;
            const size_t base = ((size_t)b * kv_heads + kh) * cache_len * D;
            ref_attend(&qkv.h[(size_t)b * ld_qkv + h * D], &kc.h[base], &vc.h[base], D, D, ctx, D, scale,
                       &ref[(size_t)b * ld_o + h * D]);
            for (int e = 0; e < D; ++e) idx.push_back((size_t)b * ld_o + h * D + e);
        }
    for (int rep = 0; rep < 2; ++rep) {  // twice: the split counters must be back at zero after a launch
        o.fill_nan();
        LAUNCH(k, dim3(splits, kv_heads * ngroups, batch), dim3(128), 0, qkv.d, kc.d, vc.d, o.d, batch, heads,
               kv_heads, ld_qkv, ld_o, ctx, cache_len, scale, splits, ws);
        std::snprintf(what, sizeof what, "attention_decode_%s_d%d b=%d h=%d kv=%d ctx=%d splits=%d #%d", Ty<T>::name, D,
                      batch, heads, kv_heads, ctx, splits, rep + 1);
        expect(what, o.download(), ref, 3 * Ty<T>::eps + 1e-5, 2 * Ty<T>::eps, idx);
    }
    if (ws) {
        std::vector<int> c(cnt);
        to_host(c.data(), reinterpret_cast<int*>(ws + parts * (D + 1)), cnt * sizeof(int));
        size_t nonzero = 0;
        for (int v : c) nonzero += v != 0;
        ++checks;
        if (nonzero) ++failures;
        std::printf("%-4s %-52s %zu non-zero\n", nonzero ? "FAIL" : "ok", "  (split counters reset)", nonzero);
        dev_free(ws);
    }
}

// kv_append of a whole prompt: row b·tokens + s to position pos + s of sequence b; other positions untouched.
template <typename T>
static void check_kv_append_tokens(void (*append)(const T*, T*, T*, int, int, int, int, int, int, int, int),
                                   int batch, int tokens, int heads, int kv_heads, int D, int pos, int cache_len) {
    const int ld_qkv = (heads + 2 * kv_heads) * D + 8;
    Buf<T> qkv((size_t)batch * tokens * ld_qkv), kc((size_t)batch * kv_heads * cache_len * D),
        vc((size_t)batch * kv_heads * cache_len * D);
    LAUNCH(append, dim3(batch * tokens), dim3(256), 0, qkv.d, kc.d, vc.d, batch, tokens, heads, kv_heads, D, ld_qkv,
           pos, cache_len);
    std::vector<double> kref(kc.h.begin(), kc.h.end()), vref(vc.h.begin(), vc.h.end());
    for (int b = 0; b < batch; ++b)
        for (int s = 0; s < tokens; ++s)
            for (int kh = 0; kh < kv_heads; ++kh)
                for (int e = 0; e < D; ++e) {
                    const size_t c = (((size_t)b * kv_heads + kh) * cache_len + pos + s) * D + e;
                    const size_t row = ((size_t)b * tokens + s) * ld_qkv;
                    kref[c] = qkv.h[row + (heads + kh) * D + e];
                    vref[c] = qkv.h[row + (heads + kv_heads + kh) * D + e];
                }
    char what[112];
    std::snprintf(what, sizeof what, "kv_append_%s b=%d tokens=%d pos=%d d=%d", Ty<T>::name, batch, tokens, pos, D);
    expect(what, kc.download(), kref, 0, 0);
    expect("  (v cache)", vc.download(), vref, 0, 0);
}

template <typename T, int D>
static void check_attention(void (*prefill)(const T*, T*, int, int, int, int, int, int, float, int),
                            void (*append)(const T*, T*, T*, int, int, int, int, int, int, int, int),
                            void (*decode)(const T*, const T*, const T*, T*, int, int, int, int, int, int, int, float, int, float*),
                            bool quick) {
    check_prefill<T, D>(prefill, 2, quick ? 70 : 300, 4, 2, 1);
    check_prefill<T, D>(prefill, 1, quick ? 150 : 200, 2, 2, 0);
    check_decode<T, D>(append, decode, 2, 4, 2, quick ? 100 : 700, quick ? 128 : 1024, 1);
    check_decode<T, D>(append, decode, 2, 4, 2, quick ? 150 : 700, quick ? 160 : 1024, 3);
    check_decode<T, D>(append, decode, 1, 18, 2, quick ? 70 : 300, quick ? 80 : 320, 4);  // 9 heads per KV head: 2 groups
}

// ---- rotary embeddings and the Q/K/V bias ------------------------------------------------------------------------
// The table as RopeTable.of makes it: row p = cos(p·theta^(-2i/D)) for i < D/2, then the sines.
static std::vector<float> rope_table(double theta, int D, int positions) {
    std::vector<float> t((size_t)positions * D);
    for (int p = 0; p < positions; ++p)
        for (int i = 0; i < D / 2; ++i) {
            const double a = p * std::pow(theta, -2.0 * i / D);
            t[(size_t)p * D + i] = (float)std::cos(a);
            t[(size_t)p * D + D / 2 + i] = (float)std::sin(a);
        }
    return t;
}

template <typename T>
static void check_rope(void (*k)(T*, const float*, int, int, int, int, int, int, int), int batch, int tokens,
                       int heads, int kv_heads, int D, int pos, int blocks) {
    const int ld_qkv = (heads + 2 * kv_heads) * D + 8, half = D / 2;
    Buf<T> qkv((size_t)batch * tokens * ld_qkv, -2.f, 2.f);
    const std::vector<float> table = rope_table(500000.0, D, pos + tokens);
    float* d_table = static_cast<float*>(dev_alloc(table.size() * sizeof(float)));
    to_dev(d_table, table.data(), table.size() * sizeof(float));
    LAUNCH(k, dim3(blocks), dim3(256), 0, qkv.d, d_table, batch, tokens, heads, kv_heads, D, ld_qkv, pos);
    std::vector<double> ref(qkv.h.begin(), qkv.h.end());  // value heads and padding unchanged
    for (int r = 0; r < batch * tokens; ++r) {
        const int p = pos + r % tokens;
        for (int h = 0; h < heads + kv_heads; ++h)
            for (int i = 0; i < half; ++i) {
                const size_t at = (size_t)r * ld_qkv + (size_t)h * D;
                const double c = table[(size_t)p * D + i], sn = table[(size_t)p * D + half + i];
                const double x1 = qkv.h[at + i], x2 = qkv.h[at + half + i];
                ref[at + i] = x1 * c - x2 * sn;
                ref[at + half + i] = x2 * c + x1 * sn;
            }
    }
    dev_free(d_table);
    char what[112];
    std::snprintf(what, sizeof what, "rope_%s b=%d tokens=%d h=%d kv=%d d=%d pos=%d blocks=%d", Ty<T>::name, batch,
                  tokens, heads, kv_heads, D, pos, blocks);
    expect(what, qkv.download(), ref, 1e-6, 2 * Ty<T>::eps + 1e-6);
}

template <typename T>
static void check_bias_add(void (*k)(T*, const T*, int, int, int), int rows, int cols, int ld_y) {
    Buf<T> y((size_t)rows * ld_y), bias(cols);
    LAUNCH(k, dim3(2, 3), dim3(256), 0, y.d, bias.d, rows, cols, ld_y);
    std::vector<double> ref(y.h.begin(), y.h.end());  // the padding past cols unchanged
    for (int r = 0; r < rows; ++r)
        for (int j = 0; j < cols; ++j) ref[(size_t)r * ld_y + j] = (double)y.h[(size_t)r * ld_y + j] + bias.h[j];
    char what[96];
    std::snprintf(what, sizeof what, "bias_add_%s rows=%d cols=%d ld_y=%d", Ty<T>::name, rows, cols, ld_y);
    expect(what, y.download(), ref, 1e-6, Ty<T>::eps);
}

// ---- probes ------------------------------------------------------------------------------------------------------
static void check_probes() {
    const long long n4 = 3000;
    Buf<float> a(n4 * 4), b(n4 * 4), c(n4 * 4);
    LAUNCH(probe_copy_f32, dim3(3), dim3(256), 0, (const float4*)a.d, (float4*)c.d, n4);
    std::vector<double> ref(a.h.begin(), a.h.end());
    expect("probe_copy_f32", c.download(), ref, 0, 0);
    LAUNCH(probe_triad_f32, dim3(3), dim3(256), 0, (const float4*)a.d, (const float4*)b.d, (float4*)c.d, 0.5f, n4);
    for (size_t i = 0; i < ref.size(); ++i) ref[i] = std::fma(0.5f, b.h[i], a.h[i]);
    expect("probe_triad_f32", c.download(), ref, 0, 0);

    const int blocks = 2, threads = 64, iters = 3;
    Buf<float> out(blocks * threads);
    LAUNCH(probe_fma_f32, dim3(blocks), dim3(threads), 0, out.d, iters);
    std::vector<double> fref(blocks * threads);
    for (int t = 0; t < blocks * threads; ++t) {
        const unsigned tx = t % threads;
        const float kk = hh::from_bits(0x3f7ffff0u - (tx & 15u));
        float x[8], s = 0;
        for (int i = 0; i < 8; ++i) x[i] = (float)((tx & 31u) + (unsigned)i) * 0.25f;
        for (int it = 0; it < iters * 32; ++it)
            for (int i = 0; i < 8; ++i) x[i] = std::fma(x[i], kk, 1.f);
        for (int i = 0; i < 8; ++i) s += x[i];
        fref[t] = s;
    }
    expect("probe_fma_f32", out.download(), fref, 0, 0);
    struct { void (*k)(float*, int); const char* name; double per_iter; } mma[] = {
        {probe_mma_f16, "probe_mma_f16", 1.0 / 8}, {probe_mma_bf16, "probe_mma_bf16", 1.0 / 8},
        {probe_mma_tf32, "probe_mma_tf32", 1.0 / 16}};
    for (auto& m : mma) {
        LAUNCH(m.k, dim3(blocks), dim3(threads), 0, out.d, iters);
        std::vector<double> r(blocks * threads, iters * m.per_iter);
        expect(m.name, out.download(), r, 0, 0);
    }
}

#ifndef SB_EMU
#include "selfcheck_perf.cuh"
#endif

int main(int argc, char** argv) {
    bool perf = false, quick = false, full = false;
    for (int i = 1; i < argc; ++i) {
        perf |= std::strcmp(argv[i], "--perf") == 0;
        quick |= std::strcmp(argv[i], "--quick") == 0;
        full |= std::strcmp(argv[i], "--full") == 0;
    }
#ifdef SB_EMU
    quick = !full;  // the emulator runs every CUDA thread as an OS thread: small shapes unless --full
#else
    cudaDeviceProp prop;
    CK(cudaGetDeviceProperties(&prop, 0));
    std::printf("device: %s (sm_%d%d, %d SMs)\n", prop.name, prop.major, prop.minor, prop.multiProcessorCount);
    CK(cudaFuncSetAttribute(gemm_nt_f16, cudaFuncAttributeMaxDynamicSharedMemorySize, 98304));
    CK(cudaFuncSetAttribute(gemm_nt_bf16, cudaFuncAttributeMaxDynamicSharedMemorySize, 98304));
#endif
    check_probes();

    for (float beta : {0.f, 1.f}) {
        check_gemm<sb::f16>(gemm_nt_f16, 130, 200, 72, 1.f, beta);
        check_gemm<sb::bf16>(gemm_nt_bf16, 257, 129, 40, 0.5f, beta);
        check_gemm<float>(gemm_nt_f32, 131, 136, 24, 1.f, beta);
    }
    check_gemm<sb::f16>(gemm_nt_f16, 1, 40, 8, 1.f, 0.f);
    check_gemm<float>(gemm_nt_f32, 3, 5, 8, 2.f, 1.f);
    check_gemm<sb::bf16>(gemm_nt_bf16, 5, 300, 264, 1.f, 1.f, 3);  // split-K, decode-like M
    check_gemm<sb::f16>(gemm_nt_f16, 130, 40, 64, 1.f, 0.f, 4);    // more splits than k tiles: one split is empty
    check_gemm<float>(gemm_nt_f32, 7, 130, 72, 0.5f, 1.f, 4);
    if (!quick) {
        check_gemm<sb::bf16>(gemm_nt_bf16, 300, 520, 1024, 1.f, 1.f);
        check_gemm<float>(gemm_nt_f32, 300, 260, 520, 1.f, 0.f);
    }

    check_softmax<float>(softmax_rows_f32, 5, 256, 0, row_threads(256), false);
    check_softmax<sb::f16>(softmax_rows_f16, 7, 100, 0, row_threads(100), false);  // 100 % 8 != 0: scalar path
    check_softmax<sb::bf16>(softmax_rows_bf16, 8, 96, 4, row_threads(96), true);
    check_softmax<sb::f16>(softmax_rows_f16, 8, 3, 6, 32, false);     // rows with no visible key: zeros, no NaN
    check_softmax<float>(softmax_rows_f32, 3, 1000, 0, 32, false);    // 1000 > 16 * 32: streaming path
    check_softmax<sb::bf16>(softmax_rows_bf16, 6, 1003, 3, 32, false);  // streaming, scalar, causal

    check_norm<float>(6, 96, 104, false, true, row_threads(96));
    check_norm<sb::f16>(6, 96, 96, false, false, row_threads(96));
    check_norm<sb::bf16>(5, 100, 100, false, true, row_threads(100));  // scalar path
    check_norm<sb::bf16>(4, 96, 200, true, false, row_threads(96));
    check_norm<sb::f16>(3, 1000, 1000, false, true, 32);               // streaming path
    check_norm<float>(3, 1000, 1000, true, false, 32);

    check_elementwise<float>(gelu_f32, add_f32, silu_mul_f32, 1003, 0);
    check_elementwise<sb::f16>(gelu_f16, add_f16, silu_mul_f16, 1003, 0);
    check_elementwise<sb::bf16>(gelu_bf16, add_bf16, silu_mul_bf16, 1003, 1);  // misaligned: scalar paths

    check_embedding<float>(embedding_f32, 19, 64);
    check_embedding<sb::f16>(embedding_f16, 19, 72);
    check_embedding<sb::bf16>(embedding_bf16, 9, 66);  // 66 % 8 != 0: scalar path
    check_embedding<sb::f16>(embedding_f16, 5, 1032);  // 129 vectors a row: two rounds of four loads per lane

    check_attention<float, 32>(attention_prefill_f32_d32, kv_append_f32, attention_decode_f32_d32, quick);
    check_attention<sb::f16, 64>(attention_prefill_f16_d64, kv_append_f16, attention_decode_f16_d64, quick);
    check_attention<sb::bf16, 80>(attention_prefill_bf16_d80, kv_append_bf16, attention_decode_bf16_d80, quick);
    check_kv_append_tokens<sb::bf16>(kv_append_bf16, 2, 7, 4, 2, 64, 0, 9);   // a prompt of 7 into a cache of 9
    check_kv_append_tokens<float>(kv_append_f32, 3, 4, 2, 1, 32, 5, 9);      // at an offset, up to the last position
    check_kv_append_tokens<sb::f16>(kv_append_f16, 2, 3, 2, 2, 20, 1, 6);    // 20 % 8 != 0: scalar path

    check_rope<float>(rope_f32, 2, 5, 4, 2, 32, 0, 3);          // prefill: positions 0..4, grid-stride over 3 blocks
    check_rope<sb::f16>(rope_f16, 3, 1, 8, 2, 64, 40, 2);       // decode: one token per sequence at position 40
    check_rope<sb::bf16>(rope_bf16, 2, 4, 6, 2, 128, 3000, 64); // more blocks than pairs; large positions
    check_rope<sb::bf16>(rope_bf16, 1, 3, 2, 1, 6, 7, 1);       // head dim 6: odd half, one block for everything

    check_bias_add<float>(bias_add_f32, 5, 96, 104);
    check_bias_add<sb::f16>(bias_add_f16, 3, 100, 100);         // 100 % 8 != 0: scalar path
    check_bias_add<sb::bf16>(bias_add_bf16, 70, 64, 72);        // more rows than grid.y: the row loop strides

    if (!quick) {
        check_attention<float, 128>(attention_prefill_f32_d128, kv_append_f32, attention_decode_f32_d128, quick);
        check_attention<sb::bf16, 32>(attention_prefill_bf16_d32, kv_append_bf16, attention_decode_bf16_d32, quick);
        check_attention<sb::f16, 96>(attention_prefill_f16_d96, kv_append_f16, attention_decode_f16_d96, quick);
        check_attention<sb::bf16, 128>(attention_prefill_bf16_d128, kv_append_bf16, attention_decode_bf16_d128, quick);
        check_attention<float, 80>(attention_prefill_f32_d80, kv_append_f32, attention_decode_f32_d80, quick);
    }

    std::printf("%d passed, %d failed\n", checks - failures, failures);
#ifndef SB_EMU
    if (perf) run_perf(prop);
#else
    (void)perf;
#endif
    return failures ? 1 : 0;
}
