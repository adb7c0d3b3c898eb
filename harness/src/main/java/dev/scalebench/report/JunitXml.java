package dev.scalebench.report;

import dev.scalebench.analysis.gate.GateResult;
import dev.scalebench.analysis.gate.MetricTest;
import dev.scalebench.analysis.gate.PointVerdict;
import dev.scalebench.analysis.gate.Verdict;
import dev.scalebench.report.svg.Xml;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code gate-junit.xml}: a gate's result in the JUnit XML format that CI servers display (Jenkins' junit and xUnit
 * plugins, GitLab, the Maven Surefire report). One {@code <testsuite>} in a {@code <testsuites>}; one
 * {@code <testcase>} per gated point, named by its id, class {@code scalebench.gate.<sweep>} (dots in the sweep
 * name become {@code -}, so that tools splitting package and class keep the sweep whole):
 * <ul>
 *   <li>a regression on a blocking point fails ({@code <failure type="REGRESSION">});</li>
 *   <li>an inconclusive point, blocking or not, is skipped;</li>
 *   <li>everything else passes, a regression on a non-blocking point with its warning in {@code <system-out>}.</li>
 * </ul>
 * Every test case carries its metrics' details in {@code <system-out>}; the suite's {@code <system-out>} has the
 * notes, environment differences and points only one run has. Times are 0: a gate measures nothing itself.
 */
public final class JunitXml {

    /** File name. */
    public static final String FILE = "gate-junit.xml";

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private JunitXml() {
    }

    /**
     * The result as JUnit XML (UTF-8 declared, {@code \n} line ends).
     *
     * @param timestamp when the gate ran, written in UTC without a zone as JUnit files do
     */
    public static String render(GateResult r, Instant timestamp) {
        long tests = r.points().size();
        long failures = r.points().stream().filter(PointVerdict::fails).count();
        long skipped = r.count(Verdict.INCONCLUSIVE);
        String counts = " tests=\"" + tests + "\" failures=\"" + failures + "\" errors=\"0\"";
        String host = r.candidate().fingerprint().getOrDefault("host.name", "unknown");
        StringBuilder sb = new StringBuilder(8192);
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<testsuites name=\"scalebench gate\"").append(counts).append(" time=\"0\">\n");
        sb.append("  <testsuite name=\"").append(attr("scalebench gate: " + r.candidate().runId() + " vs "
                + r.baseline().runId())).append('"').append(counts).append(" skipped=\"").append(skipped)
                .append("\" time=\"0\" timestamp=\"")
                .append(TIMESTAMP.format(timestamp.truncatedTo(ChronoUnit.SECONDS)))
                .append("\" hostname=\"").append(attr(host)).append("\">\n");
        sb.append("    <properties>\n");
        property(sb, "policy", GateText.policy(r.policy()));
        property(sb, "baseline", GateText.run(r.baseline()));
        property(sb, "candidate", GateText.run(r.candidate()));
        property(sb, "verdict", r.verdict().name());
        property(sb, "exit-code", String.valueOf(r.exitCode()));
        sb.append("    </properties>\n");
        String classname = "scalebench.gate." + r.candidate().sweep().replace('.', '-');
        double level = 1 - 2 * r.policy().alpha();
        for (PointVerdict p : r.points()) {
            testcase(sb, p, classname, level);
        }
        List<String> out = suiteOut(r);
        if (!out.isEmpty()) {
            sb.append("    <system-out>").append(text(String.join("\n", out))).append("</system-out>\n");
        }
        sb.append("  </testsuite>\n");
        sb.append("</testsuites>\n");
        return sb.toString();
    }

    private static void testcase(StringBuilder sb, PointVerdict p, String classname, double level) {
        sb.append("    <testcase classname=\"").append(attr(classname)).append("\" name=\"").append(attr(p.pointId()))
                .append("\" time=\"0\">\n");
        List<String> lines = new ArrayList<>();
        for (MetricTest t : p.tests()) {
            lines.add(GateText.test(p, t, level));
        }
        if (p.fails()) {
            List<String> failed = new ArrayList<>(List.of(p.reason(), "trials: " + GateText.trials(p)));
            p.tests().stream().filter(t -> t.verdict() == Verdict.REGRESSION)
                    .forEach(t -> failed.add(GateText.test(p, t, level)));
            sb.append("      <failure message=\"").append(attr(p.reason())).append("\" type=\"REGRESSION\">")
                    .append(text(String.join("\n", failed))).append("</failure>\n");
        } else if (p.verdict() == Verdict.INCONCLUSIVE) {
            sb.append("      <skipped message=\"").append(attr("INCONCLUSIVE: " + p.reason())).append("\"/>\n");
        }
        List<String> out = new ArrayList<>();
        out.add(p.pointId() + ": " + GateText.label(p) + (p.blocking() ? " (blocking)" : " (non-blocking)"));
        if (p.warns()) {
            out.add(p.blocking() ? "warning: a regression of a report-only metric, which does not fail the gate: "
                    + p.reason() : "warning: a regression on a non-blocking point, which does not fail the gate: "
                    + p.reason());
        } else {
            out.add(p.reason());
        }
        out.add("trials: " + GateText.trials(p));
        out.addAll(lines);
        sb.append("      <system-out>").append(text(String.join("\n", out))).append("</system-out>\n");
        sb.append("    </testcase>\n");
    }

    private static List<String> suiteOut(GateResult r) {
        List<String> out = new ArrayList<>();
        r.envMismatches().forEach(m -> out.add("environment differs (gated anyway): " + m));
        r.notes().forEach(n -> out.add("note: " + n));
        r.repairs().forEach(n -> out.add("repaired while reading: " + n));
        if (!r.onlyInBaseline().isEmpty()) {
            out.add("only in the baseline (not gated): " + String.join(", ", r.onlyInBaseline()));
        }
        if (!r.onlyInCandidate().isEmpty()) {
            out.add("only in the candidate (not gated): " + String.join(", ", r.onlyInCandidate()));
        }
        return out;
    }

    private static void property(StringBuilder sb, String name, String value) {
        sb.append("      <property name=\"").append(attr(name)).append("\" value=\"").append(attr(value))
                .append("\"/>\n");
    }

    /** Element content: markup characters escaped, characters XML forbids replaced. */
    private static String text(String s) {
        return Xml.escape(s);
    }

    /** An attribute value: as {@link #text}, and line breaks and tabs as references (parsers fold them else). */
    private static String attr(String s) {
        return Xml.escape(s).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;");
    }
}
