package dev.scalebench.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where profiles are read and results written: by default {@code profiles/} and {@code results/} of the
 * scalebench checkout (the launcher passes it as {@code -Dscalebench.home}), else of the current folder.
 */
public final class Locations {

    @Option(names = "--profiles-dir", paramLabel = "DIR",
            description = "Folder holding sweeps/, models/ and hardware/ (default: profiles/ of the scalebench checkout).")
    Path profilesDir;

    @Option(names = "--results-dir", paramLabel = "DIR",
            description = "Folder where run folders are created (default: results/ of the scalebench checkout).")
    Path resultsDir;

    /** The scalebench checkout. */
    public static Path home() {
        String home = System.getProperty("scalebench.home");
        return home != null ? Path.of(home) : Path.of("").toAbsolutePath();
    }

    Path profiles() {
        return profilesDir != null ? profilesDir : home().resolve("profiles");
    }

    Path results() {
        return resultsDir != null ? resultsDir : home().resolve("results");
    }
}
