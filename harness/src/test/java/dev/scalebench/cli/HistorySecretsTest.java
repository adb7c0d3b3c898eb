package dev.scalebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.Secrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No secret of a {@code --history-url} reaches standard output or error, a file of the results folder or the
 * history database, in any URL form, through the commands that take one: a sweep (which indexes its run), doctor,
 * history index|list|show and gate. Every secret below contains {@value #SECRET}, and nothing else does.
 */
class HistorySecretsTest {
    private static final String SECRET = "S3cret";
    private static final String SPEC = """
            name: hush
            backend: sim
            model: [gpt-1m]
            dtype: fp32
            phase: prefill
            batch: [1, 2, 4]
            seq: [32]
            replicates: 1
            measure:
              warmup: {min-iterations: 3, min-time: 1ms, steady-cv: 0.5, max-time: 20ms}
              iterations: {min: 10, min-time: 2ms, max-time: 20ms}
              target-ci: 0.001
              trial-timeout: 30s
            """;

    @TempDir
    static Path tmp;
    static Path spec;

    @BeforeAll
    static void writeSpec() throws IOException {
        spec = Files.writeString(tmp.resolve("hush.yaml"), SPEC);
    }

    /**
     * URL forms, {@code {results}} standing for the results folder; whether SQLite opens it (SQLite takes
     * {@code password} as its own parameter and ignores unknown ones in a {@code file:} URI); the exit code of
     * {@code history list} otherwise.
     */
    static Stream<Arguments> forms() {
        return Stream.of(
                Arguments.of("jdbc:sqlite:{results}/history.db?password=S3cretA", 0),
                Arguments.of("jdbc:sqlite:{results}/history.db?PASSWORD=S3cretB", 0),
                Arguments.of("jdbc:sqlite:file:{results}/history.db?pwd=S3cretC&token=S3cretD", 0),
                Arguments.of("jdbc:sqlite:file:{results}/history.db?PWD=S3cretE&passwd=S3cretF&secret=S3cretG"
                        + "&apikey=S3cretH&api_key=S3cretI", 0),
                Arguments.of("jdbc:sqlite://bob:S3cretJ@{results}/history.db", 4),
                Arguments.of("jdbc:postgresql://bob:S3cretK@db.example:5432/bench?sslpassword=S3cretL", 4),
                Arguments.of("jdbc:postgresql://db.example/bench?user=sb&password=S3cretM&token=S3cretN", 4),
                Arguments.of("jdbc:mysql://bob:S3cretO@db.example/bench", 2),
                Arguments.of("jdbc:oracle:thin:scott/S3cretP@db.example:1521/svc", 2),
                Arguments.of("jdbc:oracle:thin:scott/S3cretQ@//db.example:1521/svc", 2),
                Arguments.of("jdbc:sqlserver://db.example:1433;databaseName=bench;user=sa;pwd=S3cretR;", 2),
                Arguments.of("jdbc:sqlserver://db.example:1433;user=sa;PWD=S3cretS", 2),
                Arguments.of("jdbc:odbc:Driver={SQL Server};Server=db;UID=sa;PWD={S3cret;T}", 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void noCommandPrintsOrStoresTheSecret(String form, int listCode, @TempDir Path dir) throws IOException {
        Path results = Files.createDirectories(dir.resolve("results"));
        String url = form.replace("{results}", results.toString());
        String masked = Secrets.mask(url);
        assertThat(masked).contains("***").doesNotContain(SECRET);
        boolean opens = listCode == 0;

        Cli.Result sweep = Cli.run("sweep", "--profile", spec.toString(), "--profiles-dir", Cli.PROFILES.toString(),
                "--results-dir", results.toString(), "--history-url", url);
        assertThat(sweep.code()).as(sweep.err()).isZero();
        if (opens) {
            assertThat(sweep.out()).contains("history: added to the history database " + masked);
        } else {
            assertThat(sweep.err()).contains("the run was not added to the history")
                    .contains("retry with: scalebench history index").contains("--history-url " + masked);
        }
        Path run;
        try (Stream<Path> s = Files.list(results)) {
            run = s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        String runId = run.getFileName().toString();

        Cli.Result index = Cli.run("history", "index", run.toString(), "--history-url", url);
        Cli.Result list = Cli.run("history", "list", "--history-url", url);
        Cli.Result show = Cli.run("history", "show", runId, "--history-url", url);
        Cli.Result gate = Cli.run("gate", "--candidate", run.toString(), "--baseline", "latest", "--profiles-dir",
                Cli.PROFILES.toString(), "--history-url", url);
        Cli.Result doctor = Cli.run("doctor", "--profiles-dir", Cli.PROFILES.toString(), "--results-dir",
                results.toString(), "--history-url", url);
        assertThat(list.code()).as(list.err()).isEqualTo(listCode);
        assertThat(index.code()).as(index.err()).isEqualTo(listCode);
        if (opens) {
            assertThat(index.out()).contains("1 of 1 run indexed into the history database " + masked);
            assertThat(list.out()).contains(runId).contains("1 run in the history database " + masked);
            assertThat(show.code()).as(show.err()).isZero();
            assertThat(gate.err()).contains("no baseline: the history (" + masked + ")");
            assertThat(doctor.out()).containsPattern("ok +history database +history database "
                    + java.util.regex.Pattern.quote(masked) + ": schema 1, 1 run");
        } else {
            for (Cli.Result r : List.of(index, list, show, gate)) {
                assertThat(r.err()).contains("history database " + masked);
            }
            assertThat(doctor.out()).containsPattern("PROBLEM +history database +.*history database "
                    + java.util.regex.Pattern.quote(masked));
        }
        for (Cli.Result r : List.of(sweep, index, list, show, gate, doctor)) {
            assertThat(r.out() + r.err()).doesNotContain(SECRET);
        }
        assertNoSecretIn(dir);
        assertNoFolderNamedAfterTheSecret();
        if (opens) {
            assertThat(results.resolve("history.db")).isRegularFile();
        }
    }

    @Test
    void aUrlGivenWhereNoOptionTakesItIsMaskedInTheComplaint() {
        Cli.Result r = Cli.run("history", "list", "jdbc:postgresql://bob:S3cretU@db/bench?password=S3cretV");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("jdbc:postgresql://bob:***@db/bench?password=***").doesNotContain(SECRET);
    }

    /** The folder {@code jdbc:sqlite://bob:S3cretJ@/...} would create at the root (removed if it was). */
    private static void assertNoFolderNamedAfterTheSecret() throws IOException {
        Path folder = Path.of("/bob:S3cretJ@");
        boolean created = Files.exists(folder);
        if (created) {
            try (Stream<Path> s = Files.walk(folder)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        assertThat(created).as("a folder named after the secret was created (and removed): " + folder).isFalse();
    }

    /** Every file under {@code dir}: its name and its bytes (run.json, journal, reports, metrics, the database). */
    static void assertNoSecretIn(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.toList();
        }
        assertThat(files).as("files written").anyMatch(p -> p.endsWith("run.json"))
                .anyMatch(p -> p.endsWith("report.md"));
        for (Path f : files) {
            assertThat(f.toString()).doesNotContain(SECRET);
            if (Files.isRegularFile(f)) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as("bytes of %s", f)
                        .doesNotContain(SECRET);
            }
        }
    }
}
