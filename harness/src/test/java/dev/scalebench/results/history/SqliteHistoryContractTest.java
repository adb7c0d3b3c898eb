package dev.scalebench.results.history;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The history contract ({@link HistoryContract}) on SQLite, the default backend: a new file per database. */
class SqliteHistoryContractTest extends HistoryContract {

    @TempDir
    static Path databases;

    @Override
    protected String freshUrl(String name) {
        return "jdbc:sqlite:" + databases.resolve(name).resolve("history.db");
    }
}
