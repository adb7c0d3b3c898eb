package dev.scalebench.kernels.ops;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel entry points of the built PTX ({@code /cuda/<module>.ptx} on the class path, or the folder named by the
 * system property {@code kernels.ptx.dir}): parameter types and the {@code __launch_bounds__} thread limit.
 */
final class PtxEntries {
    private static final Pattern ENTRY = Pattern.compile(
            "\\.entry\\s+(\\w+)\\s*\\(([^)]*)\\)\\s*(?:\\.maxntid\\s+(\\d+),\\s*(\\d+),\\s*(\\d+))?");
    private static final Pattern PARAM = Pattern.compile("\\.param\\s+\\.(\\w+)\\s+\\w+");

    /**
     * One kernel entry.
     *
     * @param name the extern "C" name
     * @param params PTX parameter types in order ({@code u64}, {@code u32}, {@code f32}, ...)
     * @param maxThreads the launch-bounds limit on threads per block, 0 when none
     */
    record Entry(String name, List<String> params, int maxThreads) { }

    private PtxEntries() {
    }

    /** The PTX text of {@code module}, when it was built. */
    static Optional<String> text(String module) {
        String dir = System.getProperty("kernels.ptx.dir");
        if (dir != null && !dir.isBlank()) {
            Path p = Path.of(dir, module + ".ptx");
            try {
                return Files.exists(p) ? Optional.of(Files.readString(p)) : Optional.empty();
            } catch (IOException e) {
                throw new IllegalStateException("reading " + p, e);
            }
        }
        try (InputStream in = PtxEntries.class.getResourceAsStream("/cuda/" + module + ".ptx")) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("reading /cuda/" + module + ".ptx", e);
        }
    }

    /** Every entry of a PTX text, by name. */
    static Map<String, Entry> parse(String ptx) {
        Map<String, Entry> out = new HashMap<>();
        Matcher m = ENTRY.matcher(ptx);
        while (m.find()) {
            List<String> params = new ArrayList<>();
            Matcher p = PARAM.matcher(m.group(2));
            while (p.find()) {
                params.add(p.group(1));
            }
            int max = m.group(3) == null ? 0
                    : Integer.parseInt(m.group(3)) * Integer.parseInt(m.group(4)) * Integer.parseInt(m.group(5));
            out.put(m.group(1), new Entry(m.group(1), params, max));
        }
        return out;
    }
}
