package dev.scalebench.results.history;

import dev.scalebench.ScalebenchException;
import dev.scalebench.Secrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** What {@link History#open} does with a JDBC URL before connecting: the missing-driver message, SQLite's folder. */
final class HistoryUrls {
    private static final Map<String, String> DRIVERS = Map.of(
            "postgresql", "org.postgresql:postgresql",
            "sqlite", "org.xerial:sqlite-jdbc",
            "mysql", "com.mysql:mysql-connector-j",
            "mariadb", "org.mariadb.jdbc:mariadb-java-client",
            "h2", "com.h2database:h2");

    private HistoryUrls() {
    }

    /** Why no driver takes {@code url}: the artifact to add, or the form the bundled driver expects. */
    static String missingDriver(String url) {
        String sub = url.substring(5, url.indexOf(':', 5)).toLowerCase(Locale.ROOT);
        String artifact = DRIVERS.get(sub);
        if (sub.equals("postgresql") || sub.equals("sqlite")) {
            return "the bundled " + sub + " driver does not accept this URL; expected "
                    + (sub.equals("sqlite") ? "jdbc:sqlite:FILE" : "jdbc:postgresql://HOST[:PORT]/DATABASE?user=USER"
                            + "&password=PASSWORD");
        }
        return "no JDBC driver for '" + sub + "' on the class path"
                + (artifact != null ? " (add " + artifact + " to it)" : "")
                + "; scalebench bundles SQLite (jdbc:sqlite:FILE) and PostgreSQL (jdbc:postgresql://HOST/DATABASE)";
    }

    /**
     * Creates the folder of a plain SQLite file URL ({@code jdbc:sqlite:path[?params]}), which SQLite will not;
     * never a folder whose path looks like it holds a secret ({@code //user:password@...}): that URL is a mistake,
     * and SQLite's refusal to open it says so.
     */
    static void createSqliteFolder(String url, String where) {
        String rest = url.substring("jdbc:sqlite:".length());
        int q = rest.indexOf('?');
        String file = q < 0 ? rest : rest.substring(0, q);
        if (file.isEmpty() || file.startsWith(":") || file.startsWith("file:") || !Secrets.mask(file).equals(file)) {
            return;
        }
        try {
            Path parent = Path.of(file).toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                Files.createDirectories(parent);
            }
        } catch (IOException | InvalidPathException e) {
            throw ScalebenchException.runtime("cannot open the " + where + ": cannot create its folder: "
                    + Secrets.mask(e.toString(), url), e);
        }
    }
}
