package chatlab.grading;

import chatlab.suite.PropertyOutcome.Kind;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A submission's results as a JUnit XML report, the format CI servers (Jenkins, GitLab) read: one
 * {@code <testsuite>} named for the student, one {@code <testcase>} per property with class name
 * {@code stage N}. A property that failed or whose stage cannot run is a {@code <failure>}; one that
 * timed out or whose JVM ended is an {@code <error>}; one not run is {@code <skipped>}.
 *
 * <p>The report is the instructor's: hidden properties are in it with their feedback. Feedback can
 * hold what a student's server sent, so characters XML 1.0 does not allow are left out.
 */
public final class JUnitXmlReport {
    /** The file's name in a submission's output folder. */
    public static final String FILE_NAME = "junit.xml";

    private JUnitXmlReport() {
    }

    /** Writes {@link #render} to {@code file} (its folder made if needed), in UTF-8. */
    public static void write(SubmissionGrade grade, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, render(grade), StandardCharsets.UTF_8);
    }

    /** The XML text of {@code grade}'s report. */
    public static String render(SubmissionGrade grade) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            counts(xml, grade);
            xml.writeCharacters("\n  ");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", clean(grade.student()));
            counts(xml, grade);
            xml.writeCharacters("\n    ");
            xml.writeStartElement("properties");
            property(xml, "seed", Long.toString(grade.seed()));
            property(xml, "status", grade.status().label());
            property(xml, "score", Integer.toString(grade.score()));
            property(xml, "max_score", Integer.toString(grade.maxScore()));
            xml.writeCharacters("\n    ");
            xml.writeEndElement();
            for (PropertyGrade property : grade.properties()) {
                testcase(xml, property);
            }
            if (!grade.notices().isEmpty()) {
                xml.writeCharacters("\n    ");
                xml.writeStartElement("system-out");
                xml.writeCharacters(clean(String.join("\n", grade.notices())));
                xml.writeEndElement();
            }
            xml.writeCharacters("\n  ");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing XML to a string cannot fail: " + e.getMessage(), e);
        }
        return text + "\n";
    }

    private static void counts(XMLStreamWriter xml, SubmissionGrade grade) throws XMLStreamException {
        xml.writeAttribute("tests", Integer.toString(grade.properties().size()));
        xml.writeAttribute("failures", Long.toString(count(grade, Kind.FAILED, Kind.STAGE_UNAVAILABLE)));
        xml.writeAttribute("errors", Long.toString(count(grade, Kind.TIMED_OUT, Kind.CRASHED)));
        xml.writeAttribute("skipped", Long.toString(count(grade, Kind.NOT_RUN)));
        xml.writeAttribute("time", seconds(grade.elapsed().toMillis()));
    }

    private static long count(SubmissionGrade grade, Kind... kinds) {
        Set<Kind> counted = Set.of(kinds);
        return grade.properties().stream().filter(p -> counted.contains(p.outcome().kind())).count();
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeCharacters("\n      ");
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", clean(value));
    }

    private static void testcase(XMLStreamWriter xml, PropertyGrade property) throws XMLStreamException {
        Kind kind = property.outcome().kind();
        String element = switch (kind) {
            case PASSED -> null;
            case FAILED, STAGE_UNAVAILABLE -> "failure";
            case TIMED_OUT, CRASHED -> "error";
            case NOT_RUN -> "skipped";
        };
        xml.writeCharacters("\n    ");
        if (element == null) {
            xml.writeEmptyElement("testcase");
        } else {
            xml.writeStartElement("testcase");
        }
        xml.writeAttribute("classname", "stage " + property.stage());
        xml.writeAttribute("name", clean(Markdown.number(property) + " " + property.name()));
        xml.writeAttribute("time", seconds(property.outcome().millis()));
        if (element == null) {
            return;
        }
        String feedback = property.outcome().feedback() == null ? "" : property.outcome().feedback();
        xml.writeCharacters("\n      ");
        xml.writeStartElement(element);
        xml.writeAttribute("message", clean(kind.label() + firstLine(feedback)));
        if (kind != Kind.NOT_RUN) {
            xml.writeAttribute("type", kind.label());
        }
        xml.writeCharacters(clean(feedback));
        xml.writeEndElement();
        xml.writeCharacters("\n    ");
        xml.writeEndElement();
    }

    /** ": " and the first line of {@code feedback} that says something, or nothing. */
    private static String firstLine(String feedback) {
        return feedback.lines().map(String::strip).filter(line -> !line.isEmpty()).findFirst()
                .map(line -> ": " + line).orElse("");
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    /**
     * {@code text} without what XML 1.0 forbids: control characters other than tab, line feed and
     * carriage return, unpaired surrogates, U+FFFE and U+FFFF.
     */
    static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(JUnitXmlReport::allowed).forEach(out::appendCodePoint);
        return out.toString();
    }

    private static boolean allowed(int c) {
        return c == 0x9 || c == 0xA || c == 0xD
                || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }
}
