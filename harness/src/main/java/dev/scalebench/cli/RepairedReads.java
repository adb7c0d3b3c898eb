package dev.scalebench.cli;

import dev.scalebench.results.Run;
import dev.scalebench.results.RunReader;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Reads a run folder for a command that only reads runs ({@code analyze}, {@code compare}, {@code gate}): what
 * {@link RunReader#read} repaired in memory (a crash's leftovers) is printed to stderr, one note per repair, as
 * {@code <command>: note: <run dir>: <repair>}; the run's files are never changed. The command also carries the
 * repairs into its reports.
 */
final class RepairedReads {

    private RepairedReads() {
    }

    /** The run in {@code dir}, read once into its model, its repairs told on {@code err}. */
    static Run read(String command, Path dir, PrintWriter err) {
        Run r = Run.read(dir);
        for (String w : r.warnings()) {
            err.println(command + ": note: " + dir + ": " + w);
        }
        err.flush();
        return r;
    }
}
