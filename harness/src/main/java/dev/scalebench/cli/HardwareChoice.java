package dev.scalebench.cli;

import dev.scalebench.ScalebenchException;
import dev.scalebench.analysis.roofline.Ceilings;
import dev.scalebench.analysis.roofline.HardwareProfile;
import dev.scalebench.analysis.roofline.HardwareProfiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The hardware profile {@code --hardware ID|FILE|none} names, or the one matching a device: a measured profile in
 * {@code hardware/measured/} (written by {@code calibrate}) before the data sheets in {@code hardware/}.
 */
final class HardwareChoice {

    private HardwareChoice() {
    }

    /** Whether {@code option} is {@code none}. */
    static boolean none(String option) {
        return "none".equalsIgnoreCase(option);
    }

    /**
     * The profile {@code option} names (an id in {@code dir} or {@code dir/measured}, or a file), null for
     * {@code none}; without an option, the profile matching {@code device} (measured first), or null.
     *
     * @throws ScalebenchException bad input when the named profile does not exist (listing those that do) or a
     *     profile file is invalid
     */
    static HardwareProfile resolve(String option, String device, Path dir) {
        return ceilings(option, device, dir).hardware();
    }

    /**
     * As {@link #resolve}, with the data-sheet profile beside a measured one ({@link Ceilings}); an id names a
     * data sheet in {@code dir} or, failing that, a measured profile in {@code dir/measured}.
     */
    static Ceilings ceilings(String option, String device, Path dir) {
        if (none(option)) {
            return Ceilings.NONE;
        }
        if (option == null) {
            return Ceilings.forDevice(device, dir);
        }
        return Ceilings.withSpec(named(option, dir), device, dir);
    }

    private static HardwareProfile named(String option, Path dir) {
        Path file = Path.of(option);
        if (option.endsWith(".yaml") || option.endsWith(".yml") || Files.isRegularFile(file)) {
            return HardwareProfiles.read(file);
        }
        Path named = dir.resolve(option + ".yaml");
        Path measured = dir.resolve(HardwareProfiles.MEASURED_DIR).resolve(option + ".yaml");
        if (Files.isRegularFile(named)) {
            return HardwareProfiles.read(named);
        }
        if (Files.isRegularFile(measured)) {
            return HardwareProfiles.read(measured);
        }
        throw ScalebenchException.badInput("--hardware " + option + ": no such profile (looked for " + named
                + " and " + measured + "; available: " + ids(dir) + ")");
    }

    private static String ids(Path dir) {
        if (!Files.isDirectory(dir)) {
            return "none, " + dir + " does not exist";
        }
        List<String> all = new ArrayList<>(HardwareProfiles.load(dir).stream().map(HardwareProfile::id).toList());
        HardwareProfiles.load(dir.resolve(HardwareProfiles.MEASURED_DIR)).forEach(p -> all.add(p.id() + " (measured)"));
        return String.join(", ", all);
    }
}
