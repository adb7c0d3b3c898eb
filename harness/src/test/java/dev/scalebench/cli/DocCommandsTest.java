package dev.scalebench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Every command line the project shows a reader works as written (issue 13, item 4): each {@code scalebench}
 * command in a fenced block of {@code README.md} and {@code docs/*.md} (shell, plain and YAML blocks, with
 * {@code \} continuations joined and comments dropped), and each line under "Examples:" in the {@code --help}
 * footers, is parsed by the CLI's own parser ({@link Main}'s command spec, as {@code ./scalebench} runs it) and,
 * where that is cheap, executed ({@code --help}, {@code plan}). Every path argument that names a file of the
 * repository must exist (a glob must match), and so must a profile, policy or hardware profile given by name;
 * a file that is the user's own ({@code my.yaml}, {@code their-latencies.csv}) must be one of {@link #USER_FILES}.
 * Other commands in shell blocks ({@code ./mvnw}, {@code tools/...}) must name files that exist.
 *
 * <p>One dynamic test per command line, named by its file and line (or command), so a failure says which line
 * and why.
 */
class DocCommandsTest {

    /** The repository root, seen from the harness module (the tests' working directory). */
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    /** Top-level folders whose files a command may name; each must exist. */
    private static final Set<String> REPO_DIRS = Set.of("profiles", "docs", "tools", "harness", "kernels");

    /**
     * Files that stand for the reader's own (not in the repository). A new one must be added here, so that a typo
     * in a repository path cannot pass as a placeholder.
     */
    static final Set<String> USER_FILES = Set.of("my.yaml", "path/to/my.yaml", "their-latencies.csv",
            "vllm-latencies.csv", "runs.csv", "/tmp/my-gpu.yaml", "bmf.json", "gate/bmf.json");

    /** Example values of the shell variables the docs use. */
    private static final Map<String, String> VARIABLES = Map.ofEntries(Map.entry("SLURM_ARRAY_TASK_ID", "3"),
            Map.entry("N", "8"), Map.entry("K", "3"), Map.entry("SLURM_ARRAY_JOB_ID", "4242"),
            Map.entry("ARRAY_JOB_ID", "4242"), Map.entry("RESULTS", "/shared/results/nightly-4242"),
            Map.entry("killed", "/shared/results/nightly-4242/20261122-020000-nightly-3of8"),
            Map.entry("PGPASSWORD", "secret"), Map.entry("RUN", "20261122"),
            Map.entry("HISTORY_URL", "jdbc:postgresql://db/bench"), Map.entry("JOB_COMPLETION_INDEX", "2"),
            Map.entry("array", "4243"), Map.entry("retry", "4251"), Map.entry("merge", "4244"),
            // the CI recipes (docs/ci/): their own variables and GitHub's and GitLab's
            Map.entry("status", "1"), Map.entry("STATUS", "1"), Map.entry("GITHUB_OUTPUT", "/tmp/github-output"),
            Map.entry("CI_PIPELINE_ID", "777"), Map.entry("CI_PIPELINE_SOURCE", "merge_request_event"),
            Map.entry("CI_COMMIT_BRANCH", "main"), Map.entry("CI_DEFAULT_BRANCH", "main"),
            Map.entry("CI_API_V4_URL", "https://gitlab.example/api/v4"), Map.entry("CI_PROJECT_ID", "42"),
            Map.entry("CI_MERGE_REQUEST_IID", "7"), Map.entry("SCALEBENCH_NOTE_TOKEN", "glpat-secret"));

    @TempDir
    static Path tmp;

    /**
     * One command line.
     *
     * @param where {@code README.md:138}, or {@code help of scalebench gate}
     * @param text the line as shown (continuations joined)
     */
    record Shown(String where, String text) { }

    // ---- the tests

    @TestFactory
    Stream<DynamicTest> everyScalebenchCommandInTheReadmeAndTheDocsParsesAndNamesFilesThatExist() {
        return markdownCommands().stream().filter(c -> isScalebench(c.text()))
                .map(c -> DynamicTest.dynamicTest(c.where() + "  " + c.text(), () -> checkScalebench(c)));
    }

    @TestFactory
    Stream<DynamicTest> everyOtherCommandInTheDocsNamesFilesThatExist() {
        return markdownCommands().stream().filter(c -> !isScalebench(c.text()))
                .map(c -> DynamicTest.dynamicTest(c.where() + "  " + c.text(), () -> checkOther(c)));
    }

    @TestFactory
    Stream<DynamicTest> everyHelpExampleParsesAndNamesFilesThatExist() {
        return helpExamples().stream()
                .map(c -> DynamicTest.dynamicTest(c.where() + "  " + c.text(), () -> checkScalebench(c)));
    }

    @TestFactory
    Stream<DynamicTest> everyCommandPrintsItsHelp() {
        List<DynamicTest> tests = new ArrayList<>();
        List<List<String>> paths = new ArrayList<>();
        paths.add(List.of());
        paths.addAll(commandPaths(new CommandLine(new Main()), new ArrayList<>()));
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            tests.add(DynamicTest.dynamicTest("scalebench " + String.join(" ", args), () -> {
                Cli.Result r = Cli.run(args.toArray(String[]::new));
                assertThat(r.code()).as("exit status of %s; stderr: %s", args, r.err()).isZero();
                assertThat(r.out()).contains("Usage: scalebench");
            }));
        }
        return tests.stream();
    }

    /** The extraction itself: it must find the commands it is meant to check (an empty list would pass). */
    @Test
    void theCommandsAreFound() {
        List<Shown> md = markdownCommands();
        // the lines checked, printed for the record
        md.forEach(c -> System.out.println(c.where() + "  " + c.text()));
        helpExamples().forEach(c -> System.out.println(c.where() + "  " + c.text()));
        assertThat(md.stream().filter(c -> c.where().startsWith("README.md:")).filter(c -> isScalebench(c.text())))
                .as("scalebench commands in the README").hasSizeGreaterThan(25);
        assertThat(md).as("a docs/ YAML block's folded command")
                .anyMatch(c -> c.where().startsWith("docs/cluster.md:") && c.text().contains("--no-history"));
        assertThat(md).as("a \\ continuation").anyMatch(c -> c.text().contains("--history-url \"${HISTORY_URL:-"
                + "jdbc:postgresql://db.example:5432/scalebench?user=bench&password=$PGPASSWORD}\""));
        assertThat(helpExamples()).as("help examples").hasSizeGreaterThan(20)
                .anyMatch(c -> c.where().equals("help of scalebench gate"));
        assertThat(split("scalebench history list   the runs, newest first", true))
                .containsExactly("scalebench", "history", "list");
        assertThat(split("a 'b c' \"d $N\" e\\ f  # g", false)).containsExactly("a", "b c", "d 8", "e f");
        assertThat(commandsOf("a 'x; y' && b; c")).containsExactly("a 'x; y'", "b", "c");
        assertThat(commandsOf("a --x || status=$?")).containsExactly("a --x", "status=$?");
        List<Shown> ci = ciCommands();
        ci.forEach(c -> System.out.println(c.where() + "  " + c.text()));
        for (String file : List.of("docs/ci/github-actions.yml", "docs/ci/gitlab-ci.yml")) {
            assertThat(ci).as("the sweep, the gate with --bmf and the baseline's sweep of %s", file)
                    .anySatisfy(c -> assertThat(c.where()).startsWith(file))
                    .anyMatch(c -> c.where().startsWith(file) && c.text().contains("gate --baseline latest")
                            && c.text().contains("--bmf gate/bmf.json"))
                    .anyMatch(c -> c.where().startsWith(file) && c.text().contains("sweep ")
                            && c.text().contains("--no-history"))
                    .anyMatch(c -> c.where().startsWith(file) && c.text().contains("sweep ")
                            && c.text().contains("--history-url"));
        }
    }

    /** The checks catch what issue 13 found, and say which line and why. */
    @Test
    void theChecksCatchWhatTheIssueFoundAndSayWhy() {
        Map<String, String> wrong = Map.of(
                "scalebench gate --baseline a --candidate b --policy profiles/gates/strict.yaml",
                "--policy profiles/gates/strict.yaml: no such file in the repository",
                "scalebench gate --aa results/a results/b", "gate --aa with 2 runs: it needs at least 3",
                "./scalebench merge results/x-*of8 [--out DIR]", "'[--out' is a usage synopsis",
                "./scalebench sweep --profile nosuch", "--profile nosuch: no profiles/sweeps/nosuch.yaml",
                "./scalebench sweep --frobnicate", "does not parse: Unknown option: '--frobnicate'",
                "./scalebench fit --input mine.csv", "--input mine.csv: not a file of the repository",
                "./scalebench analyze results/r --hardware h900", "--hardware h900: no profiles/hardware/h900.yaml");
        wrong.forEach((line, why) -> {
            Shown c = new Shown("DOC.md:7", line);
            assertThatThrownBy(() -> checkScalebench(c)).as(line).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("DOC.md:7").hasMessageContaining(why);
        });
        assertThatThrownBy(() -> checkOther(new Shown("DOC.md:8", "tools/no-such-script.sh --x")))
                .hasMessageContaining("tools/no-such-script.sh does not exist in the repository");
    }

    // ---- the CI recipes (docs/ci/*.yml, quoted in docs/ci.md)

    @TestFactory
    Stream<DynamicTest> everyScalebenchCommandInTheCiRecipesParsesAndNamesFilesThatExist() {
        return ciCommands().stream()
                .map(c -> DynamicTest.dynamicTest(c.where() + "  " + c.text(), () -> checkScalebench(c)));
    }

    /**
     * Each recipe is valid YAML with what its CI system requires: GitHub Actions {@code on} and {@code jobs}, each
     * job with {@code runs-on} and {@code steps}; GitLab CI a job with a {@code script}. And each does what
     * docs/ci.md says: the gate job runs on a self-hosted GPU runner, publishes the {@code gate-junit.xml} that its
     * {@code gate --output DIR} writes, and comments its {@code gate.md}.
     */
    @Test
    void theCiRecipesHaveTheKeysTheirCiSystemsRequire() {
        assertThat(ciFiles()).extracting(f -> f.getFileName().toString())
                .containsExactly("github-actions.yml", "gitlab-ci.yml");
        String gateDir = ciCommands().stream().filter(c -> c.text().contains(" gate "))
                .map(c -> split(c.text(), false)).map(w -> w.get(w.indexOf("--output") + 1)).distinct()
                .reduce((a, b) -> a + " and " + b).orElseThrow();
        String junit = gateDir + "/gate-junit.xml";

        Map<?, ?> gh = yaml(REPO.resolve("docs/ci/github-actions.yml"));
        // YAML 1.1 (SnakeYAML) reads the key `on` as the boolean true; GitHub reads it as the string "on"
        assertThat(gh.containsKey("on") || gh.containsKey(Boolean.TRUE)).as("github-actions.yml: on").isTrue();
        Object on = gh.containsKey("on") ? gh.get("on") : gh.get(Boolean.TRUE);
        assertThat(map(on)).as("github-actions.yml: on").containsKey("pull_request");
        Map<?, ?> jobs = (Map<?, ?>) gh.get("jobs");
        assertThat(jobs).as("github-actions.yml: jobs").isNotEmpty();
        jobs.forEach((id, job) -> {
            Map<?, ?> j = (Map<?, ?>) job;
            assertThat(map(j)).as("github-actions.yml: jobs.%s", id).containsKeys("runs-on", "steps");
            assertThat(list(j.get("runs-on"))).as("jobs.%s.runs-on", id).contains("self-hosted", "gpu");
            for (Object step : (List<?>) j.get("steps")) {
                assertThat(((Map<?, ?>) step).containsKey("uses") || ((Map<?, ?>) step).containsKey("run"))
                        .as("jobs.%s: a step with neither uses nor run: %s", id, step).isTrue();
            }
        });
        List<?> steps = (List<?>) ((Map<?, ?>) jobs.get("gate")).get("steps");
        assertThat(steps).as("jobs.gate publishes %s and comments gate.md", junit)
                .anyMatch(s -> String.valueOf(((Map<?, ?>) s).get("with")).contains("report_paths=" + junit))
                .anyMatch(s -> String.valueOf(((Map<?, ?>) s).get("uses")).startsWith(
                        "marocchino/sticky-pull-request-comment@")
                        && String.valueOf(((Map<?, ?>) s).get("with")).contains("path=" + gateDir + "/gate.md"));

        Map<?, ?> gl = yaml(REPO.resolve("docs/ci/gitlab-ci.yml"));
        List<String> withScript = new ArrayList<>();
        gl.forEach((id, job) -> {
            if (job instanceof Map<?, ?> j && j.containsKey("script")) {
                assertThat(j.get("script")).as("gitlab-ci.yml: %s.script", id).isInstanceOf(List.class);
                ((List<?>) j.get("script")).forEach(l -> assertThat(l).as("%s.script", id).isInstanceOf(String.class));
                withScript.add(String.valueOf(id));
            }
        });
        assertThat(withScript).as("gitlab-ci.yml: jobs").contains("scalebench-gate");
        Map<?, ?> gate = (Map<?, ?>) gl.get("scalebench-gate");
        Map<?, ?> artifacts = (Map<?, ?>) gate.get("artifacts");
        assertThat(artifacts.get("when")).as("artifacts.when: a regression's reports are kept").isEqualTo("always");
        assertThat(((Map<?, ?>) artifacts.get("reports")).get("junit")).as("artifacts.reports.junit").isEqualTo(junit);
        assertThat(String.join("\n", ((List<?>) gate.get("script")).stream().map(String::valueOf).toList()))
                .as("scalebench-gate comments gate.md").contains("body@" + gateDir + "/gate.md",
                        "/merge_requests/$CI_MERGE_REQUEST_IID/notes");
    }

    @Test
    void docsCiMdQuotesEachRecipeWhole() throws IOException {
        String md = Files.readString(REPO.resolve("docs/ci.md"));
        for (Path f : ciFiles()) {
            assertThat(md).as("docs/ci.md quotes %s as it is", REPO.relativize(f))
                    .contains("```yaml\n" + Files.readString(f) + "```\n");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> map(Object o) {
        assertThat(o).isInstanceOf(Map.class);
        return (Map<Object, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        assertThat(o).isInstanceOf(List.class);
        return (List<Object>) o;
    }

    /** The recipes: docs/ci/*.yml. */
    static List<Path> ciFiles() {
        try (Stream<Path> s = Files.list(REPO.resolve("docs/ci"))) {
            return s.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<?, ?> yaml(Path f) {
        try {
            Object doc = new org.yaml.snakeyaml.Yaml().load(Files.readString(f));
            assertThat(doc).as("%s: a YAML mapping", f).isInstanceOf(Map.class);
            return (Map<?, ?>) doc;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The scalebench commands of the recipes' shell scripts (GitHub's steps' {@code run}, GitLab's jobs'
     * {@code before_script}, {@code script} and {@code after_script}), each named by its file, its place in the
     * YAML and its line in the script; extracted as a shell block of the docs is.
     */
    static List<Shown> ciCommands() {
        List<Shown> out = new ArrayList<>();
        for (Path f : ciFiles()) {
            String name = REPO.relativize(f).toString();
            Map<?, ?> doc = yaml(f);
            Map<String, String> scripts = new java.util.LinkedHashMap<>();
            if (name.endsWith("github-actions.yml")) {
                ((Map<?, ?>) doc.get("jobs")).forEach((id, job) -> {
                    List<?> steps = (List<?>) ((Map<?, ?>) job).get("steps");
                    for (int i = 0; i < steps.size(); i++) {
                        Object run = ((Map<?, ?>) steps.get(i)).get("run");
                        if (run != null) {
                            scripts.put(name + " jobs." + id + ".steps[" + i + "].run", run.toString());
                        }
                    }
                });
            } else if (name.endsWith("gitlab-ci.yml")) {
                doc.forEach((id, job) -> {
                    for (String key : List.of("before_script", "script", "after_script")) {
                        if (job instanceof Map<?, ?> j && j.get(key) instanceof List<?> lines) {
                            for (int i = 0; i < lines.size(); i++) {
                                scripts.put(name + " " + id + "." + key + "[" + i + "]", String.valueOf(lines.get(i)));
                            }
                        }
                    }
                });
            } else {
                throw new AssertionError(name + ": neither github-actions.yml nor gitlab-ci.yml; which CI system?");
            }
            scripts.forEach((where, script) -> shell(where, 1, script.lines().toList(), false, out));
        }
        return out;
    }

    // ---- checks

    private static void checkScalebench(Shown c) {
        List<String> args = words(c);
        int start = 0;
        while (start < args.size() && args.get(start).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
            start++;
        }
        assertThat(args.get(start)).as("%s: the command", c.where()).isIn("scalebench", "./scalebench");
        List<String> cli = args.subList(start + 1, args.size());
        for (String a : cli) {
            assertThat(a).as("%s: '%s' is a usage synopsis, not a command a reader can run", c.where(), a)
                    .doesNotStartWith("[-");
        }
        ParseResult pr;
        try {
            pr = new CommandLine(new Main()).parseArgs(cli.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new AssertionError(c.where() + ": `" + c.text() + "` does not parse: " + e.getMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        ParseResult sub = pr;
        while (sub.hasSubcommand()) {
            sub = sub.subcommand();
        }
        for (OptionSpec o : sub.matchedOptions()) {
            for (String v : o.stringValues()) {
                checkValue(o, o.longestName(), v, problems);
            }
        }
        for (ArgSpec p : sub.matchedPositionals()) {
            for (String v : p.stringValues()) {
                checkValue(p, p.paramLabel(), v, problems);
            }
        }
        if (sub.commandSpec().name().equals("gate") && sub.hasMatchedOption("--aa")) {
            List<String> runs = sub.matchedPositionals().stream().flatMap(p -> p.stringValues().stream()).toList();
            if (runs.size() < 3 && runs.stream().noneMatch(r -> r.contains("*"))) {
                problems.add("gate --aa with " + runs.size() + " runs: it needs at least 3 (else 'too little"
                        + " evidence', exit 3)");
            }
        }
        assertThat(problems).as("%s: `%s`", c.where(), c.text()).isEmpty();
        if (sub.isUsageHelpRequested() || sub.commandSpec().name().equals("plan")) {
            List<String> run = new ArrayList<>();
            for (String a : cli) { // the docs' paths are written from the repository's root
                run.add(!a.startsWith("-") && !a.isEmpty() && java.nio.file.Files.exists(REPO.resolve(a))
                        && !java.nio.file.Files.exists(java.nio.file.Path.of(a)) ? REPO.resolve(a).toString() : a);
            }
            if (!sub.isUsageHelpRequested()) {
                run.addAll(List.of("--profiles-dir", REPO.resolve("profiles").toString(), "--results-dir",
                        tmp.resolve("results").toString()));
            }
            Cli.Result r = Cli.run(run.toArray(String[]::new));
            assertThat(r.code()).as("%s: `%s` exits 0; stderr: %s", c.where(), c.text(), r.err()).isZero();
        }
    }

    private static void checkOther(Shown c) {
        List<String> problems = new ArrayList<>();
        for (String w : words(c)) {
            String v = w.contains("=") && !w.startsWith("-") ? w.substring(w.indexOf('=') + 1) : w;
            if (isRepoPath(v) && !exists(v)) {
                problems.add(v + " does not exist in the repository");
            }
        }
        assertThat(problems).as("%s: `%s`", c.where(), c.text()).isEmpty();
    }

    /** What a value of an option or positional names, and whether it is there. */
    private static void checkValue(ArgSpec spec, String name, String v, List<String> problems) {
        if (isRepoPath(v)) {
            if (!exists(v)) {
                problems.add(name + " " + v + ": no such file in the repository");
            }
            return;
        }
        boolean bare = !v.contains("/") && !v.contains(".");
        if (bare && name.equals("--profile") && !exists("profiles/sweeps/" + v + ".yaml")) {
            problems.add("--profile " + v + ": no profiles/sweeps/" + v + ".yaml");
        } else if (bare && name.equals("--policy") && !exists("profiles/gates/" + v + ".yaml")) {
            problems.add("--policy " + v + ": no profiles/gates/" + v + ".yaml");
        } else if (name.equals("--hardware") && !v.equals("none") && !v.contains("/") && !v.endsWith(".yaml")
                && !exists("profiles/hardware/" + v + ".yaml")
                && !exists("profiles/hardware/measured/" + v + ".yaml")) {
            problems.add("--hardware " + v + ": no profiles/hardware/" + v + ".yaml");
        } else if (namesAFile(spec, v) && !USER_FILES.contains(v)) {
            problems.add(name + " " + v + ": not a file of the repository; if it stands for the reader's own file,"
                    + " add it to DocCommandsTest.USER_FILES");
        }
    }

    /** A value that is a file (an extension a profile, table or model has), given to an option or positional. */
    private static boolean namesAFile(ArgSpec spec, String v) {
        boolean fileType = spec.typeInfo().getType() == Path.class
                || spec.typeInfo().getAuxiliaryTypes().length > 0
                        && spec.typeInfo().getAuxiliaryTypes()[0] == Path.class
                || spec.paramLabel().contains("FILE") || spec.paramLabel().contains("CSV");
        return fileType && v.matches(".*\\.(ya?ml|csv|pt|json)");
    }

    /** A relative path into one of the repository's folders, or a committed run in results/reference/. */
    static boolean isRepoPath(String v) {
        String p = v.startsWith("./") ? v.substring(2) : v;
        if (p.equals("mvnw") || p.equals("scalebench")) {
            return true;
        }
        if (p.startsWith("/") || p.startsWith("-") || !p.contains("/")) {
            return false;
        }
        String first = p.substring(0, p.indexOf('/'));
        return REPO_DIRS.contains(first) || p.startsWith("results/reference/") || p.equals("results/README.md");
    }

    /** Whether {@code v} (a path relative to the repository root, maybe a glob) names at least one file. */
    static boolean exists(String v) {
        String p = v.startsWith("./") ? v.substring(2) : v;
        if (!p.matches(".*[*?\\[].*")) {
            return Files.exists(REPO.resolve(p));
        }
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + p);
        try (Stream<Path> s = Files.walk(REPO, p.split("/").length)) {
            return s.anyMatch(f -> m.matches(REPO.relativize(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- extraction

    static boolean isScalebench(String line) {
        List<String> w = split(line, false);
        int i = 0;
        while (i < w.size() && w.get(i).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
            i++;
        }
        return i < w.size() && (w.get(i).equals("scalebench") || w.get(i).equals("./scalebench"));
    }

    private static List<String> words(Shown c) {
        return split(c.text(), c.where().startsWith("help of "));
    }

    /** The command lines of README.md and docs/*.md, in order. */
    static List<Shown> markdownCommands() {
        List<Path> files = new ArrayList<>(List.of(REPO.resolve("README.md")));
        try (Stream<Path> s = Files.list(REPO.resolve("docs"))) {
            s.filter(f -> f.toString().endsWith(".md")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Shown> out = new ArrayList<>();
        for (Path f : files) {
            out.addAll(commands(REPO.relativize(f).toString(), read(f)));
        }
        return out;
    }

    private static List<String> read(Path f) {
        try {
            return Files.readAllLines(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Pattern FENCE = Pattern.compile("^(\\s*)```\\s*([A-Za-z0-9_+-]*)\\s*$");
    /** Blocks in these languages are shell: every command in them is checked, not only scalebench's. */
    private static final Set<String> SHELL = Set.of("bash", "sh", "shell", "console");

    /** The command lines in the fenced blocks of one Markdown file. */
    static List<Shown> commands(String name, List<String> lines) {
        List<Shown> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches()) {
                continue;
            }
            String lang = open.group(2).toLowerCase(java.util.Locale.ROOT);
            int end = i + 1;
            while (end < lines.size() && !lines.get(end).trim().equals("```")) {
                end++;
            }
            List<String> block = lines.subList(i + 1, Math.min(end, lines.size()));
            if (lang.equals("yaml") || lang.equals("yml")) {
                yaml(name, i + 2, block, out);
            } else if (SHELL.contains(lang) || lang.isEmpty()) {
                shell(name, i + 2, block, SHELL.contains(lang), out);
            }
            i = end;
        }
        return out;
    }

    /** Commands in a shell (or plain) block; of a plain block, which may show output, only scalebench's. */
    private static void shell(String name, int firstLine, List<String> block, boolean all, List<Shown> out) {
        for (int k = 0; k < block.size(); k++) {
            int lineNo = firstLine + k;
            StringBuilder text = new StringBuilder(block.get(k).strip());
            while (text.toString().endsWith("\\") && k + 1 < block.size()) {
                text.setLength(text.length() - 1);
                text.append(' ').append(block.get(++k).strip());
            }
            String t = stripComment(text.toString()).strip();
            if (t.isEmpty()) {
                continue;
            }
            for (String part : commandsOf(t)) {
                if (!part.isBlank() && (all || isScalebench(part))) {
                    out.add(new Shown(name + ":" + lineNo, part.strip()));
                }
            }
        }
    }

    /** The start of a literal block scalar ({@code run: |}, {@code - |-}): its lines are a shell script. */
    private static final Pattern LITERAL =
            Pattern.compile("^(\\s*)(?:- )?(?:[A-Za-z0-9_.-]+:\\s*)?\\|[-+]?\\s*(#.*)?$");

    /**
     * Commands in a YAML block: a list item or folded scalar holding {@code ./scalebench ...}, lines joined; and
     * the lines of a literal block scalar ({@code run: |}) as a shell script's.
     */
    private static void yaml(String name, int firstLine, List<String> block, List<Shown> out) {
        for (int k = 0; k < block.size(); k++) {
            String line = block.get(k);
            Matcher literal = LITERAL.matcher(line);
            if (literal.matches()) {
                int keyIndent = literal.group(1).length();
                int end = k + 1;
                while (end < block.size() && (block.get(end).isBlank()
                        || block.get(end).length() - block.get(end).stripLeading().length() > keyIndent)) {
                    end++;
                }
                shell(name, firstLine + k + 1, block.subList(k + 1, end), false, out);
                k = end - 1;
                continue;
            }
            String content = line.strip();
            int indent = line.indexOf(content.isEmpty() ? " " : content.substring(0, 1));
            if (content.startsWith("- ")) {
                content = content.substring(2).strip();
                indent = line.indexOf(content.substring(0, Math.min(1, content.length())), indent + 1);
            }
            if (!isScalebench(stripComment(content))) {
                continue;
            }
            int lineNo = firstLine + k;
            StringBuilder text = new StringBuilder(stripComment(content).strip());
            while (k + 1 < block.size()) {
                String next = block.get(k + 1);
                String nc = next.strip();
                if (nc.isEmpty() || nc.startsWith("- ") || next.indexOf(nc) < indent) {
                    break;
                }
                text.append(' ').append(stripComment(nc).strip());
                k++;
            }
            for (String part : commandsOf(text.toString())) {
                if (isScalebench(part)) {
                    out.add(new Shown(name + ":" + lineNo, part));
                }
            }
        }
    }

    /** The examples under "Examples:" (or "Example:") in the footers of every command's help. */
    static List<Shown> helpExamples() {
        List<Shown> out = new ArrayList<>();
        collect(new CommandLine(new Main()), out);
        return out;
    }

    private static void collect(CommandLine cl, List<Shown> out) {
        CommandSpec spec = cl.getCommandSpec();
        boolean examples = false;
        for (String line : spec.usageMessage().footer()) {
            if (line.trim().matches("Examples?:")) {
                examples = true;
            } else if (examples && line.startsWith("  scalebench")) {
                out.add(new Shown("help of " + spec.qualifiedName(), line.strip()));
            }
        }
        for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            if (e.getKey().equals(e.getValue().getCommandSpec().name())
                    && !(e.getValue().getCommand() instanceof CommandLine.HelpCommand)) {
                collect(e.getValue(), out);
            }
        }
    }

    private static List<List<String>> commandPaths(CommandLine cl, List<String> prefix) {
        List<List<String>> out = new ArrayList<>();
        for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            CommandLine sub = e.getValue();
            if (!e.getKey().equals(sub.getCommandSpec().name())
                    || sub.getCommand() instanceof CommandLine.HelpCommand) {
                continue;
            }
            List<String> path = new ArrayList<>(prefix);
            path.add(e.getKey());
            out.add(path);
            out.addAll(commandPaths(sub, path));
        }
        return out;
    }

    // ---- a small shell tokenizer

    /** The commands of a line, split at {@code &&}, {@code ||} and {@code ;} outside quotes. */
    static List<String> commandsOf(String s) {
        List<String> out = new ArrayList<>();
        boolean single = false;
        boolean dbl = false;
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && !single) {
                i++;
            } else if (c == '\'' && !dbl) {
                single = !single;
            } else if (c == '"' && !single) {
                dbl = !dbl;
            } else if (!single && !dbl && (c == ';' || s.startsWith("&&", i) || s.startsWith("||", i))) {
                out.add(s.substring(from, i).strip());
                i += c == ';' ? 0 : 1;
                from = i + 1;
            }
        }
        out.add(s.substring(from).strip());
        return out;
    }

    /** {@code s} without a {@code #} comment (one that starts a word, outside quotes). */
    static String stripComment(String s) {
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && !single) {
                i++;
            } else if (c == '\'' && !dbl) {
                single = !single;
            } else if (c == '"' && !single) {
                dbl = !dbl;
            } else if (c == '#' && !single && !dbl && (i == 0 || Character.isWhitespace(s.charAt(i - 1)))) {
                return s.substring(0, i);
            }
        }
        return s;
    }

    /**
     * The words of a shell command line: quotes removed, {@code $VAR}, {@code ${VAR}} and {@code $((VAR + n))}
     * replaced by {@link #VARIABLES}' example values (an unknown variable fails the line), comments dropped. With
     * {@code helpStyle}, a run of three or more spaces outside quotes ends the command (what follows describes it).
     */
    static List<String> split(String line, boolean helpStyle) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        boolean single = false;
        boolean dbl = false;
        String s = stripComment(line);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (single) {
                if (c == '\'') {
                    single = false;
                } else {
                    w.append(c);
                }
            } else if (c == '\'' && !dbl) {
                single = true;
                inWord = true;
            } else if (c == '"') {
                dbl = !dbl;
                inWord = true;
            } else if (c == '\\' && i + 1 < s.length()) {
                w.append(s.charAt(++i));
                inWord = true;
            } else if (c == '$') {
                i = variable(s, i, w);
                inWord = true;
            } else if (Character.isWhitespace(c) && !dbl) {
                if (helpStyle && s.startsWith("   ", i)) {
                    break;
                }
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(w.toString());
        }
        return words;
    }

    private static final Pattern ARITH =
            Pattern.compile("\\$\\(\\(\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\+\\s*(\\d+)\\s*\\)\\)");
    private static final Pattern BRACED = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-[^}]*)?}");
    private static final Pattern PLAIN = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)");

    /** Appends the value of the variable at {@code s[i]} ({@code $}) to {@code w}; returns the index of its end. */
    private static int variable(String s, int i, StringBuilder w) {
        for (Pattern p : List.of(ARITH, BRACED, PLAIN)) {
            Matcher m = p.matcher(s).region(i, s.length());
            if (m.lookingAt()) {
                String value = VARIABLES.get(m.group(1));
                if (value == null && p == BRACED && m.group(2) != null) {
                    value = m.group(2).substring(2);
                }
                if (value == null) {
                    throw new AssertionError("unknown shell variable $" + m.group(1) + " in `" + s
                            + "`: add an example value to DocCommandsTest.VARIABLES");
                }
                w.append(p == ARITH ? String.valueOf(Long.parseLong(value) + Long.parseLong(m.group(2))) : value);
                return m.end() - 1;
            }
        }
        if (s.startsWith("$(", i)) {
            int depth = 0;
            int j = i + 1;
            for (; j < s.length(); j++) {
                if (s.charAt(j) == '(') {
                    depth++;
                } else if (s.charAt(j) == ')' && --depth == 0) {
                    break;
                }
            }
            w.append("<command output>");
            return j;
        }
        w.append('$');
        return i;
    }
}
