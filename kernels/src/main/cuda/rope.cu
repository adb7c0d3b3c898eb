// Rotary position embeddings (RoPE), in place on the query and key heads of the fused QKV projection.
//
// Rotate-half convention (Llama's reference code, Hugging Face's LlamaRotaryEmbedding, scalebench's DJL decoder):
// element i < D/2 of a head pairs with element i + D/2, and the pair turns by the angle p·theta^(-2i/D) of the
// token's position p:
//     y[i]       = x[i]·cos − x[i + D/2]·sin
//     y[i + D/2] = x[i + D/2]·cos + x[i]·sin
// The cosines and sines come from a table made once per session on the host (in double, rounded to fp32, as
// dev.scalebench.kernels.ops.RopeTable does): row p holds cos of the D/2 angles, then their sines. A table rather
// than sincosf in the kernel: the same values as the DJL decoder's tables, and no argument-reduction error at large
// positions. Arithmetic in fp32, one rounding per stored element.
#include "common.cuh"

using namespace sb;

namespace rope_k {

// Grid-stride over every (row, head, i < D/2) pair of the Q and K heads; row r = b·tokens + s sits at position
// pos + s. Consecutive threads take consecutive i: coalesced reads and writes of both halves.
template <typename T>
__device__ __forceinline__ void run(T* qkv, const float* table, int batch, int tokens, int heads, int kv_heads,
                                    int head_dim, int ld_qkv, int pos) {
    const int half = head_dim / 2, rot = heads + kv_heads;
    const long long per_row = (long long)rot * half;
    const long long n = (long long)batch * tokens * per_row;
    for (long long idx = (long long)blockIdx.x * blockDim.x + threadIdx.x; idx < n;
         idx += (long long)gridDim.x * blockDim.x) {
        const long long r = idx / per_row;
        const int within = (int)(idx - r * per_row);
        const int h = within / half, i = within - h * half;
        const int p = pos + (int)(r % tokens);
        const float c = table[(long long)p * head_dim + i];
        const float s = table[(long long)p * head_dim + half + i];
        T* x = qkv + r * ld_qkv + (long long)h * head_dim;
        const float x1 = to_f(x[i]), x2 = to_f(x[i + half]);
        x[i] = from_f<T>(fmaf(x1, c, -x2 * s));
        x[i + half] = from_f<T>(fmaf(x2, c, x1 * s));
    }
}

}  // namespace rope_k

#define SB_ROPE(DT, T)                                                                                      \
    extern "C" __global__ void __launch_bounds__(256)                                                        \
    rope_##DT(T* qkv, const float* table, int batch, int tokens, int heads, int kv_heads, int head_dim,      \
              int ld_qkv, int pos) {                                                                         \
        rope_k::run<T>(qkv, table, batch, tokens, heads, kv_heads, head_dim, ld_qkv, pos);                  \
    }

SB_ROPE(f32, float)
SB_ROPE(f16, f16)
SB_ROPE(bf16, bf16)
