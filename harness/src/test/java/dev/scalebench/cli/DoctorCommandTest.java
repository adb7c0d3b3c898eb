package dev.scalebench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.scalebench.kernels.testing.FakeCuda;
import dev.scalebench.results.history.History;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorCommandTest {

    private static Cli.Result doctor(Path results, String... more) {
        String[] args = new String[4 + more.length];
        args[0] = "doctor";
        args[1] = "--profiles-dir";
        args[2] = Cli.PROFILES.toString();
        args[3] = "--results-dir=" + results;
        System.arraycopy(more, 0, args, 4, more.length);
        return Cli.run(args);
    }

    @Test
    void aMissingDefaultHistoryIsFineAndNotCreated(@TempDir Path tmp) {
        Cli.Result r = doctor(tmp);
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).containsPattern("ok +JVM ").containsPattern("ok +DJL PyTorch engine +device cpu")
                .containsPattern("ok +results folder +" + java.util.regex.Pattern.quote(tmp.toString()) + " \\(writable")
                .containsPattern("ok +history database +.*history.db: not created yet");
        assertThat(tmp.resolve(HistoryOptions.DEFAULT_FILE)).doesNotExist();
    }

    @Test
    void reportsTheSchemaAndRunCountOfAnExistingHistory(@TempDir Path tmp) {
        History.open("jdbc:sqlite:" + tmp.resolve("other.db")).close();
        Cli.Result r = doctor(tmp, "--history-url", "jdbc:sqlite:" + tmp.resolve("other.db"));
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).containsPattern("ok +history database +history database jdbc:sqlite:.*other.db: schema 1, 0 runs");
    }

    @Test
    void aCorruptHistoryFileIsAProblemWithItsFix(@TempDir Path tmp) throws Exception {
        Path db = tmp.resolve(HistoryOptions.DEFAULT_FILE);
        Files.write(db, "this is not an SQLite database, just junk bytes ......................".repeat(80).getBytes());
        Cli.Result r = doctor(tmp);
        assertThat(r.code()).as("the history is optional for a sweep").isZero();
        assertThat(r.out()).containsPattern("PROBLEM +history database +.*history.db")
                .contains("fix: move the damaged file aside (mv " + db + " " + db + ".bad)")
                .contains("history index");
    }

    @Test
    void aHistoryUrlWithoutADriverSaysWhichDriver(@TempDir Path tmp) {
        Cli.Result r = doctor(tmp, "--history-url", "jdbc:mysql://db.example/bench");
        assertThat(r.out()).containsPattern("PROBLEM +history database +.*no JDBC driver for 'mysql'")
                .contains("com.mysql:mysql-connector-j").contains("fix: check the URL");
    }

    @Test
    void anUnwritableResultsFolderIsMissingWithItsFix(@TempDir Path tmp) throws Exception {
        Path ro = Files.createDirectory(tmp.resolve("ro"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(ro), "running as root: a folder without write permission is writable anyway");
            Cli.Result r = doctor(ro);
            assertThat(r.code()).isEqualTo(4);
            assertThat(r.out()).containsPattern("MISSING +results folder +" + java.util.regex.Pattern.quote(ro.toString()))
                    .contains("fix: make it writable (chmod u+w " + ro + ")")
                    .contains("Something the default CPU sweep needs is missing");
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aResultsFolderThatCannotBeCreatedIsMissing(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Cli.Result r = doctor(file.resolve("results"));
        assertThat(r.code()).isEqualTo(4);
        assertThat(r.out()).containsPattern("MISSING +results folder +.*a-file/results")
                .contains("fix: make it writable").contains("or pass a writable --results-dir");
    }

    @Test
    void everyRegisteredBackendIsAskedTheDefaultOneFirst(@TempDir Path tmp) {
        Cli.Result r = doctor(tmp);
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        String out = r.out();
        // djl (the default) first, then the others by name: cuda's parts, then the test backends fault and timed
        // (sim has nothing to check); a backend without its own diagnose() is opened on auto
        int djl = out.indexOf("DJL PyTorch engine");
        int cuda = out.indexOf("JCuda driver binding");
        int fault = out.indexOf("backend fault");
        int timed = out.indexOf("backend timed");
        assertThat(djl).isPositive().isLessThan(cuda);
        assertThat(cuda).isLessThan(fault);
        assertThat(fault).isLessThan(timed);
        assertThat(out).containsPattern("ok +backend fault +device cpu \\(fault-injecting test device\\)")
                .doesNotContain("backend sim");
    }

    @Test
    void onTheFakeDriverTheCudaBackendReportsTheGpuAndDoctorLooksUpItsCeilings(@TempDir Path tmp) {
        FakeCuda.require();
        FakeCuda.Result r = FakeCuda.run(List.of("-Dai.djl.offline=true"), Main.class, Map.of(), "doctor",
                "--profiles-dir", Cli.PROFILES.toString(), "--results-dir", tmp.toString());
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        assertThat(r.stdout()).containsPattern("ok +JCuda driver binding +JCuda .*, 1 GPU\\(s\\)")
                .containsPattern("ok +GPU 0 +NVIDIA H100 80GB HBM3 \\(fake\\), compute capability 9\\.0")
                .containsPattern("(ok|absent) +ceilings of GPU 0 ");
    }
}
