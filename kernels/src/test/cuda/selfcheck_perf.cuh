// selfcheck --perf (GPU only): times each kernel with CUDA events at the sizes the targets refer to, with the
// launch configurations of docs/kernels.md, and prints achieved TFLOP/s or GB/s (bandwidth kernels also as a
// fraction of the copy probe's). Included by selfcheck.cu.
#pragma once

// Mean milliseconds per call of f over reps calls, after one warm-up call.
template <typename F> static float time_ms(F f, int reps) {
    cudaEvent_t a, b;
    CK(cudaEventCreate(&a));
    CK(cudaEventCreate(&b));
    f();
    CK(cudaDeviceSynchronize());
    CK(cudaEventRecord(a));
    for (int i = 0; i < reps; ++i) f();
    CK(cudaEventRecord(b));
    CK(cudaEventSynchronize(b));
    CK(cudaGetLastError());
    float ms = 0;
    CK(cudaEventElapsedTime(&ms, a, b));
    CK(cudaEventDestroy(a));
    CK(cudaEventDestroy(b));
    return ms / reps;
}

static void report_flops(const char* what, double flop, float ms) {
    std::printf("perf %-58s %9.3f ms %9.1f TFLOP/s\n", what, ms, flop / (ms * 1e-3) / 1e12);
}
static double report_bytes(const char* what, double bytes, float ms, double copy_gbs) {
    const double gbs = bytes / (ms * 1e-3) / 1e9;
    std::printf("perf %-58s %9.3f ms %9.1f GB/s", what, ms, gbs);
    if (copy_gbs > 0) std::printf("  (%.0f %% of copy)", 100 * gbs / copy_gbs);
    std::printf("\n");
    return gbs;
}

// M x N x K; splits as docs/kernels.md recommends.
template <typename T>
static void perf_gemm(void (*k)(const T*, const T*, T*, int, int, int, int, int, int, float, float, int, float*), int M,
                      int N, int K, int sms) {
    Buf<T> A((size_t)M * K), B((size_t)N * K), C((size_t)M * N);
    const bool tc = sizeof(T) == 2;
    const int bn = tc ? 256 : 128, tiles = ceil_div(M, 128) * ceil_div(N, bn);
    const int splits = std::max(1, std::min(sms / tiles, K / 256));
    float* ws = nullptr;
    if (splits > 1) {
        const size_t bytes = 4 * ((size_t)tiles * splits * 128 * bn + tiles);
        ws = static_cast<float*>(dev_alloc(bytes));
        CK(cudaMemset(ws, 0, bytes));
    }
    const float ms = time_ms([&] {
        k<<<dim3(tiles, splits), 256, tc ? 98304 : 0>>>(A.d, B.d, C.d, M, N, K, K, K, N, 1.f, 0.f, splits, ws);
    }, 10);
    char what[80];
    std::snprintf(what, sizeof what, "gemm_nt_%s %dx%dx%d splits=%d", Ty<T>::name, M, N, K, splits);
    if (M >= 512) {
        report_flops(what, 2.0 * M * N * K, ms);
    } else {  // decode-sized: the weights dominate the traffic
        report_bytes(what, (double)sizeof(T) * ((double)N * K + (double)M * K + 2.0 * M * N), ms, 0);
    }
    if (ws) dev_free(ws);
}

