package dev.scalebench.analysis.roofline;

import dev.scalebench.ScalebenchException;
import dev.scalebench.config.SpecError;
import dev.scalebench.config.YamlWalker;
import dev.scalebench.results.FolderNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads hardware profiles: one YAML file per machine in {@code profiles/hardware/}, named {@code <id>.yaml}.
 *
 * <p>Keys: {@code name} (in words), {@code kind} ({@code gpu|cpu}), {@code match} (list of device-name
 * substrings), {@code sms}, {@code memory-bytes}, {@code bandwidth-bytes-per-s}, {@code peak-flops-per-s} (map of
 * dtype to dense FLOP/s; dtypes {@code fp64 fp32 tf32 bf16 fp16 fp8 int8}), optional {@code l2-bytes},
 * {@code price-per-hour} and {@code measured} (default false), and {@code sources}: a map from each number's key
 * to where it comes from. Every number needs a source. Numbers may be written {@code 3.35e12}. A measured profile
 * (written by {@code calibrate} into {@code hardware/measured/}) may name the data-sheet profile of the same
 * hardware with {@code spec: <id>}, so that reports show fractions of both.
 */
public final class HardwareProfiles {

    static final List<String> KEYS = List.of("name", "kind", "match", "sms", "memory-bytes", "bandwidth-bytes-per-s",
            "peak-flops-per-s", "l2-bytes", "price-per-hour", "measured", "spec", "sources");
    static final List<String> NUMBERS = List.of("sms", "memory-bytes", "bandwidth-bytes-per-s", "peak-flops-per-s",
            "l2-bytes", "price-per-hour");
    static final List<String> DTYPES = List.of("fp64", "fp32", "tf32", "bf16", "fp16", "fp8", "int8");

    /** The folder inside the hardware folder where {@code calibrate} writes measured profiles. */
    public static final String MEASURED_DIR = "measured";

    private HardwareProfiles() {
    }

