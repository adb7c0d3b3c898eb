package dev.scalebench.report.svg;

/** Escaping of text for XML and HTML content and attribute values. */
public final class Xml {

    private Xml() {
    }

    /**
     * {@code s} with {@code & < > " '} replaced by character references, and control characters other than tab
     * and line breaks (which XML forbids) replaced by U+FFFD; null becomes the empty string.
     */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF) {
                        sb.append('\uFFFD');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** A pixel coordinate with at most one decimal, {@code 12.3}, {@code -4}: the same on every machine. */
    static String num(double v) {
        if (!Double.isFinite(v)) {
            return "0";
        }
        long t = Math.round(v * 10);
        long whole = Math.abs(t) / 10;
        long tenth = Math.abs(t) % 10;
        String s = (t < 0 ? "-" : "") + whole + (tenth == 0 ? "" : "." + tenth);
        return s.equals("-0") ? "0" : s;
    }
}
