package dev.scalebench.results.history;

import dev.scalebench.servers.PostgresServer;
import dev.scalebench.servers.ServerTests;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history contract ({@link HistoryContract}) on a real PostgreSQL, started from the installed binaries in a
 * temporary folder ({@link PostgresServer}: loopback and a Unix socket only) and stopped after the last test
 * whatever happens; a new database per test. Skipped with the reason where the {@code postgresql} package is
 * missing, failed then under {@code CI=true}.
 */
@Tag(ServerTests.TAG)
class PostgresHistoryContractTest extends HistoryContract {

    @TempDir
    static Path serverDir;
    static PostgresServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = PostgresServer.start(serverDir);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected String freshUrl(String name) throws Exception {
        return server.createDatabase(name);
    }
}
