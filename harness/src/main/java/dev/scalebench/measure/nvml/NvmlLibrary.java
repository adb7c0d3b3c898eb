package dev.scalebench.measure.nvml;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The functions of {@code libnvidia-ml.so.1} the binding calls, as JNA maps them (the C declarations are NVML's
 * {@code nvml.h}): every one returns an {@code nvmlReturn_t} (0 success), {@code unsigned int} and
 * {@code nvmlEnableState_t} outputs are {@link IntByReference}, {@code unsigned long long} ones
 * {@link LongByReference}, and an {@code nvmlDevice_t} is an opaque {@link Pointer}. A function the loaded driver
 * does not export fails when first called, with an {@link UnsatisfiedLinkError}; {@link NvmlDevice} turns that into
 * {@link NvmlException#FUNCTION_NOT_FOUND}.
 */
interface NvmlLibrary extends Library {

    int nvmlInit_v2();

    int nvmlShutdown();

    String nvmlErrorString(int result);

    int nvmlSystemGetDriverVersion(byte[] version, int length);

    int nvmlDeviceGetCount_v2(IntByReference count);

    int nvmlDeviceGetHandleByIndex_v2(int index, PointerByReference device);

    int nvmlDeviceGetHandleByUUID(String uuid, PointerByReference device);

    int nvmlDeviceGetName(Pointer device, byte[] name, int length);

    int nvmlDeviceGetUUID(Pointer device, byte[] uuid, int length);

    /** Energy since the driver was last loaded, mJ (Volta and newer). */
    int nvmlDeviceGetTotalEnergyConsumption(Pointer device, LongByReference millijoules);

    int nvmlDeviceGetPowerUsage(Pointer device, IntByReference milliwatts);

    int nvmlDeviceGetEnforcedPowerLimit(Pointer device, IntByReference milliwatts);

    int nvmlDeviceGetClockInfo(Pointer device, int clockType, IntByReference mhz);

    int nvmlDeviceGetApplicationsClock(Pointer device, int clockType, IntByReference mhz);

    int nvmlDeviceGetDefaultApplicationsClock(Pointer device, int clockType, IntByReference mhz);

    int nvmlDeviceGetMaxClockInfo(Pointer device, int clockType, IntByReference mhz);

    /** The name since driver 535; the same bits as {@link #nvmlDeviceGetCurrentClocksThrottleReasons}. */
    int nvmlDeviceGetCurrentClocksEventReasons(Pointer device, LongByReference reasons);

    int nvmlDeviceGetCurrentClocksThrottleReasons(Pointer device, LongByReference reasons);

    int nvmlDeviceGetTemperature(Pointer device, int sensor, IntByReference celsius);

    /** {@code nvmlMemory_t}: total, free, used, bytes. */
    int nvmlDeviceGetMemoryInfo(Pointer device, long[] memory);

    int nvmlDeviceGetPersistenceMode(Pointer device, IntByReference mode);

    int nvmlDeviceGetEccMode(Pointer device, IntByReference current, IntByReference pending);

    int nvmlDeviceGetMigMode(Pointer device, IntByReference current, IntByReference pending);
}
