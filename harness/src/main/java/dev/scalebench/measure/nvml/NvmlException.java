package dev.scalebench.measure.nvml;

/**
 * An NVML call that failed, or a library that could not be loaded. The message names the call, NVML's own text for
 * the code ({@code nvmlErrorString}) and the code, e.g. {@code nvmlDeviceGetTotalEnergyConsumption: Not Supported
 * (NVML error 3)}; a library that is not there reads {@code absent: libnvidia-ml.so.1 not found}.
 */
public final class NvmlException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** {@code NVML_ERROR_UNINITIALIZED}. */
    public static final int UNINITIALIZED = 1;
    /** {@code NVML_ERROR_NOT_SUPPORTED}: the device has no such counter or setting. */
    public static final int NOT_SUPPORTED = 3;
    /** {@code NVML_ERROR_NO_PERMISSION}. */
    public static final int NO_PERMISSION = 4;
    /** {@code NVML_ERROR_NOT_FOUND}: no such device. */
    public static final int NOT_FOUND = 6;
    /** {@code NVML_ERROR_INSUFFICIENT_SIZE}. */
    public static final int INSUFFICIENT_SIZE = 7;
    /** {@code NVML_ERROR_LIBRARY_NOT_FOUND}; also used here when {@code libnvidia-ml.so.1} cannot be loaded. */
    public static final int LIBRARY_NOT_FOUND = 12;
    /** {@code NVML_ERROR_FUNCTION_NOT_FOUND}; also used here when the loaded library lacks a function. */
    public static final int FUNCTION_NOT_FOUND = 13;

    private final String function;
    private final int code;

    NvmlException(String function, int code, String message) {
        super(message);
        this.function = function;
        this.code = code;
    }

    /** The NVML function that failed ({@code dlopen} when the library could not be loaded). */
    public String function() {
        return function;
    }

    /** NVML's return code ({@code nvmlReturn_t}). */
    public int code() {
        return code;
    }

    /** Whether the device does not have what was asked for (rather than a failure to read it). */
    public boolean notSupported() {
        return code == NOT_SUPPORTED || code == FUNCTION_NOT_FOUND;
    }

    /** Whether NVML itself is missing: no library, or a library without the function. */
    public boolean absent() {
        return code == LIBRARY_NOT_FOUND;
    }
}
