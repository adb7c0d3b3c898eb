package dev.scalebench.report;

import dev.scalebench.report.svg.Xml;

/**
 * The skeleton every HTML page of scalebench shares (report, compare, trend, gate): a self-contained document with
 * its style inline, no scripts and nothing loaded from elsewhere. Pages write their body between {@link #open} and
 * {@link #close}.
 */
final class HtmlPage {

    private HtmlPage() {
    }

    /** The document's start up to and including {@code <body>}; {@code title} is escaped here. */
    static StringBuilder open(StringBuilder sb, String title, String css) {
        return sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>").append(Xml.escape(title)).append("</title>\n<style>\n").append(css)
                .append("</style>\n</head>\n<body>\n");
    }

    /** The footer (text as given: the caller escapes what comes from a run) and the document's end. */
    static StringBuilder close(StringBuilder sb, String footer) {
        return sb.append("<footer>").append(footer).append("</footer>\n</body>\n</html>\n");
    }
}
