// Two tiny kernels for the driver layer's own tests (FakeCudaTest); not part of the kernel ABI in docs/kernels.md.
// Regenerate the checked-in outputs next to this file with nvcc (any release; the fake driver accepts PTX ISA <= 9.0):
//   nvcc -ptx -arch=compute_80 -o selftest.ptx selftest.cu
//   nvcc -cubin -arch=sm_90 -o selftest.sm_90.cubin selftest.cu

// y[i·stride] += a·x[i] where mask is null or mask[i] != 0; one parameter of each kind the launcher marshals.
extern "C" __global__ void __launch_bounds__(256)
selftest_axpy(const float* x, float* y, int n, long long stride, float a, const int* mask) {
    long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n && (mask == nullptr || mask[i] != 0)) {
        y[i * stride] += a * x[i];
    }
}

// Reverses each block's 1024 floats through 4 KiB of static shared memory, and stages them in dynamic shared memory
// too, so the launch checks see both kinds.
extern "C" __global__ void selftest_reverse(const float* x, float* y, int n) {
    __shared__ float tile[1024];
    extern __shared__ float staged[];
    int i = blockIdx.x * 1024 + threadIdx.x;
    tile[threadIdx.x] = i < n ? x[i] : 0.0f;
    staged[threadIdx.x] = tile[threadIdx.x];
    __syncthreads();
    int j = blockIdx.x * 1024 + 1023 - threadIdx.x;
    if (j < n) {
        y[j] = staged[threadIdx.x];
    }
}
