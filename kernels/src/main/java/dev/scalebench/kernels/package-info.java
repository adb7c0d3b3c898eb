/**
 * The CUDA side of scalebench. For now: finding the CUDA driver, a GPU and {@code nvcc} (used by {@code doctor}).
 * The CUDA C kernels under {@code src/main/cuda}, their build, and the JCuda launch layer are the subject of the
 * kernels issue.
 */
package dev.scalebench.kernels;
