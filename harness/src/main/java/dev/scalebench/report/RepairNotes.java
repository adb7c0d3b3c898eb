package dev.scalebench.report;

import static dev.scalebench.report.svg.Xml.escape;

import java.util.List;

/**
 * The "Repairs made while reading" section of the reports ({@code report}, {@code compare}, {@code gate},
 * {@code aa}): what reading a run with a crash's leftovers in its files repaired in memory
 * ({@link dev.scalebench.results.RunReader#warnings()}), so that a reader sees why trials are missing. Nothing
 * when there was no repair.
 */
final class RepairNotes {

    /** The section's title. */
    static final String TITLE = "Repairs made while reading";
    /** What the repairs mean, before the list. */
    static final String LEAD = "Some run files were damaged, as a crash leaves them. Reading repaired them in memory "
            + "for this report and left the files as they are; trials dropped here are not in the numbers.";

    /** Most repairs listed in a Markdown report. */
    static final int MAX_MARKDOWN = 20;

    private RepairNotes() {
    }

    /**
     * The section in Markdown, one item per repair (escaped), at most {@value #MAX_MARKDOWN} (a missing histogram
     * log drops every trial, one repair each), followed by a blank line.
     *
     * @param more where the rest are, e.g. {@code report.html}
     */
    static void markdown(StringBuilder sb, List<String> repairs, String more) {
        if (repairs.isEmpty()) {
            return;
        }
        sb.append("**").append(TITLE).append("**\n\n").append(MarkdownReport.esc(LEAD)).append("\n\n");
        repairs.stream().limit(MAX_MARKDOWN).forEach(r -> sb.append("- ").append(MarkdownReport.esc(r)).append('\n'));
        if (repairs.size() > MAX_MARKDOWN) {
            sb.append("- _").append(repairs.size() - MAX_MARKDOWN).append(" more, in ").append(MarkdownReport.esc(more))
                    .append("_\n");
        }
        sb.append('\n');
    }

    /** The section in HTML ({@code id="repairs"}), one item per repair (escaped). */
    static void html(StringBuilder sb, List<String> repairs) {
        if (repairs.isEmpty()) {
            return;
        }
        sb.append("<section id=\"repairs\" class=\"warnings\">\n<h3>").append(escape(TITLE)).append("</h3>\n<p>")
                .append(escape(LEAD)).append("</p>\n<ul>\n");
        repairs.forEach(r -> sb.append("<li>").append(escape(r)).append("</li>\n"));
        sb.append("</ul>\n</section>\n");
    }
}
