package dev.scalebench.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import dev.scalebench.config.DType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Dtype casts and softmax done inside libtorch by a tiny TorchScript module ({@code torch-ops.pt}, built by
 * {@code tools/torchscript/make_torch_ops.py}).
 *
 * <p>Why: DJL 0.35.1's PyTorch JNI has no mapping for {@code DataType.BFLOAT16}, so creating, casting to bf16, or
 * calling {@code NDArray.softmax} on a bf16 array aborts the JVM. Passing the dtype as an int to a TorchScript
 * method avoids the JNI mapping. All dtypes use this same path, so fp32, fp16 and bf16 run identical code.
 *
 * <p>Results are attached to the manager of the input array. Not thread-safe; one instance per session manager.
 */
public final class TorchOps implements AutoCloseable {

    static final String RESOURCE = "torch-ops.pt";

    /** Element types {@link #cast} knows, beyond {@link DType}. */
    public enum Target { FP32, FP16, BF16, INT64 }

    private final PtSymbolBlock module;

    /** Loads the module onto {@code manager}'s device; the module is closed by {@link #close()}. */
    public TorchOps(NDManager manager) {
        try (InputStream in = TorchOps.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " missing from the class path");
            }
            module = JniUtils.loadModule((PtNDManager) manager, in, true, false);
            JniUtils.enableInferenceMode(module);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + RESOURCE, e);
        }
    }

    /** {@code x} cast to {@code dtype} (a new array, even when the type already matches). */
    public NDArray cast(NDArray x, DType dtype) {
        return cast(x, switch (dtype) {
            case FP32 -> Target.FP32;
            case FP16 -> Target.FP16;
            case BF16 -> Target.BF16;
        });
    }

    /** {@code x} cast to {@code target} (a new array). */
    public NDArray cast(NDArray x, Target target) {
        try (IValue in = IValue.from((PtNDArray) x);
                IValue code = IValue.from((long) target.ordinal());
                IValue out = module.forward(in, code)) {
            return out.toTensor((PtNDManager) x.getManager());
        }
    }

    /** Softmax along {@code dim}, computed in fp32 and returned in {@code x}'s dtype. */
    public NDArray softmax(NDArray x, int dim) {
        try (IValue in = IValue.from((PtNDArray) x);
                IValue d = IValue.from((long) dim);
                IValue out = IValueUtils.runMethod(module, "softmax", in, d)) {
            return out.toTensor((PtNDManager) x.getManager());
        }
    }

    @Override
    public void close() {
        module.close();
    }
}
