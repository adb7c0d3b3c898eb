package dev.scalebench.analysis.design;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Minimal edits of a sweep file's text: the value of the top-level {@code replicates:} line, and of
 * {@code measure: iterations: min:}. Every other byte stays as it was (comments, order, quoting), and so does a
 * comment after the edited value; the file is never re-serialised.
 */
public final class ReplicatesEdit {
    private static final Pattern KEY = Pattern.compile("^(\\s*)([A-Za-z0-9_-]+):(\\s*)([^#\\s][^#]*?)?(\\s*#.*)?$");

    private ReplicatesEdit() {
    }

    /** {@code yaml} with {@code replicates: n}; the line is appended when the file has none. */
    public static String replicates(String yaml, int n) {
        List<String> lines = lines(yaml);
        int i = find(lines, 0, lines.size(), "", "replicates");
        if (i < 0) {
            String sep = yaml.isEmpty() || yaml.endsWith("\n") ? "" : "\n";
            return yaml + sep + "replicates: " + n + "\n";
        }
        lines.set(i, withValue(lines.get(i), Integer.toString(n)));
        return String.join("\n", lines);
    }

    /**
     * {@code yaml} with {@code measure: iterations: min: n}.
     *
     * @throws IllegalArgumentException naming what is missing, when the file has no such key (add it by hand: its
     *     place among the measure settings is the user's)
     */
    public static String iterationsMin(String yaml, long n) {
        List<String> lines = lines(yaml);
        int measure = find(lines, 0, lines.size(), "", "measure");
        int measureEnd = measure < 0 ? -1 : blockEnd(lines, measure);
        int iterations = measure < 0 ? -1 : findChild(lines, measure + 1, measureEnd, "iterations");
        int min = iterations < 0 ? -1 : findChild(lines, iterations + 1, blockEnd(lines, iterations), "min");
        if (min < 0) {
            throw new IllegalArgumentException("the sweep file has no measure: iterations: min: line to set to " + n
                    + "; add one (docs/sweep-format.md) or leave out --iterations");
        }
        lines.set(min, withValue(lines.get(min), Long.toString(n)));
        return String.join("\n", lines);
    }

    private static List<String> lines(String yaml) {
        return new ArrayList<>(Arrays.asList(yaml.split("\n", -1)));
    }

    private static String withValue(String line, String value) {
        Matcher m = KEY.matcher(line);
        if (!m.matches()) {
            throw new IllegalStateException("not a key line: " + line);
        }
        String space = m.group(3).isEmpty() ? " " : m.group(3);
        String comment = m.group(5) == null ? "" : m.group(5);
        boolean cr = comment.endsWith("\r") || (m.group(4) != null && m.group(4).endsWith("\r"));
        return m.group(1) + m.group(2) + ":" + space + value + comment.replace("\r", "") + (cr ? "\r" : "");
    }

    /** The line in [from, to) with key {@code key} at exactly indent {@code indent}, or −1. */
    private static int find(List<String> lines, int from, int to, String indent, String key) {
        for (int i = from; i < to; i++) {
            Matcher m = KEY.matcher(lines.get(i));
            if (m.matches() && m.group(1).equals(indent) && m.group(2).equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /** The line in [from, to) with key {@code key} at the block's first indent, or −1. */
    private static int findChild(List<String> lines, int from, int to, String key) {
        for (int i = from; i < to; i++) {
            if (!blank(lines.get(i))) {
                return find(lines, from, to, indentOf(lines.get(i)), key);
            }
        }
        return -1;
    }

    /** The first line after {@code start} indented no deeper than it (blank and comment lines skipped). */
    private static int blockEnd(List<String> lines, int start) {
        int own = indentOf(lines.get(start)).length();
        for (int i = start + 1; i < lines.size(); i++) {
            if (!blank(lines.get(i)) && indentOf(lines.get(i)).length() <= own) {
                return i;
            }
        }
        return lines.size();
    }

    private static boolean blank(String line) {
        String t = line.strip();
        return t.isEmpty() || t.startsWith("#");
    }

    private static String indentOf(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return line.substring(0, i);
    }
}
