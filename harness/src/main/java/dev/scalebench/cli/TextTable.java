package dev.scalebench.cli;

import java.io.PrintWriter;
import java.util.List;

/** A plain-text table for the terminal: columns padded to their widest cell, numbers right-aligned. */
final class TextTable {

    private TextTable() {
    }

    /**
     * Prints {@code header} and {@code rows}, two spaces between columns.
     *
     * @param right whether each column is right-aligned
     */
    static void print(PrintWriter out, List<String> header, List<List<String>> rows, boolean... right) {
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = header.get(i).length();
            for (List<String> r : rows) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        line(out, header, width, right);
        for (List<String> r : rows) {
            line(out, r, width, right);
        }
    }

    private static void line(PrintWriter out, List<String> cells, int[] width, boolean[] right) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            String pad = " ".repeat(width[i] - c.length());
            boolean r = i < right.length && right[i];
            b.append(i == 0 ? "" : "  ").append(r ? pad + c : i == cells.size() - 1 ? c : c + pad);
        }
        out.println(b);
    }
}
