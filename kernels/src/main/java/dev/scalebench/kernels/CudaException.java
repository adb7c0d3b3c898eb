package dev.scalebench.kernels;

import jcuda.driver.CUresult;

/** A CUDA driver call that failed: which call, its result code and name, and what to do where that is known. */
public class CudaException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String call;
    private final int code;

    /**
     * @param call the driver call and what it was doing, e.g. {@code cuMemAlloc(1073741824 bytes)}
     * @param code the {@code CUresult}
     */
    public CudaException(String call, int code) {
        super(call + " failed: " + CUresult.stringFor(code) + " (" + code + ")" + hint(code));
        this.call = call;
        this.code = code;
    }

    /** The call that failed. */
    public String call() {
        return call;
    }

    /** The driver's result code ({@code CUresult}). */
    public int code() {
        return code;
    }

    /** Whether the device ran out of memory. */
    public boolean isOutOfMemory() {
        return code == CUresult.CUDA_ERROR_OUT_OF_MEMORY;
    }

    /**
     * Whether the context is unusable after this error (a kernel faulted): every later call in this process fails
     * too, so the caller should stop using the GPU rather than go on with the next point.
     */
    public boolean isSticky() {
        return switch (code) {
            case CUresult.CUDA_ERROR_ILLEGAL_ADDRESS, CUresult.CUDA_ERROR_LAUNCH_FAILED,
                    CUresult.CUDA_ERROR_HARDWARE_STACK_ERROR, CUresult.CUDA_ERROR_ILLEGAL_INSTRUCTION,
                    CUresult.CUDA_ERROR_MISALIGNED_ADDRESS, CUresult.CUDA_ERROR_INVALID_ADDRESS_SPACE,
                    CUresult.CUDA_ERROR_INVALID_PC, CUresult.CUDA_ERROR_ECC_UNCORRECTABLE -> true;
            default -> false;
        };
    }

    private static String hint(int code) {
        return switch (code) {
            case CUresult.CUDA_ERROR_OUT_OF_MEMORY -> ": the device has too little free memory for this point";
            case CUresult.CUDA_ERROR_UNSUPPORTED_PTX_VERSION -> ": the driver is older than the nvcc that built the"
                    + " PTX; update the driver, or build the kernels with an nvcc no newer than the driver";
            case CUresult.CUDA_ERROR_NO_BINARY_FOR_GPU -> ": no code in the module for this GPU's architecture";
            case CUresult.CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES -> ": too many registers or too much shared memory"
                    + " per block for this launch";
            default -> "";
        };
    }

    /** Throws unless {@code result} is {@code CUDA_SUCCESS}. */
    static void check(int result, String call) {
        if (result != CUresult.CUDA_SUCCESS) {
            throw new CudaException(call, result);
        }
    }
}
