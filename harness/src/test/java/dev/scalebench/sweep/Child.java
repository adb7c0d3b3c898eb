package dev.scalebench.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.cli.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A scalebench CLI in a child JVM, for crash tests that need a second process (locks are per process): started
 * with the test's class path, its output in a log file, signalled with {@code kill}.
 *
 * @param process the child
 * @param log its standard output and error
 */
record Child(Process process, Path log) {

    /** Starts {@code scalebench ARGS} with {@code jvmFlags} (e.g. a fault-injection property). */
    static Child start(Path log, List<String> jvmFlags, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx384m");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.addAll(jvmFlags);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.scalebench.cli.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        return new Child(pb.start(), log);
    }

    /** Starts a sweep of {@code spec} into {@code results}. */
    static Child sweep(Path spec, Path results, Path log, List<String> jvmFlags) throws IOException {
        return start(log, jvmFlags, "sweep", "--profile", spec.toString(), "--profiles-dir", Cli.PROFILES.toString(),
                "--results-dir", results.toString(), "--progress-interval", "1s", "--no-history", "--no-analyze");
    }

    /** Starts {@code sweep --resume run}. */
    static Child resume(Path run, Path log, List<String> jvmFlags) throws IOException {
        return start(log, jvmFlags, "sweep", "--resume", run.toString(), "--no-history", "--no-analyze");
    }

    /** JVM flags that make the child stop itself after its {@code histograms}-th histogram (fault injection). */
    static List<String> stopAfter(int histograms) {
        return List.of("-D" + dev.scalebench.results.RunStore.STOP_AFTER_HISTOGRAM + "=" + histograms);
    }

    /** The one run folder in {@code results} (folders being built, named with a leading dot, are skipped). */
    static Path onlyRun(Path results) throws IOException {
        try (java.util.stream.Stream<Path> s = Files.list(results)) {
            List<Path> runs = s.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
            assertThat(runs).hasSize(1);
            return runs.get(0);
        }
    }

    long pid() {
        return process.pid();
    }

    /** What the child printed so far. */
    String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(unreadable log: " + e + ")";
        }
    }

    /** Sends {@code signal} (e.g. "CONT", "TERM", "KILL") with kill(1). */
    void signal(String signal) throws Exception {
        int rc = new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).inheritIO().start().waitFor();
        assertThat(rc).as("kill -" + signal + " " + pid()).isZero();
    }

    /** Waits (up to two minutes) until the child has stopped itself (state T in /proc/PID/stat). */
    void awaitStopped() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("child " + pid() + " exited with " + process.exitValue()
                        + " before it stopped itself:\n" + output());
            }
            String stat = Files.readString(Path.of("/proc/" + pid() + "/stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            if (state == 'T' || state == 't') {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("child " + pid() + " did not stop itself within two minutes:\n" + output());
    }

    /** Waits (up to five minutes) for the child to exit; returns its exit code. */
    int exitCode() throws Exception {
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("child " + pid() + " did not exit within five minutes:\n" + output());
        }
        return process.exitValue();
    }
}
