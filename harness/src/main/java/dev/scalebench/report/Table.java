package dev.scalebench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A table of plain-text cells, rendered by both reports with their own escaping. A cell may hold several lines
 * ({@code \n}): Markdown joins them with {@code "; "}, HTML with line breaks.
 *
 * @param title heading of the table (a group, e.g. a model), may be empty
 * @param header column names
 * @param cols how each column is laid out
 * @param rows the rows
 */
record Table(String title, List<String> header, List<Col> cols, List<Row> rows) {

    /** Column layout. */
    enum Col {
        /** Text that may wrap. */
        TEXT,
        /** Numbers: right-aligned, not wrapped. */
        NUMBER,
        /** One quantity per line, lines not wrapped. */
        LINES
    }

    Table {
        header = List.copyOf(header);
        cols = List.copyOf(cols);
        rows = List.copyOf(rows);
    }

    /**
     * One row.
     *
     * @param cells one per column
     * @param flagged whether the row needs attention (a disagreement, a fit that did not converge)
     */
    record Row(List<String> cells, boolean flagged) {
        Row {
            cells = List.copyOf(cells);
        }
    }

    /**
     * At most {@code max} rows, flagged rows first choice, in their original order; the rest is dropped.
     *
     * @return this table, or a shorter one
     */
    Table limit(int max) {
        if (rows.size() <= max) {
            return this;
        }
        long flagged = rows.stream().filter(Row::flagged).count();
        long plainRoom = Math.max(0, max - flagged);
        List<Row> kept = new ArrayList<>();
        int plain = 0;
        for (Row r : rows) {
            if (kept.size() >= max) {
                break;
            }
            if (r.flagged() || plain++ < plainRoom) {
                kept.add(r);
            }
        }
        return new Table(title, header, cols, kept);
    }
}
