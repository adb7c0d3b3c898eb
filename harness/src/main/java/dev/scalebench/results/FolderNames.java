package dev.scalebench.results;

import dev.scalebench.ScalebenchException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Folder names made from untrusted text, and paths that stay under their root.
 *
 * <p>Run folders are an intended input from other machines, so every field read from them ({@code run.json},
 * {@code fits.json}, the history database) is untrusted: a run id of {@code /etc}, {@code ../../x} or a
 * thousand characters must not decide where scalebench writes. Code that names a folder after such text passes
 * it through {@link #of} and resolves it with {@link #under}, which checks the result once more.
 */
public final class FolderNames {

    /** Most characters of a name made by {@link #of}: two of them and a separator stay far below 255 bytes. */
    public static final int MAX_LENGTH = 100;

    private FolderNames() {
    }

    /**
     * {@code text} as a safe folder name: each run of characters outside {@code [A-Za-z0-9._-]} (separators,
     * NUL, spaces, non-ASCII) becomes one {@code -}; leading dots and dashes are dropped (no hidden folder, no
     * {@code .} or {@code ..}, nothing that reads as an option); at most {@value #MAX_LENGTH} characters.
     *
     * @param fallback the name when nothing usable is left (null or blank text, only dots...); itself safe
     */
    public static String of(String text, String fallback) {
        String s = text == null ? "" : text.replaceAll("[^A-Za-z0-9._-]+", "-").replaceFirst("^[.-]+", "");
        if (s.length() > MAX_LENGTH) {
            s = s.substring(0, MAX_LENGTH);
        }
        s = s.replaceFirst("-+$", "");
        return s.isEmpty() ? fallback : s;
    }

    /** Whether {@code name} is already what {@link #of} makes of it: a safe folder name as it stands. */
    public static boolean isSafe(String name) {
        return name != null && !name.isEmpty() && name.equals(of(name, ""));
    }

    /**
     * {@code root/name}, after checking that it is a direct child of {@code root} (both normalized, absolute).
     *
     * @throws ScalebenchException bad input naming the name and the root when it would leave the root
     */
    public static Path under(Path root, String name) {
        try {
            Path r = root.toAbsolutePath().normalize();
            Path p = r.resolve(name).normalize();
            if (p.startsWith(r) && r.equals(p.getParent())) {
                return root.resolve(name);
            }
        } catch (InvalidPathException e) {
            // reported below
        }
        throw ScalebenchException.badInput("folder name '" + name + "' would leave " + root
                + "; a folder name made from a run's data must be a plain name, [A-Za-z0-9._-] only");
    }
}
