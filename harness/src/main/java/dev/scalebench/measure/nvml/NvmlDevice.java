package dev.scalebench.measure.nvml;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;

/**
 * One GPU as NVML sees it, from an open {@link Nvml} (valid while it is open). Each method is one NVML call and
 * throws an {@link NvmlException} naming it when the call fails; a reading the GPU does not offer (an energy counter
 * before Volta, ECC on a consumer card) fails {@link NvmlException#notSupported() not supported}.
 */
public final class NvmlDevice {

    /** A clock domain ({@code nvmlClockType_t}). */
    public enum ClockType {
        /** {@code NVML_CLOCK_SM}: the streaming multiprocessors'. */
        SM(1),
        /** {@code NVML_CLOCK_MEM}: the device memory's. */
        MEMORY(2);

        final int code;

        ClockType(int code) {
            this.code = code;
        }
    }

    /**
     * A mode that takes effect after a reset ({@code nvmlDeviceGetEccMode}, {@code nvmlDeviceGetMigMode}).
     *
     * @param current on now
     * @param pending on after the next reset or reboot
     */
    public record Mode(boolean current, boolean pending) { }

    /**
     * Device memory ({@code nvmlMemory_t}).
     *
     * @param totalBytes installed
     * @param freeBytes not allocated
     * @param usedBytes allocated, by every process and the driver
     */
    public record Memory(long totalBytes, long freeBytes, long usedBytes) { }

    private static final int TEXT_BYTES = 96;
    private static final int NVML_TEMPERATURE_GPU = 0;

    private final Nvml nvml;
    private final Pointer handle;
    private final int index;
    private volatile boolean eventReasonsMissing;

    NvmlDevice(Nvml nvml, Pointer handle, int index) {
        this.nvml = nvml;
        this.handle = handle;
        this.index = index;
    }

    /** Its NVML index (PCI bus order, as {@code nvidia-smi -i} takes it). */
    public int index() {
        return index;
    }

    /** Its product name, e.g. {@code NVIDIA H100 80GB HBM3}. */
    public String name() {
        byte[] b = new byte[TEXT_BYTES];
        nvml.check("nvmlDeviceGetName", () -> nvml.lib().nvmlDeviceGetName(handle, b, b.length));
        return Native.toString(b);
    }

    /** Its UUID, {@code GPU-...}. */
    public String uuid() {
        byte[] b = new byte[TEXT_BYTES];
        nvml.check("nvmlDeviceGetUUID", () -> nvml.lib().nvmlDeviceGetUUID(handle, b, b.length));
        return Native.toString(b);
    }

    /**
     * The energy the GPU has drawn since the driver was loaded, mJ ({@code nvmlDeviceGetTotalEnergyConsumption};
     * Volta and newer). An unsigned 64-bit counter: compare two readings with {@link Long#compareUnsigned}.
     */
    public long energyMillijoules() {
        LongByReference v = new LongByReference();
        nvml.check("nvmlDeviceGetTotalEnergyConsumption",
                () -> nvml.lib().nvmlDeviceGetTotalEnergyConsumption(handle, v));
        return v.getValue();
    }

    /** The power draw, mW ({@code nvmlDeviceGetPowerUsage}; an average over up to a second on recent GPUs). */
    public int powerMilliwatts() {
        IntByReference v = new IntByReference();
        nvml.check("nvmlDeviceGetPowerUsage", () -> nvml.lib().nvmlDeviceGetPowerUsage(handle, v));
        return v.getValue();
    }

    /** The power limit in force, mW ({@code nvmlDeviceGetEnforcedPowerLimit}). */
    public int enforcedPowerLimitMilliwatts() {
        IntByReference v = new IntByReference();
        nvml.check("nvmlDeviceGetEnforcedPowerLimit", () -> nvml.lib().nvmlDeviceGetEnforcedPowerLimit(handle, v));
        return v.getValue();
    }

    /** The current clock of {@code type}, MHz ({@code nvmlDeviceGetClockInfo}). */
    public int clockMHz(ClockType type) {
        IntByReference v = new IntByReference();
        nvml.check("nvmlDeviceGetClockInfo", () -> nvml.lib().nvmlDeviceGetClockInfo(handle, type.code, v));
        return v.getValue();
    }

