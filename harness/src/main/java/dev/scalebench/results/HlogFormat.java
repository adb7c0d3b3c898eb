package dev.scalebench.results;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * How scalebench uses the HdrHistogram log format in {@code histograms.hlog}.
 *
 * <p>The file starts with the comment {@code #[scalebench-schema: 1]} (HdrHistogram's reader skips comments),
 * then the standard header written by {@link HistogramLogWriter}. Each trial that ran is one interval histogram
 * (latency per iteration in nanoseconds) whose tag is the trial id and whose start and end timestamps are the
 * trial's start and end. Tags may not contain commas, spaces or line breaks; {@link #encodeTag} escapes those
 * (and {@code %}, and anything outside printable ASCII) as {@code %XX} of their UTF-8 bytes, so ordinary trial
 * ids such as {@code gpt-1m/fp32/prefill/b4/s64#r0} are stored verbatim.
 */
public final class HlogFormat {

    /** The histogram-log schema this version reads and writes. */
    public static final int SCHEMA = 1;
    /** The first line of the file. */
    public static final String SCHEMA_MARKER = "#[scalebench-schema: " + SCHEMA + "]";
    static final String MARKER_PREFIX = "#[scalebench-schema:";

    private HlogFormat() {
    }

    /** Escapes a trial id into a tag that HdrHistogram's log reader and writer accept (reversible). */
    public static String encodeTag(String trialId) {
        StringBuilder sb = new StringBuilder(trialId.length() + 8);
        for (byte b : trialId.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c > 0x20 && c < 0x7f && c != ',' && c != '%') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    /** The trial id of a tag written by {@link #encodeTag}. */
    public static String decodeTag(String tag) {
        if (tag.indexOf('%') < 0) {
            return tag;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(tag.length());
        for (int i = 0; i < tag.length(); i++) {
            char c = tag.charAt(i);
            if (c == '%') {
                int hi = i + 2 < tag.length() ? Character.digit(tag.charAt(i + 1), 16) : -1;
                int lo = hi >= 0 ? Character.digit(tag.charAt(i + 2), 16) : -1;
                if (lo < 0) {
                    throw new IllegalArgumentException("bad %-escape in tag " + tag);
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The header of a new log: schema marker, format version, start time, legend. */
    static byte[] header(Instant runStart) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        HistogramLogWriter w = new HistogramLogWriter(buf);
        w.outputComment("[scalebench-schema: " + SCHEMA + "]");
        w.outputLogFormatVersion();
        w.outputStartTime(runStart.toEpochMilli());
        w.outputLegend();
        w.close();
        return buf.toByteArray();
    }

    /**
     * One log line for a trial's histogram (a tagged copy; the argument is not modified), with absolute
     * timestamps in seconds since the epoch.
     */
    static byte[] line(String trialId, Histogram h, Instant start, Instant end) {
        Histogram copy = h.copy();
        copy.setTag(encodeTag(trialId));
        copy.setStartTimeStamp(start.toEpochMilli());
        copy.setEndTimeStamp(Math.max(start.toEpochMilli(), end.toEpochMilli()));
        ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
        HistogramLogWriter w = new HistogramLogWriter(buf);
        w.outputIntervalHistogram(copy);
        w.close();
        return buf.toByteArray();
    }

    /** Every prefix of an interval line as {@link #line} writes it: tag, three numbers, Base64. */
    private static final java.util.regex.Pattern CUT = java.util.regex.Pattern.compile(
            "T|Ta|Tag|Tag=[!-+\\--~]*(,[0-9.]*(,[0-9.]*(,[0-9.]*(,[A-Za-z0-9+/=]*)?)?)?)?");

    /**
     * Whether {@code text} can be the beginning of an interval line cut short by a kill: a prefix of the form
     * {@code Tag=<id>,<start>,<length>,<max>,<Base64>} (printable ASCII, no control character).
     */
    static boolean looksCutShort(String text) {
        return CUT.matcher(text).matches();
    }

    /**
     * The tag of one of a trial's further histograms: {@code <trial id>/<series>}, e.g. {@code .../o32#r0/ttft}. A trial
     * id ends in {@code #r<replicate>}, so the series is unambiguous; {@link #parse} splits it off again.
     */
    static String seriesTag(String trialId, String series) {
        if (!SERIES.matcher(series).matches()) {
            throw new IllegalArgumentException("series '" + series + "' must be lower-case letters and digits");
        }
        return trialId + "/" + series;
    }

    private static final java.util.regex.Pattern SERIES = java.util.regex.Pattern.compile("[a-z][a-z0-9]*");
    private static final java.util.regex.Pattern SERIES_TAG =
            java.util.regex.Pattern.compile("(.*#r\\d+)/([a-z][a-z0-9]*)");

    /**
     * A parsed interval line: the trial id (decoded tag) and its histogram.
     *
     * @param series {@code null} for the trial's own histogram (latency per iteration); else the name of a further
     *     histogram of the same trial, written right after it (a generate trial's {@code ttft}, {@code tpot},
     *     {@code itl})
     */
    record Entry(String trialId, String series, Histogram histogram, String rawLine) { }

    /**
     * Parses one interval line; throws {@link IllegalArgumentException} with a readable reason when it is
     * not a tagged, decodable histogram.
     */
    static Entry parse(String line) {
        String[] parts = line.split(",", -1);
        if (parts.length != 5 || !parts[0].startsWith("Tag=")) {
            throw new IllegalArgumentException("expected 'Tag=<trial id>,<start s>,<length s>,<max>,<histogram>'"
                    + " with 5 comma-separated fields, found " + parts.length);
        }
        String tag = parts[0].substring(4);
        if (tag.isEmpty()) {
            throw new IllegalArgumentException("empty tag");
        }
        double[] nums = new double[3];
        for (int i = 1; i <= 3; i++) {
            try {
                nums[i - 1] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("field " + (i + 1) + " is not a number: " + parts[i]);
            }
        }
        Histogram h;
        try {
            byte[] bytes = Base64.getDecoder().decode(parts[4].trim());
            h = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
        } catch (Exception e) {
            throw new IllegalArgumentException("histogram cannot be decoded (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
        String trialId = decodeTag(tag);
        String series = null;
        java.util.regex.Matcher m = SERIES_TAG.matcher(trialId);
        if (m.matches()) {
            trialId = m.group(1);
            series = m.group(2);
        }
        h.setTag(trialId);
        h.setStartTimeStamp(Math.round(nums[0] * 1000));
        h.setEndTimeStamp(Math.round((nums[0] + nums[1]) * 1000));
        return new Entry(trialId, series, h, line);
    }
}
