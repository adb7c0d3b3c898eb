package dev.scalebench.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text into records (RFC 4180): fields separated by commas; a field starting with {@code "} is quoted
 * and may hold commas, line breaks and doubled quotes. Line ends are {@code \n}, {@code \r\n} or {@code \r}. A
 * leading UTF-8 byte order mark is dropped; blank lines and lines starting with {@code #} (outside a quoted field)
 * are skipped. Unquoted fields are trimmed; quoted ones are kept as written.
 */
final class CsvReader {

    /**
     * One record.
     *
     * @param line the 1-based line it starts on
     * @param fields its fields
     * @param problem what is malformed ({@code null} when nothing), about field {@code fields.size()} (0-based)
     */
    record Row(int line, List<String> fields, String problem) {
    }

    private final String text;
    private int pos;
    private int line = 1;

    CsvReader(String text) {
        this.text = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
    }

    /** The next record, or {@code null} at the end. A malformed record is returned with its problem set. */
    Row next() {
        while (pos < text.length()) {
            int end = lineEnd(pos);
            String content = text.substring(pos, end);
            if (content.isBlank() || content.charAt(0) == '#') {
                skipLine(end);
                continue;
            }
            return record();
        }
        return null;
    }

    private Row record() {
        int start = line;
        List<String> fields = new ArrayList<>();
        while (true) {
            String problem;
            if (pos < text.length() && text.charAt(pos) == '"') {
                problem = quoted(fields);
            } else {
                problem = unquoted(fields);
            }
            if (problem != null) {
                skipLine(lineEnd(pos));
                return new Row(start, fields, problem);
            }
            if (pos < text.length() && text.charAt(pos) == ',') {
                pos++;
                continue;
            }
            skipLine(pos);
            return new Row(start, fields, null);
        }
    }

    /** Reads an unquoted field up to a comma or line end. */
    private String unquoted(List<String> fields) {
        int start = pos;
        while (pos < text.length() && !isLineBreak(text.charAt(pos)) && text.charAt(pos) != ',') {
            if (text.charAt(pos) == '"') {
                return "a quote inside an unquoted field (quote the whole field, and double the quotes inside it)";
            }
            pos++;
        }
        fields.add(text.substring(start, pos).trim());
        return null;
    }

    /** Reads a quoted field; {@code pos} is at its opening quote. */
    private String quoted(List<String> fields) {
        int openLine = line;
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                return "a quoted field opened on line " + openLine + " is never closed (missing '\"')";
            }
            char c = text.charAt(pos);
            if (c == '"') {
                if (pos + 1 < text.length() && text.charAt(pos + 1) == '"') {
                    sb.append('"');
                    pos += 2;
                    continue;
                }
                pos++;
                break;
            }
            if (c == '\r' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
                sb.append(c);
                pos++;
                c = '\n';
            }
            if (isLineBreak(c)) {
                line++;
            }
            sb.append(c);
            pos++;
        }
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
        if (pos < text.length() && text.charAt(pos) != ',' && !isLineBreak(text.charAt(pos))) {
            return "text after the closing quote of a quoted field (a quote inside a quoted field must be doubled)";
        }
        fields.add(sb.toString());
        return null;
    }

    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r';
    }

    private int lineEnd(int from) {
        int i = from;
        while (i < text.length() && !isLineBreak(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Moves past the line break at {@code end} (if any) to the start of the next line. */
    private void skipLine(int end) {
        pos = end;
        if (pos < text.length()) {
            if (text.charAt(pos) == '\r' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
                pos++;
            }
            pos++;
            line++;
        }
    }
}
