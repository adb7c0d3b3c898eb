package dev.scalebench.results;

import dev.scalebench.Host;
import dev.scalebench.Version;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The environment fingerprint stored in every run manifest: what a run is comparable with. Keys (sorted):
 * {@code cpu.model}, {@code cpu.cores} (logical processors available to the JVM), {@code os.name},
 * {@code os.version}, {@code os.arch}, {@code jvm.vendor}, {@code jvm.version}, {@code jvm.name},
 * {@code memory.total.bytes} (physical memory), {@code host.name}, {@code git.commit} (of the project folder,
 * or {@code unknown}), {@code git.dirty} ({@code true|false|unknown}), {@code scalebench.version}, plus the
 * backend's own facts, which a backend should namespace (e.g. {@code djl.engine}, {@code djl.flavor},
 * {@code gpu.name}, {@code gpu.memory.bytes}, {@code gpu.driver}); a backend fact replaces a host fact of the
 * same key. On a GPU the sweep adds the GPU's state read through NVML ({@code measure.nvml.GpuFacts}:
 * {@code gpu.power.limit.watts}, {@code gpu.persistence}, {@code gpu.clocks.locked}, {@code gpu.ecc},
 * {@code gpu.mig}, {@code gpu.driver}). Collecting never fails: what cannot be found is {@code unknown}.
 */
public final class Fingerprint {

    /**
     * The facts that make two runs comparable: the machine and the engine, not the code under test (no
     * {@code git.commit}, {@code host.name} or {@code scalebench.version}). Gate policies default to these, and
     * trends keep one series per distinct combination of them.
     */
    public static final List<String> COMPARABLE_KEYS = List.of("backend", "cpu.model", "cpu.cores", "os.name",
            "os.arch", "device", "device.name", "gpu.name", "gpu.compute.capability", "engine", "engine.version",
            "pytorch.flavor", "cuda.version", "threads.intra", "threads.inter", "gpu.power.limit.watts",
            "gpu.clocks.locked", "gpu.persistence", "gpu.ecc", "gpu.mig");

    /** Value of a fact that could not be determined. */
    public static final String UNKNOWN = "unknown";
    private static final long GIT_TIMEOUT_MS = 3000;

    private Fingerprint() {
    }

    /**
     * Collects the fingerprint.
     *
     * @param backendFacts the backend's facts (engine, versions, flavour, GPU...); may be empty
     * @param projectDir folder whose git commit identifies the code; null to skip
     */
    public static SortedMap<String, String> collect(Map<String, String> backendFacts, Path projectDir) {
        SortedMap<String, String> f = new TreeMap<>();
        f.put("cpu.model", Host.cpuModel().orElse(UNKNOWN));
        f.put("cpu.cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        f.put("os.name", System.getProperty("os.name", UNKNOWN));
        f.put("os.version", System.getProperty("os.version", UNKNOWN));
        f.put("os.arch", System.getProperty("os.arch", UNKNOWN));
        f.put("jvm.vendor", System.getProperty("java.vendor", UNKNOWN));
        f.put("jvm.version", System.getProperty("java.runtime.version", System.getProperty("java.version", UNKNOWN)));
        f.put("jvm.name", System.getProperty("java.vm.name", UNKNOWN));
        long memory = Host.physicalMemoryBytes();
        f.put("memory.total.bytes", memory < 0 ? UNKNOWN : Long.toString(memory));
        f.put("host.name", Host.name());
        String commit = projectDir == null ? null : git(projectDir, "rev-parse", "HEAD");
        f.put("git.commit", commit == null || commit.isBlank() ? UNKNOWN : commit.trim());
        Boolean dirty = commit == null ? null : gitDirty(projectDir);
        f.put("git.dirty", dirty == null ? UNKNOWN : dirty.toString());
        f.put("scalebench.version", Version.get());
        if (backendFacts != null) {
            backendFacts.forEach((k, v) -> f.put(k, v == null ? UNKNOWN : v));
        }
        return Collections.unmodifiableSortedMap(f);
    }

    /**
     * {@code energy: unavailable (<reason>)} when {@code fingerprint} says why energy cannot be read: {@code energy.cpu}
     * {@code unavailable (…)} (RAPL, a backend on the CPU) or {@code gpu.nvml} (NVML, a backend on a GPU); empty when
     * it says neither. The sweep prints it once at its start; the analysis says it once when no trial read energy.
     */
    public static java.util.Optional<String> energyUnavailable(Map<String, String> fingerprint) {
        String cpu = fingerprint.get("energy.cpu");
        if (cpu != null && cpu.startsWith("unavailable")) {
            return java.util.Optional.of("energy: " + cpu);
        }
        String gpu = fingerprint.get("gpu.nvml");
        return gpu == null ? java.util.Optional.empty() : java.util.Optional.of("energy: unavailable (" + gpu + ")");
    }

    /**
     * The facts of {@code fingerprint} named by {@code keys}, sorted by key; absent facts read {@link #UNKNOWN}.
     */
    public static SortedMap<String, String> select(Map<String, String> fingerprint, List<String> keys) {
        SortedMap<String, String> s = new TreeMap<>();
        for (String k : keys) {
            s.put(k, fingerprint.getOrDefault(k, UNKNOWN));
        }
        return s;
    }

    /**
     * Output of a git command in {@code dir}, or null when git is missing, fails or takes too long. The output
     * must be small (it waits for the exit before reading, so a large output would hit the time-out).
     */
    static String git(Path dir, String... args) {
        Result r = run(dir, args);
        return r == null || r.exit != 0 ? null : r.out;
    }

    /** Whether the work tree differs from HEAD ({@code git diff-index --quiet HEAD}); null when unknown. */
    static Boolean gitDirty(Path dir) {
        Result r = run(dir, "diff-index", "--quiet", "HEAD", "--");
        return r == null || r.exit > 1 ? null : r.exit == 1;
    }

    private record Result(int exit, String out) { }

    private static Result run(Path dir, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
        cmd.addAll(List.of(args));
        Process p = null;
        try {
            p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            if (!p.waitFor(GIT_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                return null;
            }
            byte[] out = p.getInputStream().readNBytes(4096);
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }
}
