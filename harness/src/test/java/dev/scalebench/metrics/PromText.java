package dev.scalebench.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks of the Prometheus text exposition format: a structural one in Java, and promtool's where installed. */
public final class PromText {
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\"";
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(?:" + LABEL + ")(?:," + LABEL
            + ")*,?\\})? ([-+]?(?:[0-9.]+(?:[eE][-+]?[0-9]+)?|NaN|Inf))( -?[0-9]+)?");

    private PromText() {
    }

    /**
     * Every line is a HELP, a TYPE or a sample; each sample's family has its TYPE (and HELP) before it; names
     * match the Prometheus grammar.
     *
     * @return the samples: name with labels, to value
     */
    public static Map<String, Double> check(String text) {
        Map<String, String> types = new HashMap<>();
        Set<String> helped = new HashSet<>();
        Map<String, Double> samples = new HashMap<>();
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        assertThat(text).as("exposition ends with a newline").endsWith("\n");
        for (int i = 0; i < lines.length - 1; i++) {
            String line = lines[i];
            Matcher m;
            if ((m = HELP.matcher(line)).matches()) {
                helped.add(m.group(1));
            } else if ((m = TYPE.matcher(line)).matches()) {
                if (types.put(m.group(1), m.group(2)) != null) {
                    problems.add("line " + (i + 1) + ": second TYPE for " + m.group(1));
                }
            } else if ((m = SAMPLE.matcher(line)).matches()) {
                String family = family(m.group(1), types);
                if (family == null) {
                    problems.add("line " + (i + 1) + ": sample before its TYPE: " + line);
                } else if (!helped.contains(family)) {
                    problems.add("line " + (i + 1) + ": sample before its HELP: " + line);
                }
                samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(
                        m.group(3).replace("Inf", "Infinity")));
            } else {
                problems.add("line " + (i + 1) + ": not HELP, TYPE or a sample: " + line);
            }
        }
        assertThat(problems).isEmpty();
        assertThat(samples).isNotEmpty();
        return samples;
    }

    private static String family(String sample, Map<String, String> types) {
        if (types.containsKey(sample)) {
            return sample;
        }
        for (String suffix : List.of("_bucket", "_count", "_sum", "_total", "_created")) {
            if (sample.endsWith(suffix)) {
                String base = sample.substring(0, sample.length() - suffix.length());
                if (types.containsKey(base)) {
                    return base;
                }
            }
        }
        return null;
    }

    /** The sum of the samples whose name-with-labels starts with {@code prefix} and contains every fragment. */
    public static double sum(Map<String, Double> samples, String prefix, String... fragments) {
        return samples.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix) && List.of(fragments).stream().allMatch(e.getKey()::contains))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    /** {@code promtool}, when it is on the PATH. */
    static Path promtool() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, "promtool");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** Runs {@code promtool check metrics < file}; skips (with the reason) when promtool is not installed. */
    public static void promtoolAccepts(Path file) throws IOException, InterruptedException {
        Path promtool = promtool();
        assumeTrue(promtool != null, "promtool is not installed (Debian: apt-get install prometheus)");
        Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectInput(file.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("promtool check metrics < %s:%n%s", file, out).isZero();
        assertThat(out).as("promtool's lint findings").isBlank();
    }
}
