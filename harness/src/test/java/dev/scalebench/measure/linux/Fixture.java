package dev.scalebench.measure.linux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A fixture folder standing for {@code /proc} and {@code /sys}: files written by path, threads by id. */
final class Fixture {

    final Path root;
    final LinuxRoots roots;

    Fixture(Path root) {
        this.root = root;
        this.roots = new LinuxRoots(root.resolve("proc"), root.resolve("sys"));
    }

    /** Writes {@code text} to {@code path} under the fixture's root ({@code proc/self/status}, {@code sys/...}). */
    Fixture write(String path, String text) {
        try {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Thread {@code tid} that never ran, {@code waitNanos} in its schedstat, {@code involuntary} switches in its status. */
    Fixture thread(long tid, long waitNanos, long involuntary) {
        return thread(tid, 0, waitNanos, involuntary);
    }

    /** Thread {@code tid}: {@code runNanos} and {@code waitNanos} in its schedstat, {@code involuntary} switches. */
    Fixture thread(long tid, long runNanos, long waitNanos, long involuntary) {
        write("proc/self/task/" + tid + "/schedstat", runNanos + " " + waitNanos + " 7\n");
        return write("proc/self/task/" + tid + "/status", "Name:\tjava\nvoluntary_ctxt_switches:\t99\n"
                + "nonvoluntary_ctxt_switches:\t" + involuntary + "\n");
    }

    /** Makes {@code tid} the thread that reads ({@code proc/thread-self/stat}). */
    Fixture self(long tid) {
        return write("proc/thread-self/stat", tid + " (java) R 1 1 1 0 -1 4194560\n");
    }

    /** Removes {@code path} (a file or a folder with everything in it). */
    Fixture remove(String path) {
        Path p = root.resolve(path);
        if (!Files.exists(p)) {
            return this;
        }
        try (Stream<Path> all = Files.walk(p)) {
            for (Path x : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A {@code cpuN} line of {@code /proc/stat} whose total is {@code total} ticks, {@code steal} of them stolen. */
    static String cpuLine(int cpu, long total, long steal) {
        long idle = total - steal - 100;
        return "cpu" + cpu + " 60 0 40 " + idle + " 0 0 0 " + steal + " 0 0\n";
    }
}
