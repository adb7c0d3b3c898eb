/**
 * What Linux says about the machine around a trial, read from {@code /proc} and {@code /sys}: the interference
 * sensor ({@link dev.scalebench.measure.linux.InterferenceSensor}: run-queue wait, involuntary context switches,
 * steal time, load average, CPU frequency), the CPU energy sensor through RAPL
 * ({@link dev.scalebench.measure.linux.Rapl}, {@link dev.scalebench.measure.linux.RaplSensor}) and the physical
 * cores available to the process ({@link dev.scalebench.measure.linux.CpuTopology}).
 *
 * <p>Every reader takes its roots ({@link dev.scalebench.measure.linux.LinuxRoots}: a folder standing for
 * {@code /proc} and one for {@code /sys}), so tests read fixture folders. Nothing here throws on a file that is
 * missing, unreadable or malformed: the value it would have given is unknown ({@code NaN}, {@code -1}, or no
 * reading at all), and an unknown value never raises a flag. docs/measurement.md, "Interference" and
 * "CPU energy (RAPL)", says what is read and why.
 */
package dev.scalebench.measure.linux;