    /** The application clock of {@code type}, MHz: what {@code nvidia-smi -ac} set, else its default. */
    public int applicationClockMHz(ClockType type) {
        IntByReference v = new IntByReference();
        nvml.check("nvmlDeviceGetApplicationsClock",
                () -> nvml.lib().nvmlDeviceGetApplicationsClock(handle, type.code, v));
        return v.getValue();
    }

    /** The default application clock of {@code type}, MHz. */
    public int defaultApplicationClockMHz(ClockType type) {
        IntByReference v = new IntByReference();
        nvml.check("nvmlDeviceGetDefaultApplicationsClock",
                () -> nvml.lib().nvmlDeviceGetDefaultApplicationsClock(handle, type.code, v));
        return v.getValue();
    }

    /** The highest clock of {@code type}, MHz ({@code nvmlDeviceGetMaxClockInfo}). */
    public int maxClockMHz(ClockType type) {
        IntByReference v = new IntByReference();
        nvml.check("nvmlDeviceGetMaxClockInfo", () -> nvml.lib().nvmlDeviceGetMaxClockInfo(handle, type.code, v));
        return v.getValue();
    }

    /**
     * Why the clocks are below their maximum now: NVML's reason bits ({@code nvmlDeviceGetCurrentClocksEventReasons},
     * or its older name {@code nvmlDeviceGetCurrentClocksThrottleReasons} on drivers before 535), e.g.
     * {@link dev.scalebench.measure.GpuSample#SW_POWER_CAP}.
     */
    public long throttleReasons() {
        LongByReference v = new LongByReference();
        if (!eventReasonsMissing) {
            try {
                nvml.check("nvmlDeviceGetCurrentClocksEventReasons",
                        () -> nvml.lib().nvmlDeviceGetCurrentClocksEventReasons(handle, v));
                return v.getValue();
            } catch (NvmlException e) {
                if (e.code() != NvmlException.FUNCTION_NOT_FOUND) {
                    throw e;
                }
                eventReasonsMissing = true;
            }
        }
        nvml.check("nvmlDeviceGetCurrentClocksThrottleReasons",
                () -> nvml.lib().nvmlDeviceGetCurrentClocksThrottleReasons(handle, v));
        return v.getValue();
    }

    /** The GPU's temperature, °C. */
    public int temperatureC() {
        IntByReference v = new IntByReference();
        nvml.check("nvmlDeviceGetTemperature",
                () -> nvml.lib().nvmlDeviceGetTemperature(handle, NVML_TEMPERATURE_GPU, v));
        return v.getValue();
    }

    /** Device memory: installed, free, used. */
    public Memory memory() {
        long[] m = new long[3];
        nvml.check("nvmlDeviceGetMemoryInfo", () -> nvml.lib().nvmlDeviceGetMemoryInfo(handle, m));
        return new Memory(m[0], m[1], m[2]);
    }

    /** Whether persistence mode is on (the driver stays loaded with no client: {@code nvidia-smi -pm 1}). */
    public boolean persistenceMode() {
        IntByReference v = new IntByReference();
        nvml.check("nvmlDeviceGetPersistenceMode", () -> nvml.lib().nvmlDeviceGetPersistenceMode(handle, v));
        return v.getValue() != 0;
    }

    /** ECC of the device memory, now and after the next reboot. */
    public Mode eccMode() {
        IntByReference now = new IntByReference();
        IntByReference pending = new IntByReference();
        nvml.check("nvmlDeviceGetEccMode", () -> nvml.lib().nvmlDeviceGetEccMode(handle, now, pending));
        return new Mode(now.getValue() != 0, pending.getValue() != 0);
    }

    /** Multi-Instance GPU mode, now and after the next GPU reset. */
    public Mode migMode() {
        IntByReference now = new IntByReference();
        IntByReference pending = new IntByReference();
        nvml.check("nvmlDeviceGetMigMode", () -> nvml.lib().nvmlDeviceGetMigMode(handle, now, pending));
        return new Mode(now.getValue() != 0, pending.getValue() != 0);
    }
}
