package dev.scalebench.measure;

/**
 * The measured GPU's state at the end of a trial's measured loop, with the throttle reasons seen at either end
 * (NVML; docs/measurement.md, "GPU state").
 *
 * @param smClockMHz SM clock, MHz ({@code -1} unknown)
 * @param memoryClockMHz memory clock, MHz ({@code -1} unknown)
 * @param throttleReasons NVML's clock throttle reason bits, OR-ed over the readings at the loop's start and end
 * @param temperatureC GPU temperature, °C ({@code -1} unknown)
 * @param memoryUsedBytes device memory in use, bytes ({@code -1} unknown)
 */
public record GpuSample(int smClockMHz, int memoryClockMHz, long throttleReasons, int temperatureC,
        long memoryUsedBytes) {

    /** NVML's {@code nvmlClocksThrottleReasonSwPowerCap}. */
    public static final long SW_POWER_CAP = 0x4L;
    /** NVML's {@code nvmlClocksThrottleReasonHwSlowdown} (power brake or thermal, hardware). */
    public static final long HW_SLOWDOWN = 0x8L;
    /** NVML's {@code nvmlClocksThrottleReasonSwThermalSlowdown}. */
    public static final long SW_THERMAL_SLOWDOWN = 0x20L;
    /** NVML's {@code nvmlClocksThrottleReasonHwThermalSlowdown}. */
    public static final long HW_THERMAL_SLOWDOWN = 0x40L;
    /** NVML's {@code nvmlClocksThrottleReasonHwPowerBrakeSlowdown}. */
    public static final long HW_POWER_BRAKE_SLOWDOWN = 0x80L;
    /** The reasons that flag a trial {@link Flag#THROTTLED}: power or thermal, software or hardware. */
    public static final long POWER_OR_THERMAL = SW_POWER_CAP | HW_SLOWDOWN | SW_THERMAL_SLOWDOWN
            | HW_THERMAL_SLOWDOWN | HW_POWER_BRAKE_SLOWDOWN;

    /** Whether the GPU was power- or thermal-throttled at either end of the loop. */
    public boolean throttled() {
        return (throttleReasons & POWER_OR_THERMAL) != 0;
    }
}
