package dev.scalebench.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsing and formatting of the quantities a spec holds: durations ({@code 500ms}, {@code 2s}, {@code 1m30s},
 * {@code 2h}, also ISO-8601 {@code PT2H}) and byte sizes ({@code 80GiB}; binary units B, KiB, MiB, GiB, TiB and
 * decimal units KB, MB, GB, TB as powers of 1000).
 */
public final class Units {
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|us|ns|h|m|s|d)");
    private static final Pattern BYTES = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]i?b|b)?", Pattern.CASE_INSENSITIVE);

    private Units() {
    }

    /** Parses a duration such as {@code 500ms}, {@code 1m30s}, {@code 2h} or {@code PT2S}; {@code null} when malformed. */
    public static Duration parseDuration(String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            return null;
        }
        if (s.startsWith("P") || s.startsWith("p")) {
            try {
                return Duration.parse(s);
            } catch (RuntimeException e) {
                return null;
            }
        }
        Matcher m = DURATION_PART.matcher(s);
        int pos = 0;
        BigDecimal nanos = BigDecimal.ZERO;
        while (pos < s.length()) {
            if (!m.find(pos) || m.start() != pos) {
                return null;
            }
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unitNanos(m.group(2)))));
            pos = m.end();
            while (pos < s.length() && s.charAt(pos) == ' ') {
                pos++;
            }
        }
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return null;
        }
        return Duration.ofNanos(nanos.longValue());
    }

    private static long unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> 86_400_000_000_000L;
        };
    }

    /** Parses a byte size such as {@code 80GiB}, {@code 512 MB} or {@code 1024}; {@code null} when malformed. */
    public static Long parseBytes(String text) {
        Matcher m = BYTES.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        BigDecimal factor = switch (unit) {
            case "b" -> BigDecimal.ONE;
            case "kib" -> BigDecimal.valueOf(1L << 10);
            case "mib" -> BigDecimal.valueOf(1L << 20);
            case "gib" -> BigDecimal.valueOf(1L << 30);
            case "tib" -> BigDecimal.valueOf(1L << 40);
            case "kb" -> BigDecimal.valueOf(1_000L);
            case "mb" -> BigDecimal.valueOf(1_000_000L);
            case "gb" -> BigDecimal.valueOf(1_000_000_000L);
            default -> BigDecimal.valueOf(1_000_000_000_000L);
        };
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(factor);
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return null;
        }
        return bytes.longValue();
    }

    /** Bytes in GiB with one decimal, e.g. {@code 72.0 GiB} (MiB below 1 GiB, KiB below 1 MiB). */
    public static String formatBytes(long bytes) {
        double b = bytes;
        if (b >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GiB", b / (1L << 30));
        }
        if (b >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MiB", b / (1L << 20));
        }
        if (b >= 1L << 10) {
            return String.format(Locale.ROOT, "%.1f KiB", b / (1L << 10));
        }
        return bytes + " B";
    }

    /** A duration the way specs write them: {@code 1h2m3s}, {@code 1.5s}, {@code 250ms}, {@code 0s}. */
    public static String formatDuration(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        long h = ms / 3_600_000;
        long m = ms / 60_000 % 60;
        double s = (ms % 60_000) / 1000.0;
        StringBuilder sb = new StringBuilder();
        if (h > 0) {
            sb.append(h).append('h');
        }
        if (m > 0) {
            sb.append(m).append('m');
        }
        if (s > 0 || sb.length() == 0) {
            sb.append(s == Math.rint(s) ? String.valueOf((long) s) : String.format(Locale.ROOT, "%.1f", s)).append('s');
        }
        return sb.toString();
    }
}
