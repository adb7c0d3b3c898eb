package dev.scalebench.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for tests, started from the installed binaries (Debian package {@code postgresql})
 * in a temporary folder and stopped at the end, whatever happens.
 *
 * <h2>What it does</h2>
 *
 * <ol>
 *   <li>Finds {@code initdb} on the {@code PATH}, else in {@code /usr/lib/postgresql/<version>/bin} (newest version
 *       first), through {@link ServerTests#require}: a developer's run without the package skips, saying
 *       {@code apt-get install -y postgresql}; a run with {@code CI=true} fails. {@code pg_ctl} is taken from the
 *       folder {@code initdb} really lives in (symbolic links resolved), so both are of one version.</li>
 *   <li>{@code initdb -A trust -U scalebench -E UTF8 --locale=C --no-sync} into {@code <dir>/data}: one
 *       superuser {@value #USER}, no password, trusted only over the local socket and loopback.</li>
 *   <li>{@code pg_ctl start -w} with {@code -k <dir> -p <port> -c listen_addresses=127.0.0.1 -F}: the server listens
 *       on a Unix socket in the temporary folder and on a free loopback port (the JDBC driver needs TCP), never on
 *       another interface; {@code -F} turns off {@code fsync}, as nothing here must survive a crash. Its log is
 *       {@code <dir>/postgres.log}, quoted in the failure when the server does not start.</li>
 *   <li>{@link #createDatabase} makes a fresh database per test and returns its JDBC URL,
 *       {@code jdbc:postgresql://127.0.0.1:<port>/<name>?user=scalebench}.</li>
 *   <li>{@link #close} runs {@code pg_ctl stop -m immediate} and, should the postmaster still be alive, kills it by
 *       the pid in {@code postmaster.pid}. A JVM shutdown hook does the same if the test JVM ends without
 *       {@code close} (call it from {@code @AfterAll}).</li>
 * </ol>
 *
 * <h2>Running as root</h2>
 *
 * <p>{@code initdb} and {@code postgres} refuse to run as root. When the test JVM's uid is 0 (a container, this
 * project's build machine) every PostgreSQL command runs as an unprivileged user through
 * {@code runuser -u <user> --} (util-linux): the user is {@code nobody}, or the system property
 * {@code scalebench.postgres.user}. The server's folder is then given to that user, and the folder above it (the
 * test's {@code @TempDir}, mode 700) gets the search bit for others ({@code rwx--x--x}) so that user can reach it.
 * On a CI runner that is not root, the commands run directly as the runner's user and nothing is chowned.
 *
 * <p>Starting takes about a second on a 2-core machine: {@code initdb} most of it.
 */
public final class PostgresServer implements AutoCloseable {
    /** The superuser {@code initdb} creates, with trust authentication. */
    public static final String USER = "scalebench";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final long COMMAND_TIMEOUT_S = 60;

    private final Path dir;
    private final Path bin;
    private final int port;
    private final List<String> asUser;
    private final Thread hook;
    private boolean stopped;

    private PostgresServer(Path dir, Path bin, int port, List<String> asUser) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
        this.asUser = asUser;
        this.hook = new Thread(this::stopQuietly, "postgres-stop-" + port);
    }

    /**
     * Starts a server in {@code <parent>/postgres}; skips the test (fails under {@code CI=true}) when PostgreSQL is
     * not installed.
     *
     * @param parent a temporary folder of the test ({@code @TempDir})
     */
    public static PostgresServer start(Path parent) throws IOException, InterruptedException {
        Path initdb = ServerTests.require("postgresql", candidates());
        Path bin = initdb.toRealPath().getParent();
        List<String> asUser = asUnprivilegedUser();
        Path dir = Files.createDirectories(parent.resolve("postgres"));
        if (!asUser.isEmpty()) {
            Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwx--x--x"));
            UserPrincipal owner = parent.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(asUser.get(2));
            Files.setOwner(dir, owner);
        }
        int port = freeLoopbackPort();
        PostgresServer server = new PostgresServer(dir, bin, port, asUser);
        server.run("initdb", "-A", "trust", "-U", USER, "-E", "UTF8", "--locale=C", "--no-sync", "-D",
                dir.resolve("data").toString());
        Runtime.getRuntime().addShutdownHook(server.hook);
        try {
            server.run("pg_ctl", "start", "-w", "-t", Long.toString(COMMAND_TIMEOUT_S), "-D",
                    dir.resolve("data").toString(), "-l", dir.resolve("postgres.log").toString(), "-o",
                    "-k " + dir + " -p " + port + " -c listen_addresses=127.0.0.1 -F");
        } catch (IOException | RuntimeException | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The loopback port it listens on. */
    public int port() {
        return port;
    }

    /** The JDBC URL of database {@code name} on this server, as user {@value #USER}. */
    public String url(String name) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name + "?user=" + USER;
    }

    /**
     * Creates an empty database and returns its JDBC URL.
     *
     * @param name lower-case letters, digits and underscores, starting with a letter
     */
    public String createDatabase(String name) throws SQLException {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database name '" + name + "': must match " + NAME.pattern());
        }
        try (Connection c = DriverManager.getConnection(url("postgres")); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return url(name);
    }

    /** Stops the server at once ({@code pg_ctl stop -m immediate}), killing the postmaster if that fails. */
    @Override
    public synchronized void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException | IllegalArgumentException ignored) {
            // the JVM is shutting down, or the hook was never added
        }
    }

    private synchronized void stopQuietly() {
        if (stopped) {
            return;
        }
        stopped = true;
        Path data = dir.resolve("data");
        if (!Files.exists(data.resolve("postmaster.pid"))) {
            return;
        }
        try {
            run("pg_ctl", "stop", "-m", "immediate", "-w", "-D", data.toString());
        } catch (IOException | RuntimeException | Error | InterruptedException e) {
            // fall through to the kill below
        }
        try {
            Path pidFile = data.resolve("postmaster.pid");
            if (Files.exists(pidFile)) {
                long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
                ProcessHandle.of(pid).ifPresent(p -> {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                });
            }
        } catch (IOException | RuntimeException e) {
            // nothing left to do
        }
    }

    /** Runs {@code bin/<tool> args} (as the unprivileged user when root); fails with its output when it fails. */
    private void run(String tool, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(asUser);
        cmd.add(bin.resolve(tool).toString());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("pg-" + tool, ".out");
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(COMMAND_TIMEOUT_S, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", cmd) + ": still running after " + COMMAND_TIMEOUT_S
                        + " s\n" + Files.readString(out) + log());
            }
            assertThat(p.exitValue()).as("%s exited with %d:%n%s%s", String.join(" ", cmd), p.exitValue(),
                    Files.readString(out), log()).isZero();
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private String log() {
        Path log = dir.resolve("postgres.log");
        try {
            return Files.exists(log) ? "\n" + log + ":\n" + Files.readString(log) : "";
        } catch (IOException e) {
            return "\n" + log + ": unreadable (" + e + ")";
        }
    }

    /** {@code initdb} on the PATH, then in each installed version's folder, newest first. */
    private static String[] candidates() throws IOException {
        List<String> names = new ArrayList<>(List.of("initdb"));
        Path lib = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> versions = Files.list(lib)) {
                versions.filter(v -> v.getFileName().toString().matches("\\d+"))
                        .sorted(Comparator.comparingInt((Path v) -> Integer.parseInt(v.getFileName().toString()))
                                .reversed())
                        .forEach(v -> names.add(v.resolve("bin/initdb").toString()));
            }
        }
        return names.toArray(String[]::new);
    }

    /** {@code [runuser, -u, USER, --]} when this JVM runs as root, else nothing. */
    private static List<String> asUnprivilegedUser() throws IOException {
        Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if (!Integer.valueOf(0).equals(uid)) {
            return List.of();
        }
        String user = System.getProperty("scalebench.postgres.user", "nobody").toLowerCase(Locale.ROOT);
        Path runuser = ServerTests.require("util-linux", "runuser", "/usr/sbin/runuser", "/sbin/runuser");
        return List.of(runuser.toString(), "-u", user, "--");
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
