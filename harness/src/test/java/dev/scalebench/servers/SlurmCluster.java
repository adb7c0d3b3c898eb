package dev.scalebench.servers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A one-node Slurm cluster started by {@code tools/slurm/one-node.sh} in a folder of its own (munged, slurmctld,
 * slurmd, loopback only), and the few commands a test runs against it: shell snippets with {@code SLURM_CONF} set,
 * and the jobs' states from {@code squeue}. {@link #close()} cancels every job and stops the daemons.
 */
final class SlurmCluster implements AutoCloseable {
    /** The repository root, seen from the harness module (the tests' working directory). */
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final Path SCRIPT = REPO.resolve("tools/slurm/one-node.sh");
    /** The states a job leaves the queue in. */
    static final Set<String> FINAL = Set.of("COMPLETED", "CANCELLED", "FAILED", "TIMEOUT", "NODE_FAIL",
            "OUT_OF_MEMORY", "PREEMPTED", "BOOT_FAIL", "DEADLINE");

    private final Path dir;

    /**
     * A job's line in {@code squeue}.
     *
     * @param state e.g. {@code PENDING}, {@code RUNNING}, {@code COMPLETED}, {@code CANCELLED}
     * @param reason why it is pending, e.g. {@code DependencyNeverSatisfied}; {@code None} otherwise
     */
    record Job(String state, String reason) {
        boolean ended() {
            return FINAL.contains(state);
        }
    }

    private SlurmCluster(Path dir) {
        this.dir = dir;
    }

    /** Starts the cluster in {@code dir}; stops what did start when it fails. */
    static SlurmCluster start(Path dir) throws IOException, InterruptedException {
        SlurmCluster c = new SlurmCluster(dir);
        String out = c.run(List.of("bash", SCRIPT.toString(), "start", dir.toString()), REPO, Map.of(), 120);
        if (!out.contains("SLURM_CONF=")) {
            throw new AssertionError("one-node.sh start printed no SLURM_CONF:\n" + out);
        }
        return c;
    }

    Path conf() {
        return dir.resolve("slurm.conf");
    }

    /** Runs {@code script} with bash in {@code cwd} with {@code env} added; returns its output, fails on exit != 0. */
    String bash(Path cwd, Map<String, String> env, String script) throws IOException, InterruptedException {
        return run(List.of("bash", "-c", script), cwd, env, 60);
    }

    /** Every job and array task of {@code jobIds} that squeue still knows (ids like {@code 12_3}), in order. */
    Map<String, Job> jobs(String... jobIds) throws IOException, InterruptedException {
        String out = run(List.of("squeue", "-h", "-r", "-t", "all", "-j", String.join(",", jobIds), "-o", "%i|%T|%r"),
                dir, Map.of(), 30);
        Map<String, Job> jobs = new LinkedHashMap<>();
        out.lines().map(String::strip).filter(l -> l.contains("|")).forEach(l -> {
            String[] f = l.split("\\|", -1);
            jobs.put(f[0], new Job(f[1], f[2]));
        });
        return jobs;
    }

    /** Polls {@code jobs(jobIds)} every 200 ms until {@code done} holds; fails after {@code seconds}. */
    Map<String, Job> await(String what, int seconds, Predicate<Map<String, Job>> done, String... jobIds)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Map<String, Job> jobs = jobs(jobIds);
        while (!done.test(jobs)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + seconds + " s: " + what + "; squeue: " + jobs + "\n" + logs());
            }
            Thread.sleep(200);
            jobs = jobs(jobIds);
        }
        return jobs;
    }

    /** The end of the daemons' logs, for a failure's message. */
    String logs() {
        StringBuilder b = new StringBuilder();
        for (String name : List.of("slurmctld.log", "slurmd.log", "munged.log")) {
            Path f = dir.resolve(name);
            try {
                List<String> lines = Files.exists(f) ? Files.readAllLines(f) : List.of();
                b.append("--- end of ").append(f).append('\n')
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())))
                        .append('\n');
            } catch (IOException e) {
                b.append("--- ").append(f).append(": ").append(e).append('\n');
            }
        }
        return b.toString();
    }

    /** Cancels every job, stops the daemons and waits until they are gone. */
    @Override
    public void close() throws IOException, InterruptedException {
        run(List.of("bash", SCRIPT.toString(), "stop", dir.toString()), REPO, Map.of(), 90);
        try (Stream<Path> pids = Files.list(dir)) {
            List<Path> left = new ArrayList<>(pids.filter(p -> p.getFileName().toString().endsWith(".pid")).toList());
            if (!left.isEmpty()) {
                throw new AssertionError("one-node.sh stop left pid files: " + left);
            }
        }
    }

    private String run(List<String> cmd, Path cwd, Map<String, String> env, int seconds)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir.getParent(), "cmd", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        pb.environment().put("SLURM_CONF", conf().toString());
        pb.environment().merge("PATH", "/usr/sbin:/sbin", (a, b) -> a + ":" + b);
        Process p = pb.start();
        boolean ended = p.waitFor(seconds, TimeUnit.SECONDS);
        if (!ended) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        if (!ended || p.exitValue() != 0) {
            throw new AssertionError((ended ? "exit " + p.exitValue() : "not ended within " + seconds + " s") + ": "
                    + String.join(" ", cmd) + "\n" + out + "\n" + logs());
        }
        return out;
    }
}
