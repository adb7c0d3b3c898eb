package dev.scalebench.cli;

import dev.scalebench.ScalebenchException;
import dev.scalebench.analysis.roofline.HardwareProfile;
import dev.scalebench.analysis.roofline.HardwareProfiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The hardware profile {@code --hardware ID|FILE|none} names, or the one matching a device. */
final class HardwareChoice {

    private HardwareChoice() {
    }

    /** Whether {@code option} is {@code none}. */
    static boolean none(String option) {
        return "none".equalsIgnoreCase(option);
    }

    /**
     * The profile {@code option} names (an id in {@code dir}, or a file), null for {@code none}; without an option,
     * the profile in {@code dir} matching {@code device}, or null.
     *
     * @throws ScalebenchException bad input when the named profile does not exist (listing those that do) or a
     *     profile file is invalid
     */
    static HardwareProfile resolve(String option, String device, Path dir) {
        if (none(option)) {
            return null;
        }
        if (option != null) {
            Path file = Path.of(option);
            if (option.endsWith(".yaml") || option.endsWith(".yml") || Files.isRegularFile(file)) {
                return HardwareProfiles.read(file);
            }
            Path named = dir.resolve(option + ".yaml");
            if (!Files.isRegularFile(named)) {
                throw ScalebenchException.badInput("--hardware " + option + ": no such profile (looked for "
                        + named + "; available: " + ids(dir) + ")");
            }
            return HardwareProfiles.read(named);
        }
        if (!Files.isDirectory(dir) || device == null || device.isBlank()) {
            return null;
        }
        return HardwareProfiles.match(device, HardwareProfiles.load(dir)).orElse(null);
    }

    private static String ids(Path dir) {
        if (!Files.isDirectory(dir)) {
            return "none, " + dir + " does not exist";
        }
        List<HardwareProfile> all = HardwareProfiles.load(dir);
        return String.join(", ", all.stream().map(HardwareProfile::id).toList());
    }
}
