package dev.scalebench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way along the data flow (design.md): plan → backend → measure → results → analysis, with
 * the CLI on top; engine libraries are imported only under {@code backend}.
 */
class ArchitectureTest {
    /** Rank of each top-level package: a package may import only packages of lower or equal rank. */
    private static final Map<String, Integer> RANK = Map.ofEntries(
            Map.entry("", 0), Map.entry("stats", 1), Map.entry("config", 2), Map.entry("plan", 3),
            Map.entry("backend", 4), Map.entry("measure", 5), Map.entry("results", 6), Map.entry("progress", 6),
            Map.entry("analysis", 7), Map.entry("report", 8), Map.entry("metrics", 8), Map.entry("sweep", 9),
            Map.entry("cli", 10));
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);
    private static final Path SRC = Path.of("src/main/java/dev/scalebench");

    private static String topPackage(Path file) {
        Path rel = SRC.relativize(file);
        return rel.getNameCount() == 1 ? "" : rel.getName(0).toString();
    }

    private static String topPackageOf(String importName) {
        String rest = importName.substring("dev.scalebench.".length());
        int dot = rest.indexOf('.');
        String first = dot < 0 ? rest : rest.substring(0, dot);
        return Character.isUpperCase(first.charAt(0)) ? "" : first;
    }

    @Test
    void importsFollowTheDataFlowAndEnginesStayInBackends() throws IOException {
        List<String> violations = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(SRC)) {
            files = s.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertThat(files).as("sources found").hasSizeGreaterThan(10);
        for (Path f : files) {
            String pkg = topPackage(f);
            assertThat(RANK).as("rank of package '%s' (add it to ArchitectureTest)", pkg).containsKey(pkg);
            Matcher m = IMPORT.matcher(Files.readString(f));
            while (m.find()) {
                String imp = m.group(1);
                if ((imp.startsWith("ai.djl") || imp.startsWith("jcuda")) && !pkg.equals("backend")) {
                    violations.add(SRC.relativize(f) + " imports engine class " + imp);
                }
                if (imp.startsWith("dev.scalebench.")) {
                    String target = topPackageOf(imp);
                    Integer rank = RANK.get(target);
                    if (rank != null && rank > RANK.get(pkg)) {
                        violations.add(SRC.relativize(f) + " (" + pkg + ") imports " + imp + " (" + target + ")");
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }
}
