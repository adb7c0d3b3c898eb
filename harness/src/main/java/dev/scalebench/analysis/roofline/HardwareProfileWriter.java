package dev.scalebench.analysis.roofline;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a {@link HardwareProfile} as the YAML {@link HardwareProfiles} reads (what {@code calibrate} stores). Keys
 * in the documented order; text double-quoted; whole numbers plain; rates as {@code 3.012e12} with the digits
 * given; NaN price and zero L2 left out.
 */
public final class HardwareProfileWriter {

    private HardwareProfileWriter() {
    }

    /**
     * The profile as YAML text, {@code \n} line ends.
     *
     * @param header comment lines put first (without {@code #})
     */
    public static String toYaml(HardwareProfile p, List<String> header) {
        StringBuilder sb = new StringBuilder();
        header.forEach(h -> sb.append(h.isEmpty() ? "#" : "# " + h).append('\n'));
        sb.append("name: ").append(quote(p.name())).append('\n');
        sb.append("kind: ").append(p.kind()).append('\n');
        sb.append("match: [").append(String.join(", ", p.match().stream().map(HardwareProfileWriter::quote)
                .toList())).append("]\n");
        sb.append("sms: ").append(p.sms()).append('\n');
        sb.append("memory-bytes: ").append(p.memoryBytes()).append('\n');
        sb.append("bandwidth-bytes-per-s: ").append(number(p.bandwidthBytesPerS())).append('\n');
        sb.append("peak-flops-per-s:\n");
        for (String dtype : HardwareProfiles.DTYPES) {
            if (p.peakFlopsPerS().containsKey(dtype)) {
                sb.append("  ").append(dtype).append(": ").append(number(p.peakFlops(dtype))).append('\n');
            }
        }
        if (p.l2Bytes() > 0) {
            sb.append("l2-bytes: ").append(p.l2Bytes()).append('\n');
        }
        if (!Double.isNaN(p.pricePerHour())) {
            sb.append("price-per-hour: ").append(number(p.pricePerHour())).append('\n');
        }
        if (p.measured()) {
            sb.append("measured: true\n");
        }
        if (!p.spec().isEmpty()) {
            sb.append("spec: ").append(quote(p.spec())).append('\n');
        }
        sb.append("sources:\n");
        Map<String, String> sources = new TreeMap<>(p.sources());
        for (String key : HardwareProfiles.NUMBERS) {
            if (sources.containsKey(key)) {
                sb.append("  ").append(key).append(": ").append(quote(sources.get(key))).append('\n');
            }
        }
        return sb.toString();
    }

    /** {@code v} in YAML: plain up to 1e6, else {@code 3.012e12} (as many digits as {@code v} has). */
    static String number(double v) {
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        if (Math.abs(v) < 1e6) {
            return d.toPlainString();
        }
        int exponent = d.precision() - d.scale() - 1;
        String mantissa = d.movePointLeft(exponent).toPlainString();
        return mantissa + "e" + exponent;
    }

    /** A double-quoted YAML scalar. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
