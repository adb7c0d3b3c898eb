/**
 * The {@code djl} backend: inference with DJL's PyTorch engine (libtorch) on CPU or a CUDA GPU.
 *
 * <p>{@link dev.scalebench.backend.djl.DjlBackendProvider} loads the engine offline and resolves the device;
 * {@link dev.scalebench.backend.djl.DjlBackend} opens sessions for two kinds of points: a synthetic GPT decoder
 * with seeded random weights ({@code SyntheticDecoder}, prefill and decode with a KV cache; every matrix
 * product goes through one method that can count FLOPs, checked against {@link dev.scalebench.plan.Work}), and
 * a user model saved as TorchScript.
 *
 * <p><b>Which libtorch.</b> The bundled CPU one ({@code pytorch-native-cpu}), unless {@code PYTORCH_LIBRARY_PATH}
 * names another, or, on a GPU machine without it, {@link dev.scalebench.backend.djl.LibtorchDiscovery} finds a CUDA
 * libtorch that DJL's JNI ({@link dev.scalebench.backend.djl.TorchJni}) fits, in python3's {@code torch} package
 * or DJL's cache, and sets it as {@code PYTORCH_*} system properties before the engine loads (docs/gpu.md).
 *
 * <p><b>bf16 workaround.</b> DJL 0.35.1's JNI has no mapping for {@code DataType.BFLOAT16}: creating a bf16
 * array, casting to bf16, or {@code softmax} on a bf16 array abort the JVM, and a bf16 array reports
 * {@code UNKNOWN} as its type. So dtype casts and softmax go through {@link dev.scalebench.backend.djl.TorchOps},
 * a tiny TorchScript module (built by {@code tools/torchscript/make_torch_ops.py}) that takes the dtype as an int.
 * All dtypes use it, so fp32, fp16 and bf16 run the same code; softmax computes in fp32 and returns the input's
 * dtype. The sessions track the dtype themselves and never read a bf16 array directly.
 *
 * <p><b>Device sync.</b> PyTorch queues CUDA kernels asynchronously. A step ends by copying one element of its
 * final output to the host (cast to fp32 first); a device-to-host copy waits for all work queued on the stream,
 * so a step returns only after the GPU finished it. On CPU the ops are synchronous and the copy costs
 * microseconds; it is done anyway to keep one path.
 *
 * <p><b>Device time.</b> On a GPU, {@link dev.scalebench.backend.djl.DeviceTiming} retains the device's primary
 * context (the one PyTorch uses) through the kernels module, and each step records a CUDA event on the legacy
 * default stream before its forward and one after, so {@code lastDeviceNanos()} is the GPU's time for the forward,
 * reported next to the host's. When CUDA is not usable through JCuda, steps are timed on the host only, a warning
 * says why once, and the fingerprint's {@code device.timing} says so.
 *
 * <p><b>Memory.</b> Weights, inputs and the KV cache live in a session's manager; each step runs in a
 * sub-manager closed before it returns, so intermediates are freed every step. After an out-of-memory failure the
 * session closes itself so the memory is released before the next point.
 */
package dev.scalebench.backend.djl;
