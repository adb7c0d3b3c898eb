package dev.scalebench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalebench.analysis.gate.GatePolicy;
import dev.scalebench.analysis.gate.GateResult;
import dev.scalebench.analysis.gate.MetricTest;
import dev.scalebench.analysis.gate.PointVerdict;
import dev.scalebench.analysis.gate.Verdict;
import dev.scalebench.results.TrialMetric;
import dev.scalebench.stats.Interval;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.apache.maven.plugin.surefire.log.api.NullConsoleLogger;
import org.apache.maven.plugins.surefire.report.ReportTestCase;
import org.apache.maven.plugins.surefire.report.ReportTestSuite;
import org.apache.maven.plugins.surefire.report.TestSuiteXmlParser;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * {@code gate-junit.xml} is what CI servers read: valid against the structure the Jenkins xUnit plugin checks
 * ({@code src/test/resources/junit/jenkins-junit.xsd}), read by Maven Surefire's own report parser with the counts
 * and names of the gate, and well-formed whatever the point ids and messages hold.
 */
class JunitXmlTest {

    private static final Instant WHEN = Instant.parse("2026-03-04T05:06:07.891Z");
    private static final String NASTY = "m<1>/fp32 & \"q\" 'a'/α→−/b1/s64]]>\u0001";

    private static Schema schema() throws SAXException {
        URL xsd = JunitXmlTest.class.getResource("/junit/jenkins-junit.xsd");
        assertThat(xsd).as("the schema is on the test class path").isNotNull();
        return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(xsd);
    }

    private static void validate(String xml) throws SAXException, IOException {
        schema().newValidator().validate(new StreamSource(new StringReader(xml)));
    }

    private static List<ReportTestSuite> surefire(String xml) throws Exception {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        try (InputStreamReader in = new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
            return new TestSuiteXmlParser(new NullConsoleLogger()).parse(in);
        }
    }

