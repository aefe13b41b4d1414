package chatlab.grading;

import static chatlab.grading.Grades.failed;
import static chatlab.grading.Grades.passed;
import static chatlab.grading.Grades.property;
import static org.junit.jupiter.api.Assertions.assertEquals;

import chatlab.suite.PropertyOutcome.Kind;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** The JUnit XML report parses, and its counts and elements say how each property went. */
class JUnitXmlReportTest {
    /** What a student's server may send: markup, a NUL, an escape sequence, half a surrogate pair. */
    static final String HOSTILE = "got '<b>&amp;</b> ]]>\u0000\u001B[31m\uD800' instead of 'hi'\nsecond line";

    static final SubmissionGrade GRADE = new SubmissionGrade("ali<c>e & \"co\"", 42, SubmissionGrade.Status.GRADED,
            List.of("a notice"),
            List.of(passed(1, 1, "names are exchanged", 4),
                    failed(1, 2, "full duplex", 7, HOSTILE),
                    property(2, 1, "accepts again", 5, Kind.TIMED_OUT, "ran past 60 s", Visibility.VISIBLE),
                    property(2, 2, "one at a time", 5, Kind.CRASHED, "the JVM ended: System.exit(1)", Visibility.HIDDEN),
                    property(3, 1, "room events", 8, Kind.NOT_RUN, "stage 3 timed out before", Visibility.VISIBLE),
                    property(4, 1, "nicknames", 6, Kind.STAGE_UNAVAILABLE, "does not compile", Visibility.VISIBLE)),
            Duration.ofMillis(12_345));

    @TempDir
    Path dir;

    @Test
    void itParsesAndItsCountsMatchTheOutcomes() throws Exception {
        Path file = dir.resolve(JUnitXmlReport.FILE_NAME);
        JUnitXmlReport.write(GRADE, file);
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());

        Element suites = xml.getDocumentElement();
        assertEquals("testsuites", suites.getTagName());
        Element suite = (Element) suites.getElementsByTagName("testsuite").item(0);
        assertEquals("ali<c>e & \"co\"", suite.getAttribute("name"));
        for (Element counted : List.of(suites, suite)) {
            assertEquals("6", counted.getAttribute("tests"));
            assertEquals("2", counted.getAttribute("failures"), "failed, and cannot run");
            assertEquals("2", counted.getAttribute("errors"), "timed out, and JVM ended");
            assertEquals("1", counted.getAttribute("skipped"));
            assertEquals("12.345", counted.getAttribute("time"));
        }
        NodeList cases = suite.getElementsByTagName("testcase");
        assertEquals(6, cases.getLength());
        List<String> children = List.of("", "failure", "error", "error", "skipped", "failure");
        for (int i = 0; i < cases.getLength(); i++) {
            Element testcase = (Element) cases.item(i);
            NodeList elements = testcase.getElementsByTagName("*");
            assertEquals(children.get(i), elements.getLength() == 0 ? "" : ((Element) elements.item(0)).getTagName(),
                    testcase.getAttribute("name"));
            assertEquals("1.234", testcase.getAttribute("time"));
        }
        Element duplex = (Element) cases.item(1);
        assertEquals("stage 1", duplex.getAttribute("classname"));
        assertEquals("1.2 full duplex", duplex.getAttribute("name"));
        Element skipped = (Element) ((Element) cases.item(4)).getElementsByTagName("skipped").item(0);
        assertEquals("not run: stage 3 timed out before", skipped.getAttribute("message"));
        assertEquals("a notice", suite.getElementsByTagName("system-out").item(0).getTextContent());
        assertEquals("42", ((Element) suite.getElementsByTagName("property").item(0)).getAttribute("value"));
    }

    @Test
    void feedbackKeepsItsTextAndLosesWhatXmlForbids() throws Exception {
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(JUnitXmlReport.render(GRADE))));
        Element failure = (Element) xml.getElementsByTagName("failure").item(0);
        assertEquals("got '<b>&amp;</b> ]]>[31m' instead of 'hi'\nsecond line", failure.getTextContent());
        assertEquals("failed: got '<b>&amp;</b> ]]>[31m' instead of 'hi'", failure.getAttribute("message"));
        assertEquals("failed", failure.getAttribute("type"));
    }
}
