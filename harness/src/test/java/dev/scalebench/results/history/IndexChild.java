package dev.scalebench.results.history;

import dev.scalebench.cli.Main;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The main class of a shard process in {@link HistoryContract}: loads the CLI and the JDBC drivers, waits until
 * the file {@code args[0]} exists (the start signal, so that every process opens the history at about the same
 * moment), then runs {@code scalebench args[1..]} and exits with its exit code.
 */
final class IndexChild {

    private IndexChild() {
    }

    public static void main(String[] args) throws Exception {
        Path go = Path.of(args[0]);
        Class.forName("org.sqlite.JDBC");
        Class.forName("org.postgresql.Driver");
        Class.forName(History.class.getName());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(go)) {
            if (System.nanoTime() > deadline) {
                System.err.println("no start signal " + go + " within 60 s");
                System.exit(99);
            }
            Thread.sleep(2);
        }
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(Main.execute(Arrays.copyOfRange(args, 1, args.length), out, err));
    }
}
