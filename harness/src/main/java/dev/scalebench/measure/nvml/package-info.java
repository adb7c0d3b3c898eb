/**
 * The measured GPU's state and energy through NVML ({@code libnvidia-ml.so.1}, part of every NVIDIA driver), bound
 * with JNA: {@link dev.scalebench.measure.nvml.Nvml} (load, init, devices), {@link dev.scalebench.measure.nvml.NvmlDevice}
 * (one call per reading), the per-trial {@link dev.scalebench.measure.nvml.NvmlSensor} (energy counter delta,
 * clocks, throttle reasons) and the run's {@link dev.scalebench.measure.nvml.GpuFacts} (power limit, persistence,
 * clocks, ECC, MIG, driver). Part of the {@code measure} layer. Nothing here needs a CUDA runtime, and nothing
 * throws when there is no driver: it says {@code absent: libnvidia-ml.so.1 not found}. docs/measurement.md, "GPU
 * state and energy (NVML)", says what is read and when.
 */
package dev.scalebench.measure.nvml;
