package dev.scalebench.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code scalebench history}: the run history database. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = {
            "The run history: a database (SQLite at <results dir>/history.db by default, or any JDBC URL given with --history-url, e.g. a shared PostgreSQL) that indexes every finished run by sweep and environment fingerprint, with its per-trial statistics. A sweep adds the run it finishes; 'history index' adds existing run folders (after a merge, or to backfill). 'gate --baseline latest' takes its baseline from here: the newest good run (complete, no failed trial) of the same sweep with a matching fingerprint.",
            ""},
        subcommands = {HistoryListCommand.class, HistoryIndexCommand.class, HistoryShowCommand.class},
        footer = {"", "Examples:",
            "  scalebench history list                                the runs, newest first",
            "  scalebench history list --sweep nightly --good --limit 10",
            "  scalebench history list --fingerprint gpu.name='NVIDIA H100 80GB HBM3'",
            "  scalebench history index results/20261122-081500-nightly   add (or refresh) a run folder",
            "  scalebench history show 20261122-081500-nightly",
            "  scalebench history list --history-url jdbc:postgresql://db/bench?user=sb"})
final class HistoryCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
