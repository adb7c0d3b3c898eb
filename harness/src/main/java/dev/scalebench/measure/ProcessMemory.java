package dev.scalebench.measure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The process's resident memory on Linux, read from {@code /proc/self/status}: a {@link MemoryProbe} for engines
 * that allocate in the process (DJL / PyTorch on a CPU, the JVM's heap and direct buffers, any native library).
 *
 * <p><b>Method.</b> {@link #begin()} writes {@code 5} to {@code /proc/self/clear_refs}, which (Linux ≥ 4.0) resets
 * the process's high-water mark {@code VmHWM} to its current resident set {@code VmRSS}, and reads {@code VmRSS}.
 * {@link Window#peakBytes()} reads {@code VmHWM}: the most resident memory at any moment since the reset, including
 * moments no sampling would see (an activation allocated and freed within one step). The reading is
 * {@code VmHWM − VmRSS(begin)}. Where the reset is not permitted (some containers, another kernel), {@code VmHWM}
 * stays the process's lifetime peak: the window then reads {@code VmHWM − VmRSS(begin)} when {@code VmHWM} rose
 * during the window (the window set a new lifetime peak, which is then its peak), and otherwise the growth of
 * {@code VmRSS} from begin to end, a lower bound. {@link #resets()} says which held.
 *
 * <p><b>Limits.</b> Resident memory counts pages touched, not bytes allocated: an allocation never written is not
 * in it, and pages the allocator keeps after a free (glibc's arenas, the JVM's heap, which never shrinks between
 * trials) stay in it, so a point that follows a larger one may reuse kept pages and read less growth than it needs
 * in a fresh process; the point's figure is therefore the largest reading over its trials. Memory the kernel swapped
 * out, and the page cache, are not counted. The whole process is measured: a JIT compilation or a GC that grows the
 * heap during the window adds its pages. On anything but Linux every window reads {@link MemoryProbe#UNKNOWN}.
 */
public final class ProcessMemory implements MemoryProbe {

    private final Path status;
    private final Path clearRefs;
    private volatile boolean resets = true;

    /**
     * @param status the {@code status} file to read ({@code /proc/self/status})
     * @param clearRefs the {@code clear_refs} file that resets the high-water mark ({@code /proc/self/clear_refs})
     */
    public ProcessMemory(Path status, Path clearRefs) {
        this.status = status;
        this.clearRefs = clearRefs;
    }

    /** This process, through {@code /proc/self}; {@link MemoryProbe#NONE} where there is no such file. */
    public static MemoryProbe linux() {
        Path proc = Path.of("/proc/self");
        if (!Files.isReadable(proc.resolve("status"))) {
            return MemoryProbe.NONE;
        }
        return new ProcessMemory(proc.resolve("status"), proc.resolve("clear_refs"));
    }

    /** Whether the last {@link #begin()} could reset the high-water mark (false: the fallback in the class doc). */
    public boolean resets() {
        return resets;
    }

    @Override
    public Window begin() {
        boolean reset = reset();
        resets = reset;
        Usage start = read();
        if (start == null) {
            return () -> UNKNOWN;
        }
        return () -> {
            Usage end = read();
            if (end == null) {
                return UNKNOWN;
            }
            long peak = reset || end.hwmBytes() > start.hwmBytes() ? end.hwmBytes() : end.rssBytes();
            return Math.max(0, peak - start.rssBytes());
        };
    }

    private boolean reset() {
        try {
            Files.writeString(clearRefs, "5", StandardCharsets.US_ASCII);
            return true;
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** The current {@code VmRSS} and {@code VmHWM}; null when the file cannot be read or lacks either. */
    private Usage read() {
        try {
            String text = Files.readString(status, StandardCharsets.US_ASCII);
            OptionalLong rss = field(text, "VmRSS:");
            OptionalLong hwm = field(text, "VmHWM:");
            return rss.isPresent() && hwm.isPresent() ? new Usage(rss.getAsLong(), hwm.getAsLong()) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The value of a {@code Name:   1234 kB} line of {@code text}, bytes; empty without one. */
    static OptionalLong field(String text, String name) {
        int at = text.indexOf(name);
        if (at < 0 || at > 0 && text.charAt(at - 1) != '\n') {
            return OptionalLong.empty();
        }
        int end = text.indexOf('\n', at);
        String[] parts = text.substring(at + name.length(), end < 0 ? text.length() : end).strip().split("\\s+");
        long value = Long.parseLong(parts[0]);
        boolean kb = parts.length > 1 && parts[1].equalsIgnoreCase("kB");
        return OptionalLong.of(kb ? value * 1024 : value);
    }

    private record Usage(long rssBytes, long hwmBytes) { }
}
