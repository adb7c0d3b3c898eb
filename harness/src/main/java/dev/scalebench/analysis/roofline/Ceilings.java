package dev.scalebench.analysis.roofline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The profiles a roofline is drawn against: the one whose ceilings decide a point's bound, and, when that one was
 * measured, the data-sheet profile of the same hardware, so that achieved rates are reported as fractions of both.
 *
 * <p>For a device name ({@link #forDevice}), a measured profile in {@code hardware/measured/} that matches it
 * wins over the data sheets in {@code hardware/}: the measured ceilings are what this machine can reach, so they
 * are the honest yardstick for "bound by"; the data sheet stays beside them. A measured profile's data sheet is
 * the profile its {@code spec} key names, else the data sheet that matches the device.
 *
 * @param hardware the profile whose ceilings decide the bound; null when none matched (no roofline)
 * @param spec the data-sheet profile beside a measured {@code hardware}; null when {@code hardware} is itself a
 *     data sheet, or no data sheet of that hardware is known
 */
public record Ceilings(HardwareProfile hardware, HardwareProfile spec) {

    /** No roofline. */
    public static final Ceilings NONE = new Ceilings(null, null);

    /**
     * The ceilings for {@code device}: a matching profile in {@code dir/measured}, else in {@code dir}; for a
     * measured one, its data sheet beside it.
     *
     * @param device the device in words (as the run's fingerprint names it)
     * @param dir the hardware folder ({@code profiles/hardware})
     * @throws dev.scalebench.ScalebenchException bad input when a profile file there is invalid
     */
    public static Ceilings forDevice(String device, Path dir) {
        if (device == null || device.isBlank() || !Files.isDirectory(dir)) {
            return NONE;
        }
        Optional<HardwareProfile> measured = HardwareProfiles.match(device,
                HardwareProfiles.load(dir.resolve(HardwareProfiles.MEASURED_DIR)));
        if (measured.isPresent()) {
            return withSpec(measured.get(), device, dir);
        }
        return HardwareProfiles.match(device, HardwareProfiles.load(dir)).map(p -> withSpec(p, device, dir))
                .orElse(NONE);
    }

    /**
     * {@code profile} with, when it is measured, its data sheet: the profile {@code dir/<spec>.yaml}, else the
     * data sheet in {@code dir} matching {@code device} (may be null).
     */
    public static Ceilings withSpec(HardwareProfile profile, String device, Path dir) {
        if (profile == null || !profile.measured()) {
            return new Ceilings(profile, null);
        }
        if (!profile.spec().isEmpty()) {
            Path named = dir.resolve(profile.spec() + ".yaml");
            if (Files.isRegularFile(named)) {
                HardwareProfile spec = HardwareProfiles.read(named);
                return new Ceilings(profile, spec.measured() ? null : spec);
            }
        }
        if (device == null || device.isBlank() || !Files.isDirectory(dir)) {
            return new Ceilings(profile, null);
        }
        List<HardwareProfile> sheets = HardwareProfiles.load(dir).stream().filter(p -> !p.measured()).toList();
        return new Ceilings(profile, HardwareProfiles.match(device, sheets).orElse(null));
    }
}
