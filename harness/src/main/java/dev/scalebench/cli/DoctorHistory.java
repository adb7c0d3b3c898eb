package dev.scalebench.cli;

import dev.scalebench.ScalebenchException;
import dev.scalebench.Secrets;
import dev.scalebench.results.history.History;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The doctor's look at the history database: opens it (the default SQLite file in the results folder, or
 * {@code --history-url}) and reports its schema version and run count, or what is wrong and what to do. A default
 * file that does not exist yet is fine and is not created: the first finished sweep creates it.
 */
final class DoctorHistory {
    static final String NAME = "history database";

    private DoctorHistory() {
    }

    static DoctorCommand.Check check(HistoryOptions options, Locations locations) {
        Optional<Path> file = options.defaultFile(locations);
        if (file.isPresent() && !Files.exists(file.get())) {
            return new DoctorCommand.Check(NAME, true, false, file.get()
                    + ": not created yet (the first finished sweep creates it)", null);
        }
        String url = options.url(locations);
        try (History h = History.open(url)) {
            int runs = h.runCount();
            return new DoctorCommand.Check(NAME, true, false, h.describe() + ": schema " + h.schemaVersion() + ", "
                    + runs + (runs == 1 ? " run" : " runs"), null);
        } catch (ScalebenchException e) {
            return DoctorCommand.Check.broken(NAME, Secrets.mask(e.getMessage(), url), file.map(DoctorHistory::fileFix)
                    .orElse("check the URL, that the server is up and the credentials, or pass another --history-url;"
                            + " a driver named above must be on the class path"));
        }
    }

    private static String fileFix(Path f) {
        return "move the damaged file aside (mv " + f + " " + f + ".bad) and index the runs again: scalebench history"
                + " index " + f.getParent() + "/*/ ; or pass another --history-url (sweeps still run: the history is"
                + " only needed by gate --baseline latest, trend and history)";
    }
}
