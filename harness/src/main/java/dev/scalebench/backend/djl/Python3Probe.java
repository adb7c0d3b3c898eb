package dev.scalebench.backend.djl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The python probe of {@link LibtorchDiscovery}: runs the {@code python3} on the {@code PATH} with a short script
 * that finds the {@code torch} package ({@code importlib.util.find_spec}) and reads its {@code version.py}, without
 * importing torch (an import takes about a second). It prints
 * {@code <torch version> <cuda version or None> <torch folder>}, e.g.
 * {@code 2.7.1+cu128 12.8 /usr/lib/python3/dist-packages/torch}; no python3, no torch, a non-zero exit or no answer within 20 s are an {@link IOException} with the reason.
 */
final class Python3Probe implements LibtorchDiscovery.PythonProbe {
    private static final long PROBE_TIMEOUT_S = 20;
    /** Finds torch without importing it: its version.py has the version and the CUDA version. */
    static final String PROBE = "import importlib.util, os\n"
            + "s = importlib.util.find_spec('torch')\n"
            + "if s is None or not s.origin: raise SystemExit('no module named torch')\n"
            + "d = os.path.dirname(s.origin); ns = {}\n"
            + "exec(open(os.path.join(d, 'version.py')).read(), ns)\n"
            + "print(ns['__version__'], ns.get('cuda'), d)\n";

    @Override
    public String run() throws IOException {
        return run(Map.of());
    }

    /** {@link #run()} with these variables added to the environment (a test's {@code PYTHONPATH}). */
    static String run(Map<String, String> extraEnv) throws IOException {
        Path out = Files.createTempFile("scalebench-torch-probe", ".txt");
        try {
            Process p;
            try {
                ProcessBuilder pb = new ProcessBuilder("python3", "-c", PROBE).redirectErrorStream(true)
                        .redirectOutput(out.toFile());
                pb.environment().putAll(extraEnv);
                p = pb.start();
            } catch (IOException e) {
                throw new IOException("no python3 on the PATH", e);
            }
            if (!p.waitFor(PROBE_TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("python3 did not answer in " + PROBE_TIMEOUT_S + " s");
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IOException(text.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce((a, b) -> b)
                        .orElse("python3 exited " + p.exitValue()));
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
