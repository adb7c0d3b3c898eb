package dev.scalebench.measure.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the readers of this package find {@code /proc} and {@code /sys}: the real ones in a sweep
 * ({@link #system()}), fixture folders in tests. The process's own files are under {@code proc/self}.
 *
 * @param proc the folder standing for {@code /proc}
 * @param sys the folder standing for {@code /sys}
 */
public record LinuxRoots(Path proc, Path sys) {

    /** The machine's own {@code /proc} and {@code /sys}. */
    public static LinuxRoots system() {
        return new LinuxRoots(Path.of("/proc"), Path.of("/sys"));
    }

    /** {@code proc/self/<name>}. */
    Path self(String name) {
        return proc.resolve("self").resolve(name);
    }

    /** {@code sys/devices/system/cpu/cpu<cpu>/<name>}. */
    Path cpu(int cpu, String name) {
        return sys.resolve("devices/system/cpu/cpu" + cpu).resolve(name);
    }

    /** The text of {@code file}, or null when it is missing or cannot be read (never throws). */
    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The value of the first line of {@code text} that starts with {@code key} (e.g. {@code "Cpus_allowed_list:"}), trimmed; null when none. */
    static String field(String text, String key) {
        if (text == null) {
            return null;
        }
        for (String line : text.split("\n", -1)) {
            if (line.startsWith(key)) {
                return line.substring(key.length()).trim();
            }
        }
        return null;
    }

    /** {@code s} as a non-negative long, or -1 when it is not one. */
    static long nonNegative(String s) {
        if (s == null) {
            return -1;
        }
        try {
            long v = Long.parseLong(s.trim());
            return v >= 0 ? v : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
