/**
 * Test support shared with other modules through the kernels test-jar: {@link dev.scalebench.kernels.testing.FakeCuda}
 * builds a fake CUDA driver (one fake H100 that checks launches but runs nothing) and runs code against it in a
 * child JVM, so that the whole GPU path can be tested on a machine without a GPU.
 */
package dev.scalebench.kernels.testing;
