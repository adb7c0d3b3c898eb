package dev.scalebench.servers;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What every test against a real server (PostgreSQL, Prometheus, Slurm) does when the server's Debian package is
 * missing: in a developer's run it is <b>skipped with the reason</b> (and the package to install); under
 * {@code CI=true} it <b>fails</b>, because CI must run it ({@code .ci/run} installs the packages first). Server tests
 * are tagged {@value #TAG}; they start their server in a temporary folder, bound to loopback or a Unix socket, and
 * stop it whatever happens.
 */
public final class ServerTests {

    /** The JUnit tag of every server test: {@value}. */
    public static final String TAG = "server";

    private ServerTests() {
    }

    /** Whether this run is CI's ({@code CI=true}), where a missing server fails instead of skipping. */
    public static boolean underCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * The first of {@code names} found on the {@code PATH} or as an absolute path; when none is, skips the test (or
     * fails it under CI) saying which Debian package provides it.
     *
     * @param debianPackage e.g. {@code postgresql}, {@code prometheus}, {@code slurm-wlm}
     */
    public static Path require(String debianPackage, String... names) {
        Optional<Path> found = find(names);
        if (found.isEmpty()) {
            missing(debianPackage, "none of " + List.of(names) + " is on the PATH");
        }
        return found.orElseThrow();
    }

    /** Skips the test, or fails it under CI, because {@code debianPackage} is missing ({@code why}). */
    public static void missing(String debianPackage, String why) {
        String message = debianPackage + " is missing (" + why + "): install it with apt-get install -y "
                + debianPackage + " (.ci/run does)";
        if (underCi()) {
            fail("CI=true: " + message);
        }
        abort(message);
    }

    /** The first of {@code names} that is an executable file, looked up on the {@code PATH} unless absolute. */
    public static Optional<Path> find(String... names) {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String n : names) {
            if (n.startsWith("/")) {
                Path p = Path.of(n);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
                continue;
            }
            for (String dir : path.split(":")) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, n);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }
}
