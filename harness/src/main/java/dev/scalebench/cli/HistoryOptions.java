package dev.scalebench.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where the history database is: {@code results/history.db} (SQLite) by default, or any JDBC URL. */
public final class HistoryOptions {

    /** File name of the default SQLite database inside the results folder. */
    public static final String DEFAULT_FILE = "history.db";

    @Option(names = "--history-url", paramLabel = "JDBC_URL",
            description = "History database: any JDBC URL (e.g. jdbc:postgresql://host/db for a fleet). Default: jdbc:sqlite:<results dir>/" + DEFAULT_FILE + ".")
    String url;

    /** The JDBC URL, defaulting to the SQLite file in {@code locations}' results folder. */
    String url(Locations locations) {
        return url != null ? url : "jdbc:sqlite:" + locations.results().resolve(DEFAULT_FILE);
    }

    /** The SQLite file of the default URL; empty when {@code --history-url} names the database. */
    Optional<Path> defaultFile(Locations locations) {
        return url != null ? Optional.empty() : Optional.of(locations.results().resolve(DEFAULT_FILE));
    }
}
