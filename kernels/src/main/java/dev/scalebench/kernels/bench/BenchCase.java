package dev.scalebench.kernels.bench;

import dev.scalebench.kernels.ops.KernelDType;
import java.util.Locale;

/**
 * One operation at one shape and element type: how the results name it, what one launch costs, and how to bind it
 * to a GPU.
 *
 * @param group the {@code --ops} name that selects it ({@code gemm}, {@code softmax}, ...)
 * @param op the operation as the JSON lines name it ({@code gemm_nt}, {@code softmax_rows}, ...)
 * @param type element type
 * @param shape {@code key=value,...}: identical in {@code tools/gpu/torch_ops.py}, so the two sides join on it
 * @param label what the shape stands for ({@code qkv}, {@code ffn_up}), or {@code null}
 * @param flops FLOPs per launch ({@link Costs})
 * @param bytes least bytes moved per launch ({@link Costs})
 * @param setup allocates and fills the buffers and returns the launch
 */
record BenchCase(String group, String op, KernelDType type, String shape, String label, long flops, long bytes,
                 Setup setup) {

    /** Binds a case to a GPU. */
    interface Setup {
        /** Allocates and fills the buffers (queued on the env's stream) and returns the bound case. */
        Bound bind(Env env);
    }

    /** The element type as the JSON lines and PyTorch name it: {@code fp32}, {@code fp16}, {@code bf16}. */
    String dtype() {
        return dtypeName(type);
    }

    static String dtypeName(KernelDType t) {
        return t == KernelDType.BF16 ? "bf16" : "fp" + t.suffix().substring(1);
    }

    /** FLOPs per byte. */
    double intensity() {
        return bytes == 0 ? 0 : (double) flops / bytes;
    }

    /** The {@code --list} line: op, dtype, shape, label (when there is one), flops, bytes. */
    String listLine() {
        JsonLine j = new JsonLine().put("op", op).put("dtype", dtype()).put("shape", shape);
        if (label != null) {
            j.put("label", label);
        }
        return j.put("flops", flops).put("bytes", bytes).toString();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %s %s%s", op, dtype(), shape, label == null ? "" : " (" + label + ")");
    }
}
