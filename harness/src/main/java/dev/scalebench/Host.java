package dev.scalebench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Facts about the machine the harness runs on, read once where asked; never throws. */
public final class Host {

    private Host() {
    }

    /**
     * This machine's name: {@code $HOSTNAME}, else {@code /etc/hostname}, else the resolver's name for the local
     * host; {@code "unknown"} when none answers.
     */
    public static String name() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        try {
            String h = Files.readString(Path.of("/etc/hostname"), StandardCharsets.UTF_8).trim();
            if (!h.isEmpty()) {
                return h;
            }
        } catch (IOException | RuntimeException ignored) {
            // fall through
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException ignored) {
            return "unknown";
        }
    }

    /** The CPU model ({@code model name} in /proc/cpuinfo, or its ARM spellings); empty when unreadable. */
    public static Optional<String> cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    String key = line.substring(0, colon).trim();
                    if (key.equals("model name") || key.equals("Model") || key.equals("cpu model")) {
                        return Optional.of(line.substring(colon + 1).trim());
                    }
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux, or not readable
        }
        return Optional.empty();
    }

    /** Physical memory in bytes, or {@code -1} when the JVM cannot tell (no jdk.management). */
    public static long physicalMemoryBytes() {
        try {
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
                return os.getTotalMemorySize();
            }
        } catch (RuntimeException | LinkageError ignored) {
            // jdk.management missing
        }
        return -1;
    }
}
