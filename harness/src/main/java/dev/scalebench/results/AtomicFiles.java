package dev.scalebench.results;

import dev.scalebench.ScalebenchException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Whole-file writes that never leave a half-written file: temp file in the same folder, fsync, atomic rename.
 * Files are made {@code rw-r--r--} where the file system is POSIX (temporary files start owner-only), so results
 * and reports can be shared.
 */
public final class AtomicFiles {

    /** Prefix of temporary files; a leftover one (after a crash) is harmless and ignored by readers. */
    static final String TEMP_PREFIX = ".tmp-";

    private AtomicFiles() {
    }

    /** Writes {@code text} as UTF-8 to {@code target}, creating its folder if needed. */
    public static void write(Path target, String text) {
        Path dir = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw ScalebenchException.runtime("cannot create " + dir + ": " + e, e);
        }
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Replaces {@code target} (in an existing folder) with {@code content}, atomically and durably. */
    public static void write(Path target, byte[] content) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, TEMP_PREFIX + target.getFileName() + "-", "");
            readableByAll(tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                writeFully(ch, ByteBuffer.wrap(content));
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw ScalebenchException.runtime("cannot replace " + target + " atomically: the file system does "
                        + "not support atomic renames", e);
            }
            tmp = null;
            syncDirectory(dir);
        } catch (IOException e) {
            throw ScalebenchException.runtime("cannot write " + target + ": " + e, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the write already failed
                }
            }
        }
    }

    private static void readableByAll(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    /** Makes a rename durable; some file systems do not allow opening a folder, which is then skipped. */
    static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // not supported here (e.g. some platforms); the data itself was forced
        }
    }
}
