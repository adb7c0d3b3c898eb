/**
 * The {@code cuda} backend: the synthetic decoders of both families (GPT-style; Llama with RMSNorm, rotary
 * embeddings, an untied LM head and Qwen2's Q/K/V biases) built from scalebench's own CUDA kernels (module
 * {@code kernels}), launched through JCuda's driver API, timed by the host clock and by CUDA events.
 *
 * <p>It runs the same workloads as the DJL backend (prefill, decode over a KV cache, generate: a prefill and decode
 * steps into a cache that grows in place) on the same synthetic models, with the same FLOP and byte counts, and
 * writes the same results. Weights, caches and token ids are made on the
 * device by seeded fills; nothing of the model's size ever lives on the Java heap.
 *
 * <p>Also {@code calibrate}'s measurement of the GPU's ceilings ({@link dev.scalebench.backend.cuda.Calibration}):
 * the probe kernels of {@code probes.cu}, opened through {@link dev.scalebench.backend.cuda.CalibrationProbes},
 * timed with CUDA events into a {@link dev.scalebench.backend.cuda.CalibrationResult}.
 */
package dev.scalebench.backend.cuda;
