package dev.scalebench.measure.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CPU's energy counters through RAPL (Running Average Power Limit), as the kernel's powercap driver exposes
 * them under {@code /sys/class/powercap} (docs/measurement.md, "CPU energy (RAPL)").
 *
 * <p><b>Domains.</b> Each CPU package is a zone {@code intel-rapl:N} whose {@code name} is {@code package-N} (AMD
 * processors are exposed under the same names); its DRAM, where the processor meters it (servers, mostly), is the
 * subzone {@code intel-rapl:N:M} whose {@code name} is {@code dram}, reported as {@code dram-N}. The core and uncore
 * subzones are parts of the package and are not added; a top-level zone that is not a package ({@code psys}, the
 * whole platform on some laptops) is left out, and so are the {@code intel-rapl-mmio} zones (a second interface to
 * the same package counter). A reading is the sum over the domains found.
 *
 * <p><b>Counters.</b> {@code energy_uj} counts microjoules since an arbitrary start and wraps to zero at
 * {@code max_energy_range_uj} (about 262 kJ on most Intel parts: some 20 minutes at 200 W). A difference that went
 * backwards has wrapped once and gets the range added; two wraps within one trial cannot be seen (a trial times out
 * long before at a package's power). A counter whose range is unreadable and that went backwards gives no reading.
 *
 * <p><b>Unavailable.</b> {@link #unavailableReason()} says why there is no reading: no powercap or no package zone
 * (a virtual machine, a kernel without the {@code intel_rapl} driver, a non-x86 machine), or {@code energy_uj}
 * unreadable: since Linux 5.10 it is readable by root only (CVE-2020-8694, the Platypus power side channel).
 */
public final class Rapl {

    /** Reads a file's text; the system's reader, or a test's that fails as the kernel would. */
    @FunctionalInterface
    public interface FileReader {
        String read(Path file) throws IOException;
    }

    /** One counter: its label ({@code package-0}, {@code dram-0}), its file and its wrap range (-1 unknown). */
    record Domain(String label, Path energy, long maxRangeMicrojoules) { }

    private static final Pattern PACKAGE = Pattern.compile("intel-rapl:(\\d{1,4})");
    private static final Pattern SUBZONE = Pattern.compile("intel-rapl:(\\d{1,4}):(\\d{1,4})");

    private final List<Domain> domains;
    private final String unavailable;
    private final FileReader reader;

    private Rapl(List<Domain> domains, String unavailable, FileReader reader) {
        this.domains = List.copyOf(domains);
        this.unavailable = unavailable;
        this.reader = reader;
    }

    /** This machine's RAPL counters. */
    public static Rapl probe() {
        return probe(LinuxRoots.system(), f -> Files.readString(f, StandardCharsets.US_ASCII));
    }

    /** The RAPL counters under {@code roots.sys()/class/powercap}, read through {@code reader}. Never throws. */
    public static Rapl probe(LinuxRoots roots, FileReader reader) {
        Path powercap = roots.sys().resolve("class/powercap");
        TreeMap<Integer, Path> packages = new TreeMap<>();
        TreeMap<Integer, List<Path>> subzones = new TreeMap<>();
        try (DirectoryStream<Path> zones = Files.newDirectoryStream(powercap)) {
            for (Path zone : zones) {
                String name = zone.getFileName().toString();
                Matcher p = PACKAGE.matcher(name);
                Matcher s = SUBZONE.matcher(name);
                if (p.matches()) {
                    packages.put(Integer.parseInt(p.group(1)), zone);
                } else if (s.matches()) {
                    subzones.computeIfAbsent(Integer.parseInt(s.group(1)), k -> new ArrayList<>()).add(zone);
                }
            }
        } catch (IOException | RuntimeException e) {
            packages.clear();
        }
        if (packages.isEmpty()) {
            return unavailable("no " + powercap.resolve("intel-rapl:0")
                    + ": the kernel exposes no RAPL here; a virtual machine, a kernel without the intel_rapl driver, "
                    + "or not an x86 processor", reader);
        }
        List<Domain> domains = new ArrayList<>();
        for (var e : packages.entrySet()) {
            String name = text(reader, e.getValue().resolve("name"));
            if (name == null || !name.startsWith("package")) {
                continue;
            }
            Object pkg = domain(reader, e.getValue(), name);
            if (pkg instanceof String reason) {
                return unavailable(reason, reader);
            }
            domains.add((Domain) pkg);
            for (Path sub : subzones.getOrDefault(e.getKey(), List.of())) {
                if ("dram".equals(text(reader, sub.resolve("name")))
                        && domain(reader, sub, "dram-" + e.getKey()) instanceof Domain dram) {
                    domains.add(dram);
                }
            }
        }
        if (domains.isEmpty()) {
            return unavailable("no zone named package-N under " + powercap, reader);
        }
        return new Rapl(domains, null, reader);
    }

    /** A domain whose counter reads as a number now, or the reason (a {@code String}) why it does not. */
    private static Object domain(FileReader reader, Path zone, String label) {
        Path energy = zone.resolve("energy_uj");
        String value;
        try {
            value = reader.read(energy).trim();
        } catch (AccessDeniedException e) {
            return energy + " is readable by root only since Linux 5.10 (CVE-2020-8694); run as root, or "
                    + "sudo chmod o+r " + energy.getParent().getParent().resolve("intel-rapl:*/energy_uj")
                    + " (until the next boot)";
        } catch (NoSuchFileException e) {
            return "no " + energy + ": the kernel exposes no RAPL energy counter here";
        } catch (IOException | RuntimeException e) {
            return "cannot read " + energy + ": " + e.getMessage();
        }
        if (LinuxRoots.nonNegative(value) < 0) {
            return energy + " holds '" + value + "', not a count of microjoules";
        }
        return new Domain(label, energy, LinuxRoots.nonNegative(text(reader, zone.resolve("max_energy_range_uj"))));
    }

    private static String text(FileReader reader, Path file) {
        try {
            return reader.read(file).trim();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Rapl unavailable(String reason, FileReader reader) {
        return new Rapl(List.of(), reason, reader);
    }

    /** Whether the counters can be read. */
    public boolean available() {
        return unavailable == null;
    }

    /** Why the counters cannot be read; empty when they can. */
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailable);
    }

    /** The domains read, e.g. {@code [package-0, dram-0]}; empty when unavailable. */
    public List<String> domainLabels() {
        return domains.stream().map(Domain::label).toList();
    }

    /**
     * The fingerprint's {@code energy.cpu} fact: {@code rapl (package-0, dram-0)}, or {@code unavailable (<reason>)}.
     */
    public String describe() {
        return available() ? "rapl (" + String.join(", ", domainLabels()) + ")" : "unavailable (" + unavailable + ")";
    }

    /** Every domain's counter now, µJ, in {@link #domainLabels()} order; null when any cannot be read. */
    long[] read() {
        if (!available()) {
            return null;
        }
        long[] uj = new long[domains.size()];
        for (int i = 0; i < uj.length; i++) {
            uj[i] = LinuxRoots.nonNegative(text(reader, domains.get(i).energy()));
            if (uj[i] < 0) {
                return null;
            }
        }
        return uj;
    }

    /** The joules between two {@link #read()}s, summed over the domains, a wrap undone; NaN when unknown. */
    double joulesBetween(long[] before, long[] after) {
        if (before == null || after == null || before.length != domains.size() || after.length != before.length) {
            return Double.NaN;
        }
        long sum = 0;
        for (int i = 0; i < before.length; i++) {
            long d = after[i] - before[i];
            if (d < 0) {
                long range = domains.get(i).maxRangeMicrojoules();
                if (range <= 0 || d + range < 0) {
                    return Double.NaN;
                }
                d += range;
            }
            sum += d;
        }
        return sum / 1e6;
    }
}