    private static Document dom(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theGateValidatesAgainstTheJenkinsStructure() throws Exception {
        validate(JunitXml.render(GateFixtures.standard(), WHEN));
        validate(JunitXml.render(GateFixtures.large(40, false), WHEN));
        validate(JunitXml.render(nasty(), WHEN));
    }

    @Test
    void theSchemaRejectsWhatJenkinsWouldReject() {
        String xml = JunitXml.render(GateFixtures.standard(), WHEN);
        assertThatThrownBy(() -> validate(xml.replaceFirst(" failures=\"1\" errors=\"0\" skipped", " skipped")))
                .as("a testsuite without its required failures and errors").isInstanceOf(SAXException.class);
        assertThatThrownBy(() -> validate(xml.replaceFirst("<testcase classname=\"scalebench.gate.sim\" name=\"[^\"]*\"",
                "<testcase classname=\"scalebench.gate.sim\""))).as("a testcase without a name")
                .isInstanceOf(SAXException.class);
        assertThatThrownBy(() -> validate(xml.replaceFirst("<testsuites ", "<testsuites skipped=\"2\" ")))
                .as("testsuites has no skipped attribute in Jenkins' schema").isInstanceOf(SAXException.class);
        assertThatThrownBy(() -> validate(xml.replace("</properties>", "</properties><verdict/>")))
                .as("an unknown element").isInstanceOf(SAXException.class);
    }

    @Test
    void surefiresReportParserReadsTheCountsAndNamesOfTheGate() throws Exception {
        GateResult r = GateFixtures.standard();
        List<ReportTestSuite> suites = surefire(JunitXml.render(r, WHEN));
        List<ReportTestCase> cases = new ArrayList<>();
        suites.forEach(s -> cases.addAll(s.getTestCases()));
        assertThat(cases).extracting(ReportTestCase::getName)
                .containsExactlyElementsOf(r.points().stream().map(PointVerdict::pointId).toList());
        assertThat(cases).extracting(ReportTestCase::getFullClassName).containsOnly("scalebench.gate.sim");
        assertThat(suites.stream().mapToInt(ReportTestSuite::getNumberOfFailures).sum()).isEqualTo(1);
        assertThat(suites.stream().mapToInt(ReportTestSuite::getNumberOfSkipped).sum()).isEqualTo(2);
        assertThat(suites.stream().mapToInt(ReportTestSuite::getNumberOfErrors).sum()).isZero();
        assertThat(cases).filteredOn(ReportTestCase::hasFailure).extracting(ReportTestCase::getName)
                .containsExactly("m/fp32/decode/b2/s64");
        assertThat(cases).filteredOn(ReportTestCase::hasSkipped).extracting(ReportTestCase::getName)
                .containsExactly("m/fp32/decode/b4/s64", "m/fp32/decode/b8/s64");
        ReportTestCase failed = cases.get(1);
        assertThat(failed.getFailureType()).isEqualTo("REGRESSION");
        assertThat(failed.getFailureMessage()).isEqualTo(r.points().get(1).reason());
        assertThat(failed.getFailureDetail()).contains("p99: 1.83 ms → 2.1 ms");
        assertThat(cases).filteredOn(ReportTestCase::isSuccessful).extracting(ReportTestCase::getName)
                .as("a pass, a warning (non-blocking regression) and an improvement pass")
                .containsExactly("m/fp32/decode/b1/s64", "m/fp32/decode/b16/s64", "m/fp32/decode/b32/s64");
    }

    @Test
    void countsFollowTheVerdictsOfALargeSweep() throws Exception {
        GateResult r = GateFixtures.large(60, false);
        List<ReportTestSuite> suites = surefire(JunitXml.render(r, WHEN));
        int tests = suites.stream().mapToInt(s -> s.getTestCases().size()).sum();
        assertThat(tests).isEqualTo(60);
        long failing = r.points().stream().filter(PointVerdict::fails).count();
        assertThat(failing).as("b1 and b4 of the four blocking points regress").isEqualTo(2);
        assertThat(r.warnings()).as("every third point regresses").hasSizeGreaterThanOrEqualTo(15);
        List<String> passed = suites.stream().flatMap(s -> s.getTestCases().stream())
                .filter(ReportTestCase::isSuccessful).map(ReportTestCase::getName).toList();
        assertThat(passed).as("warnings pass").containsAll(r.warnings().stream().map(PointVerdict::pointId).toList());
        assertThat(suites.stream().mapToInt(ReportTestSuite::getNumberOfFailures).sum()).isEqualTo((int) failing);
        assertThat(suites.stream().mapToInt(ReportTestSuite::getNumberOfSkipped).sum())
                .isEqualTo((int) r.count(Verdict.INCONCLUSIVE));
    }

    @Test
    void suiteAttributesCarryTheRunsAndCounts() throws Exception {
        Document d = dom(JunitXml.render(GateFixtures.standard(), WHEN));
        Element root = d.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        Element suite = (Element) root.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("name")).isEqualTo("scalebench gate: 20260102-000000-sim vs 20260101-000000-sim");
        assertThat(suite.getAttribute("tests")).isEqualTo("6");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("errors")).isEqualTo("0");
        assertThat(suite.getAttribute("skipped")).isEqualTo("2");
        assertThat(suite.getAttribute("time")).isEqualTo("0");
        assertThat(suite.getAttribute("timestamp")).isEqualTo("2026-03-04T05:06:07");
        assertThat(suite.getAttribute("hostname")).isEqualTo("bench-01");
        NodeList props = suite.getElementsByTagName("property");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < props.getLength(); i++) {
            names.add(((Element) props.item(i)).getAttribute("name"));
        }
        assertThat(names).contains("policy", "baseline", "candidate", "verdict");
        NodeList cases = suite.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            assertThat(c.getElementsByTagName("system-out").getLength()).as("system-out of %s", c.getAttribute("name"))
                    .isEqualTo(1);
        }
        Element warning = (Element) cases.item(4);
        assertThat(warning.getElementsByTagName("failure").getLength()).isZero();
        assertThat(warning.getElementsByTagName("system-out").item(0).getTextContent()).contains("warning:");
    }

    @Test
    void nastyIdsAndMessagesAreEscapedAndReadBackIntact() throws Exception {
        GateResult r = nasty();
        String xml = JunitXml.render(r, WHEN);
        assertThat(xml).doesNotContain("\u0001").doesNotContain("m<1>").doesNotContain("]]>");
        Document d = dom(xml);
        Element c = (Element) d.getElementsByTagName("testcase").item(0);
        String expectedId = NASTY.replace('\u0001', '\uFFFD');
        assertThat(c.getAttribute("name")).isEqualTo(expectedId);
        Element failure = (Element) c.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("p99 < 5 % & \"worse\"\nα → −, <![CDATA[ ]]>");
        assertThat(c.getAttribute("classname")).isEqualTo("scalebench.gate.sweep<&>-v2");
        List<ReportTestSuite> suites = surefire(xml);
        assertThat(suites.stream().flatMap(s -> s.getTestCases().stream()).map(ReportTestCase::getName))
                .containsExactly(expectedId);
    }

    /** A one-point regression whose id, sweep and messages hold markup, quotes, non-ASCII and a control char. */
    private static GateResult nasty() {
        String reason = "p99 < 5 % & \"worse\"\nα → −, <![CDATA[ ]]>";
        MetricTest t = new MetricTest(TrialMetric.P99, 0.05, 1e6, 1.2e6, 1.2, new Interval(1.1, 1.3), 0.001, 0.002,
                1, 1, Verdict.REGRESSION, reason, 0);
        PointVerdict p = new PointVerdict(NASTY, true, 5, 5, 0, List.of(t), Verdict.REGRESSION, reason);
        GateResult.RunRef b = new GateResult.RunRef("base<&>", "sweep<&>.v2", "results/a&b", Map.of());
        GateResult.RunRef c = new GateResult.RunRef("cand\"'", "sweep<&>.v2", "results/c<d>",
                Map.of("host.name", "h<&>"));
        return new GateResult(GatePolicy.defaults(), b, c, List.of("engine: a<b → c&d"), List.of(p), List.of("x<y"),
                List.of("z&w"), List.of("note with <tag> & ampersand"), Verdict.REGRESSION);
    }
}
