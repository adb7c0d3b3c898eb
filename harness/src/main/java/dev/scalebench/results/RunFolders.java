package dev.scalebench.results;

import dev.scalebench.ScalebenchException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * How a new run folder comes into being (a sweep's or a merge's): built under a hidden temporary name
 * ({@code .tmp-run-*}) beside its final place — {@code run.lock} taken first, then {@code run.json} and the other
 * files written and forced — and renamed into place in one {@code rename(2)}. So a run folder either does not
 * exist or is complete, resumable and, until its writer closes it, locked. {@code rename(2)} replaces only an
 * empty folder, so a run that is already there is never replaced; a taken name moves on to the next candidate.
 *
 * <p>A temporary folder left by {@code kill -9} holds no trial; the next new run in the same results folder
 * removes those older than ten minutes whose lock is free. Readers that list a results folder skip names that
 * start with a dot.
 */
final class RunFolders {

    /** Prefix of a run folder while it is built. */
    static final String TEMP_PREFIX = AtomicFiles.TEMP_PREFIX + "run-";
    private static final Duration STALE = Duration.ofMinutes(10);

    private RunFolders() {
    }

    /** Writes a new run's files other than {@code run.json} into its temporary folder. */
    @FunctionalInterface
    interface Content {
        void write(Path tmp, RunManifest manifest) throws IOException;
    }

    /** A run folder in place, with its manifest as written and its lock held. */
    record Placed(Path dir, RunManifest manifest, RunLock lock) { }

    /** The names {@code id}, {@code id-2}, {@code id-3}... up to {@code id-9999}. */
    static Iterable<Path> numbered(String id) {
        return () -> new Iterator<>() {
            private int n = 1;

            @Override
            public boolean hasNext() {
                return n < 10_000;
            }

            @Override
            public Path next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int k = n++;
                return Path.of(k == 1 ? id : id + "-" + k);
            }
        };
    }

    /** Only {@code target}: refused when it exists and is not an empty folder. */
    static Iterable<Path> exactly(Path target) {
        return List.of(target);
    }

    /**
     * Builds a run folder and renames it to the first free candidate (resolved against {@code parent}).
     *
     * @param manifestFor the manifest for a folder name (its run id); called again when a name is taken
     * @param command a few words for the lock's holder line
     * @throws ScalebenchException bad input when the only candidate is taken; runtime on an I/O error
     */
    static Placed place(Path parent, Iterable<Path> candidates, Function<String, RunManifest> manifestFor,
            Content content, String command) {
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw ScalebenchException.runtime("cannot create the results folder " + parent + ": " + e, e);
        }
        removeStale(parent);
        Path tmp = createTemp(parent);
        RunLock lock = null;
        try {
            lock = RunLock.acquire(tmp, command);
            Iterator<Path> names = candidates.iterator();
            Path first = parent.resolve(names.next());
            RunManifest m = manifestFor.apply(first.getFileName().toString());
            m.write(tmp.resolve(RunManifest.FILE));
            content.write(tmp, m);
            AtomicFiles.syncDirectory(tmp);
            for (Path target = first; ; target = parent.resolve(names.next())) {
                String id = target.getFileName().toString();
                if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS) || isEmptyFolder(target)) {
                    if (!m.runId().equals(id)) {
                        m = manifestFor.apply(id);
                        m.write(tmp.resolve(RunManifest.FILE));
                    }
                    if (moveInto(tmp, target)) {
                        lock.movedTo(target);
                        AtomicFiles.syncDirectory(parent);
                        return new Placed(target, m, lock);
                    }
                }
                if (!names.hasNext()) {
                    throw candidates instanceof List<?> l && l.size() == 1
                            ? ScalebenchException.badInput(target + " exists and is not empty; choose another run "
                                    + "folder, or resume the run that is there")
                            : ScalebenchException.runtime("cannot create a run folder in " + parent + ": too many "
                                    + "runs named " + first.getFileName(), null);
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            if (lock != null) {
                lock.close();
            }
            deleteQuietly(tmp);
            if (e instanceof IOException) {
                throw ScalebenchException.runtime("cannot create a run folder in " + parent + ": " + e, e);
            }
            if (e instanceof Error err) {
                throw err;
            }
            throw (RuntimeException) e;
        }
    }

    private static Path createTemp(Path parent) {
        try {
            Path tmp = Files.createTempDirectory(parent, TEMP_PREFIX);
            if (Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            return tmp;
        } catch (IOException e) {
            throw ScalebenchException.runtime("cannot create a run folder in " + parent + ": " + e, e);
        }
    }

    /** Renames {@code tmp} to {@code target}; false when {@code target} was taken (a non-empty folder). */
    private static boolean moveInto(Path tmp, Path target) {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (FileSystemException e) {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            throw ScalebenchException.runtime("cannot move the new run into " + target + ": " + e, e);
        } catch (IOException e) {
            throw ScalebenchException.runtime("cannot move the new run into " + target + ": " + e, e);
        }
    }

    private static boolean isEmptyFolder(Path p) {
        if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** Removes leftover temporary run folders older than ten minutes whose lock is free; best effort. */
    private static void removeStale(Path parent) {
        Instant cutoff = Instant.now().minus(STALE);
        try (Stream<Path> s = Files.list(parent)) {
            for (Path p : s.filter(x -> x.getFileName().toString().startsWith(TEMP_PREFIX)).toList()) {
                if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                        || Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant().isAfter(cutoff)) {
                    continue;
                }
                Optional<RunLock> free = RunLock.tryAcquire(p, "cleanup");
                if (free.isPresent()) {
                    try {
                        deleteQuietly(p);
                    } finally {
                        free.get().close();
                    }
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // best effort: a leftover is harmless
        }
    }

    /** Deletes a folder and everything in it; best effort. */
    static void deleteQuietly(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
