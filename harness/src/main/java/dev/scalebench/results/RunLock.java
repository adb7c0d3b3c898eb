package dev.scalebench.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scalebench.Host;
import dev.scalebench.ScalebenchException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The one writer of a run folder: an exclusive lock on {@code run.lock} in the folder, taken before anything in
 * the folder is read for writing or repaired, and held until {@link #close()} (or the process ends, even by
 * {@code kill -9}: the operating system releases it).
 *
 * <p>Why a file of its own: the lock is a POSIX record lock ({@link FileChannel#tryLock()}), and POSIX drops
 * every lock a process holds on a file when the process closes <em>any</em> descriptor of that file. So the lock
 * file is opened by this class only, once per process and folder, and never by code that reads the run; a
 * second {@link #acquire} of a folder this process already holds is refused without opening the file (a
 * process-wide registry of held files, by file key). The file is never deleted: deleting a held lock file would
 * let another process lock a new file of the same name.
 *
 * <p>While held, the file holds one JSON line naming the holder ({@code pid}, {@code host}, {@code since},
 * {@code command}), which a refused process prints; it is emptied on {@link #close()}. A file left with a holder
 * after {@code kill -9} is harmless: only the kernel's lock counts.
 */
public final class RunLock implements AutoCloseable {

    /** The lock file's name in a run folder. */
    public static final String FILE = "run.lock";

    private static final Set<Object> HELD = new HashSet<>();

    private final Object key;
    private final FileChannel channel;
    private final FileLock lock;
    private volatile Path dir;
    private boolean closed;

    private RunLock(Path dir, Object key, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code runDir} for {@code command} (a few words for the holder line, e.g.
     * {@code "sweep --resume"}), creating {@code run.lock} when missing.
     *
     * @throws ScalebenchException bad input (exit 2) when another process, or this one, holds it: the message
     *     names the holder's process id, host and start time
     */
    public static RunLock acquire(Path runDir, String command) {
        return tryAcquire(runDir, command).orElseThrow(() -> ScalebenchException.badInput(runDir
                + ": the run is open in " + describeHolder(runDir) + "; wait for it to end, or stop that process"
                + " and resume the run (scalebench sweep --resume " + runDir + ")"));
    }

    /**
     * Takes the lock of {@code runDir} if it is free.
     *
     * @return the lock, or empty when another process, or this one, holds it
     * @throws ScalebenchException runtime when the lock file cannot be created or locked (e.g. read-only folder)
     */
    public static Optional<RunLock> tryAcquire(Path runDir, String command) {
        Path file = runDir.resolve(FILE);
        synchronized (HELD) {
            Object before = fileKey(file);
            if (before != null && HELD.contains(before)) {
                return Optional.empty(); // opening the file again would drop this process's lock
            }
            FileChannel ch = null;
            try {
                ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                FileLock l = ch.tryLock();
                if (l == null) {
                    ch.close();
                    return Optional.empty();
                }
                Object key = fileKey(file);
                ch.truncate(0);
                ch.position(0);
                AtomicFiles.writeFully(ch, ByteBuffer.wrap(holderLine(command)));
                ch.force(false);
                HELD.add(key);
                return Optional.of(new RunLock(runDir, key, ch, l));
            } catch (IOException e) {
                closeQuietly(ch);
                throw ScalebenchException.runtime("cannot lock " + file + ": " + e, e);
            }
        }
    }

    /**
     * Like {@link #acquire}, for a process that only reads the run but must not read it while another writes
     * (merge): empty when the folder is not writable, since no process can write such a run either.
     */
    public static Optional<RunLock> acquireUnlessReadOnly(Path runDir, String command) {
        if (!Files.isWritable(runDir) && !Files.isWritable(runDir.resolve(FILE))) {
            return Optional.empty();
        }
        return Optional.of(acquire(runDir, command));
    }

    /** Whether this process holds the lock of {@code runDir}. */
    public static boolean heldHere(Path runDir) {
        synchronized (HELD) {
            Object key = fileKey(runDir.resolve(FILE));
            return key != null && HELD.contains(key);
        }
    }

    /**
     * Who holds the lock, as recorded in the file ("process 1234 on host-a since 2026-12-06T00:30:00Z (sweep)"),
     * for messages. Call only when this process does not hold it (reading opens the file).
     */
    static String describeHolder(Path runDir) {
        if (heldHere(runDir)) {
            return "this process (" + ProcessHandle.current().pid() + ")";
        }
        // the holder writes its line just after taking the lock: give it a moment
        for (int attempt = 0; attempt < 10; attempt++) {
            try {
                String text = Files.readString(runDir.resolve(FILE), StandardCharsets.UTF_8).strip();
                if (!text.isEmpty()) {
                    JsonNode n = Json.MAPPER.readTree(text);
                    if (!staleHere(n)) {
                        return "process " + n.path("pid").asText("?") + " on " + n.path("host").asText("?")
                                + " since " + n.path("since").asText("?") + " (" + n.path("command").asText("?") + ")";
                    }
                    // a line left by a holder that died (kill -9): the new holder is about to replace it
                }
                Thread.sleep(50);
            } catch (IOException | RuntimeException e) {
                break; // a damaged file: say what is known
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return "another process (it has not recorded who it is yet)";
    }

    /** Whether a holder line names a process of this host that no longer runs (its holder was killed). */
    private static boolean staleHere(JsonNode holder) {
        if (!holder.path("pid").canConvertToLong() || !Host.name().equals(holder.path("host").asText())) {
            return false;
        }
        return ProcessHandle.of(holder.path("pid").asLong()).map(ph -> !ph.isAlive()).orElse(true);
    }

    /** Where the folder is now (it moves once, when a new run's folder is renamed into place). */
    public Path dir() {
        return dir;
    }

    /** Records that the locked folder was renamed to {@code newDir} (the lock follows the file, not the name). */
    void movedTo(Path newDir) {
        this.dir = newDir;
    }

    /** Empties the holder line and releases the lock; idempotent. */
    @Override
    public void close() {
        synchronized (HELD) {
            if (closed) {
                return;
            }
            closed = true;
            HELD.remove(key);
            try {
                channel.truncate(0);
            } catch (IOException ignored) {
                // the holder line is informative only
            }
            try {
                lock.release();
            } catch (IOException ignored) {
                // closing the channel releases it too
            }
            closeQuietly(channel);
        }
    }

    private static byte[] holderLine(String command) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("pid", ProcessHandle.current().pid());
        o.put("host", Host.name());
        o.put("since", Instant.now().toString());
        o.put("command", command);
        return (o.toString() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The file's identity (device and inode where the file system has them), or null when it does not exist. */
    private static Object fileKey(Path file) {
        try {
            Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            return key != null ? key : file.toRealPath().toString();
        } catch (IOException e) {
            return null;
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing left to do
            }
        }
    }
}