static void run_perf(const cudaDeviceProp& prop) {
    const int sms = prop.multiProcessorCount;
    std::printf("-- timings (CUDA events, mean of several launches) --\n");
    perf_gemm<sb::bf16>(gemm_nt_bf16, 4096, 4096, 4096, sms);
    perf_gemm<sb::f16>(gemm_nt_f16, 4096, 4096, 4096, sms);
    perf_gemm<float>(gemm_nt_f32, 4096, 4096, 4096, sms);
    perf_gemm<sb::bf16>(gemm_nt_bf16, 16, 4096, 4096, sms);   // decode step, batch 16
    perf_gemm<sb::bf16>(gemm_nt_bf16, 16, 16384, 4096, sms);

    double copy_gbs;
    {
        const long long n4 = 1ll << 26;  // 1 GiB per array
        float4 *a, *b, *c;
        CK(cudaMalloc(&a, n4 * 16));
        CK(cudaMalloc(&b, n4 * 16));
        CK(cudaMalloc(&c, n4 * 16));
        CK(cudaMemset(a, 0, n4 * 16));
        CK(cudaMemset(b, 0, n4 * 16));
        const dim3 grid(sms * 16);
        float ms = time_ms([&] { probe_copy_f32<<<grid, 256>>>(a, c, n4); }, 20);
        copy_gbs = report_bytes("probe_copy_f32 1 GiB", 32.0 * n4, ms, 0);
        ms = time_ms([&] { probe_triad_f32<<<grid, 256>>>(a, b, c, 0.5f, n4); }, 20);
        report_bytes("probe_triad_f32 1 GiB", 48.0 * n4, ms, copy_gbs);
        CK(cudaFree(a));
        CK(cudaFree(b));
        CK(cudaFree(c));
    }
    {
        const int rows = 16384, cols = 4096;
        Buf<sb::bf16> x((size_t)rows * cols), y((size_t)rows * cols), w(cols), bias(cols);
        const int th = row_threads(cols);
        float ms = time_ms([&] { softmax_rows_bf16<<<rows, th>>>(x.d, y.d, rows, cols, 0.125f, 0); }, 20);
        report_bytes("softmax_rows_bf16 16384x4096", 4.0 * rows * cols, ms, copy_gbs);
        ms = time_ms([&] { layernorm_bf16<<<rows, th>>>(x.d, w.d, bias.d, y.d, rows, cols, cols, 1e-5f); }, 20);
        report_bytes("layernorm_bf16 16384x4096", 4.0 * rows * cols, ms, copy_gbs);
        ms = time_ms([&] { rmsnorm_bf16<<<rows, th>>>(x.d, w.d, y.d, rows, cols, cols, 1e-5f); }, 20);
        report_bytes("rmsnorm_bf16 16384x4096", 4.0 * rows * cols, ms, copy_gbs);
        const long long n = (long long)rows * cols;
        const dim3 eg((unsigned)std::min<long long>((n + 2047) / 2048, 65535));
        ms = time_ms([&] { gelu_bf16<<<eg, 256>>>(x.d, y.d, n); }, 20);
        report_bytes("gelu_bf16 64 Mi elements", 4.0 * n, ms, copy_gbs);
        ms = time_ms([&] { add_bf16<<<eg, 256>>>(x.d, y.d, y.d, n); }, 20);
        report_bytes("add_bf16 64 Mi elements", 6.0 * n, ms, copy_gbs);
        const int dff = cols / 2;  // x viewed as [rows, 2 * dff]
        ms = time_ms([&] { silu_mul_bf16<<<dim3(ceil_div(dff, 2048), std::min(rows, 65535)), 256>>>(x.d, y.d, rows, dff); }, 20);
        report_bytes("silu_mul_bf16 16384x2048", 6.0 * rows * dff, ms, copy_gbs);
        std::vector<int> ids(rows);
        for (int t = 0; t < rows; ++t) ids[t] = (int)(rng() % 4096);
        int* d_ids = static_cast<int*>(dev_alloc(rows * sizeof(int)));
        to_dev(d_ids, ids.data(), rows * sizeof(int));
        ms = time_ms([&] { embedding_bf16<<<ceil_div(rows, 8), 256>>>(d_ids, x.d, y.d, rows, cols); }, 20);
        report_bytes("embedding_bf16 16384 tokens x 4096", 4.0 * rows * cols, ms, copy_gbs);
        dev_free(d_ids);
    }
    {
        const int b = 4, s = 2048, h = 32, D = 128, ld = 3 * h * D;
        Buf<sb::bf16> qkv((size_t)b * s * ld), o((size_t)b * s * h * D);
        const dim3 grid(ceil_div(s, 128), h, b);
        for (int causal : {0, 1}) {
            const float ms = time_ms([&] {
                attention_prefill_bf16_d128<<<grid, 256>>>(qkv.d, o.d, b, s, h, h, ld, h * D, 0.088f, causal);
            }, 10);
            char what[80];
            std::snprintf(what, sizeof what, "attention_prefill_bf16_d128 b=4 s=2048 h=32 causal=%d", causal);
            report_flops(what, 4.0 * b * h * (double)s * s * D / (causal ? 2 : 1), ms);
        }
    }
    {
        const int b = 16, h = 32, kvh = 32, D = 128, ctx = 4096, ld = (h + 2 * kvh) * D;
        Buf<sb::bf16> qkv((size_t)b * ld), kc((size_t)b * kvh * ctx * D), vc((size_t)b * kvh * ctx * D), o((size_t)b * h * D);
        const int base = b * kvh;  // blocks per split (one head group each)
        const int splits = std::max(1, std::min(ceil_div(2 * sms, base), ceil_div(ctx, 256)));
        float* ws = static_cast<float*>(dev_alloc(4 * ((size_t)b * h * splits * (D + 1) + base)));
        CK(cudaMemset(ws, 0, 4 * ((size_t)b * h * splits * (D + 1) + base)));
        const float ms = time_ms([&] {
            attention_decode_bf16_d128<<<dim3(splits, kvh, b), 128>>>(qkv.d, kc.d, vc.d, o.d, b, h, kvh, ld, h * D, ctx,
                                                                      ctx, 0.088f, splits, ws);
        }, 20);
        char what[80];
        std::snprintf(what, sizeof what, "attention_decode_bf16_d128 b=16 h=32 ctx=4096 splits=%d", splits);
        report_bytes(what, 4.0 * b * kvh * (double)ctx * D, ms, copy_gbs);
        dev_free(ws);
    }
    {
        float* out = static_cast<float*>(dev_alloc((size_t)sms * 16 * 256 * 4));
        const int iters = 4096;
        float ms = time_ms([&] { probe_fma_f32<<<sms * 16, 256>>>(out, iters); }, 5);
        report_flops("probe_fma_f32", 512.0 * iters * sms * 16 * 256, ms);
        const double warps = sms * 8.0 * 8;
        ms = time_ms([&] { probe_mma_f16<<<sms * 8, 256>>>(out, iters); }, 5);
        report_flops("probe_mma_f16 (mma.sync)", 8.0 * 4096 * iters * warps, ms);
        ms = time_ms([&] { probe_mma_bf16<<<sms * 8, 256>>>(out, iters); }, 5);
        report_flops("probe_mma_bf16 (mma.sync)", 8.0 * 4096 * iters * warps, ms);
        ms = time_ms([&] { probe_mma_tf32<<<sms * 8, 256>>>(out, iters); }, 5);
        report_flops("probe_mma_tf32 (mma.sync)", 8.0 * 2048 * iters * warps, ms);
        dev_free(out);
    }
}