    /**
     * Every {@code *.yaml} profile in {@code dir}, sorted by id; an empty list when the folder does not exist.
     *
     * @throws ScalebenchException bad input listing every problem in every file, each as {@code file:line: ...}
     */
    public static List<HardwareProfile> load(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw ScalebenchException.badInput(dir + ": cannot list hardware profiles: " + e.getMessage());
        }
        List<HardwareProfile> out = new ArrayList<>();
        List<SpecError> errors = new ArrayList<>();
        for (Path f : files) {
            YamlWalker w = new YamlWalker(f.toString());
            HardwareProfile p = parse(f, w);
            if (w.hasErrors()) {
                errors.addAll(w.errors());
            } else {
                out.add(p);
            }
        }
        fail(errors);
        out.sort(Comparator.comparing(HardwareProfile::id));
        return List.copyOf(out);
    }

    /**
     * One profile file; its id is the file name without {@code .yaml}.
     *
     * @throws ScalebenchException bad input listing every problem, each as {@code file:line: ...}
     */
    public static HardwareProfile read(Path file) {
        YamlWalker w = new YamlWalker(file.toString());
        HardwareProfile p = parse(file, w);
        fail(w.errors());
        return p;
    }

    /**
     * The profile for a device name: among the profiles all of whose {@code match} substrings occur in
     * {@code deviceName} (case-insensitive, each as a whole word: no letter or digit directly before or after it,
     * so {@code L4} does not match {@code L40S}), the most specific one: the most substrings, then the most
     * characters matched, then the first id.
     */
    public static Optional<HardwareProfile> match(String deviceName, List<HardwareProfile> profiles) {
        String name = deviceName == null ? "" : deviceName.toLowerCase(Locale.ROOT);
        HardwareProfile best = null;
        for (HardwareProfile p : profiles) {
            boolean all = p.match().stream().allMatch(m -> containsWord(name, m.toLowerCase(Locale.ROOT)));
            if (p.match().isEmpty() || !all) {
                continue;
            }
            if (best == null || specificity(p).compareTo(specificity(best)) > 0
                    || specificity(p).equals(specificity(best)) && p.id().compareTo(best.id()) < 0) {
                best = p;
            }
        }
        return Optional.ofNullable(best);
    }

    private record Specificity(int count, int chars) implements Comparable<Specificity> {
        @Override
        public int compareTo(Specificity o) {
            return count != o.count ? Integer.compare(count, o.count) : Integer.compare(chars, o.chars);
        }
    }

    private static Specificity specificity(HardwareProfile p) {
        return new Specificity(p.match().size(), p.match().stream().mapToInt(String::length).sum());
    }

    static boolean containsWord(String text, String word) {
        if (word.isEmpty()) {
            return false;
        }
        for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
            int end = i + word.length();
            boolean before = i > 0 && Character.isLetterOrDigit(text.charAt(i - 1));
            boolean after = end < text.length() && Character.isLetterOrDigit(text.charAt(end));
            if (!before && !after) {
                return true;
            }
        }
        return false;
    }

    private static void fail(List<SpecError> found) {
        if (found.isEmpty()) {
            return;
        }
        List<SpecError> errors = new ArrayList<>(found);
        errors.sort(Comparator.comparing(SpecError::file).thenComparingInt(SpecError::line));
        StringBuilder sb = new StringBuilder();
        sb.append(errors.size()).append(errors.size() == 1 ? " error" : " errors").append(" in hardware profiles:");
        for (SpecError e : errors) {
            sb.append(System.lineSeparator()).append("  ").append(e);
        }
        throw ScalebenchException.badInput(sb.toString());
    }

    private static HardwareProfile parse(Path file, YamlWalker w) {
        String id = file.getFileName().toString().replaceFirst("\\.yaml$", "");
        Node root;
        try {
            root = w.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            w.error(0, "cannot read: " + e.getMessage());
            return null;
        }
        if (root == null) {
            return null;
        }
        Map<String, Node> e = w.entries(root, "the hardware profile", KEYS);
        if (e == null) {
            return null;
        }
        w.require(e, root, "the hardware profile", "name", "kind", "match", "sms", "memory-bytes",
                "bandwidth-bytes-per-s", "peak-flops-per-s", "sources");
        ProfileFields f = new ProfileFields(w, e);
        String name = f.text("name");
        String kind = f.text("kind");
        if (kind != null && !kind.equals("gpu") && !kind.equals("cpu")) {
            w.error(e.get("kind"), "kind must be gpu or cpu, not '" + kind + "'");
        }
        List<String> match = f.strings("match");
        double sms = f.whole("sms", 1);
        double memory = f.whole("memory-bytes", 1);
        double bandwidth = f.positive("bandwidth-bytes-per-s");
        Map<String, Double> peaks = f.peaks("peak-flops-per-s", DTYPES);
        double l2 = e.containsKey("l2-bytes") ? f.whole("l2-bytes", 0) : 0;
        double price = e.containsKey("price-per-hour") ? f.positive("price-per-hour") : Double.NaN;
        Boolean measured = e.containsKey("measured") ? w.bool(e.get("measured"), "measured") : Boolean.FALSE;
        String spec = e.containsKey("spec") ? f.text("spec") : "";
        if (e.containsKey("spec") && !Boolean.TRUE.equals(measured)) {
            w.error(e.get("spec"), "spec names the data-sheet profile a measured profile was compared with; this"
                    + " profile is not measured (add 'measured: true' or remove spec)");
        } else if (spec != null && !spec.isEmpty() && !FolderNames.isSafe(spec)) {
            w.error(e.get("spec"), "spec '" + spec + "' must be the id of a profile in the same folder (its file "
                    + "name without .yaml: [A-Za-z0-9._-], not starting with . or -), not a path");
        }
        Map<String, String> sources = f.sources("sources", NUMBERS);
        if (w.hasErrors()) {
            return null;
        }
        return new HardwareProfile(id, name, kind, match, (int) sms, (long) memory, bandwidth,
                new LinkedHashMap<>(peaks), (long) l2, price, measured, sources, spec);
    }
}
