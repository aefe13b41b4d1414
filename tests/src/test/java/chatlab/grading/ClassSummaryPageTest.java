package chatlab.grading;

import static chatlab.grading.Grades.failed;
import static chatlab.grading.Grades.passed;
import static chatlab.grading.Grades.property;
import static chatlab.grading.Grades.submission;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatlab.suite.PropertyOutcome.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** summary.html: the class at a glance, drawn from the batch, with every piece of data escaped. */
class ClassSummaryPageTest {
    static final String ROOM = "room: <b>bold</b> & more";
    static final String SCRIPT_ID = "<script>alert(1)</script>";
    static final ZonedDateTime WHEN = ZonedDateTime.of(2026, 3, 2, 14, 5, 0, 0, ZoneOffset.UTC);

    static SubmissionGrade student(String id, boolean names, boolean duplex, boolean room) {
        return submission(id, names ? passed(1, 1, "names", 4) : failed(1, 1, "names", 4, "x"),
                duplex ? passed(1, 2, "duplex", 7) : failed(1, 2, "duplex", 7, "x"),
                room ? passed(3, 1, ROOM, 8) : failed(3, 1, ROOM, 8, "x"));
    }

    static final SubmissionGrade UNREADABLE = new SubmissionGrade("dave", 42, SubmissionGrade.Status.UNREADABLE,
            List.of("not a zip file"),
            List.of(property(1, 1, "names", 4, Kind.NOT_RUN, "unreadable", Visibility.VISIBLE),
                    property(1, 2, "duplex", 7, Kind.NOT_RUN, "unreadable", Visibility.VISIBLE),
                    property(3, 1, ROOM, 8, Kind.NOT_RUN, "unreadable", Visibility.VISIBLE)),
            Duration.ZERO);

    /** Totals 12, 19, 4 and 0 of 19. */
    static final List<SubmissionGrade> BATCH = List.of(student("alice", true, false, true),
            student(SCRIPT_ID, true, true, true), student("carol", true, false, false), UNREADABLE);

    @TempDir
    Path dir;

    record Bar(int passed, int total, String title, int width, String fill) {
    }

    static List<Bar> bars(String html) {
        Matcher m = Pattern.compile("<g class=\"property\" data-passed=\"(\\d+)\" data-total=\"(\\d+)\"><title>([^<]*)</title>"
                + ".*?<rect class=\"passed\" [^>]*width=\"(\\d+)\"[^>]*fill=\"(#[0-9A-F]{6})\"").matcher(html);
        List<Bar> bars = new ArrayList<>();
        while (m.find()) {
            bars.add(new Bar(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3),
                    Integer.parseInt(m.group(4)), m.group(5)));
        }
        return bars;
    }

    static int count(String text, String literal) {
        return text.split(Pattern.quote(literal), -1).length - 1;
    }

    @Test
    void eachPropertyHasOneBarWithItsPassCountOverTheReadableSubmissions() throws Exception {
        Path file = dir.resolve(ClassSummaryPage.FILE_NAME);
        ClassSummaryPage.write(BATCH, WHEN, file);
        String html = Files.readString(file);

        assertEquals(1, count(html, "<svg id=\"pass-rates\""));
        List<Bar> bars = bars(html);
        assertEquals(3, bars.size(), html);
        assertEquals(3, count(html, "<g class=\"property\""));
        assertEquals(new Bar(3, 3, "1.1 names: 3 passed", 360, ClassSummaryPage.PASS_HIGH), bars.get(0));
        assertEquals(new Bar(1, 3, "1.2 duplex: 1 passed, 2 failed", 120, ClassSummaryPage.PASS_LOW), bars.get(1));
        assertEquals(new Bar(2, 3, "3.1 " + chatlab.report.Html.escape(ROOM) + ": 2 passed, 1 failed", 240,
                ClassSummaryPage.PASS_MIDDLE), bars.get(2));
        assertTrue(html.contains("<tspan font-weight=\"700\">1</tspan> of 3 passed"), html);
        assertTrue(html.contains(">8 pts</text>"), html);
        assertTrue(html.contains(">" + chatlab.report.Html.escape(ROOM) + "</text>"), html);
    }

    @Test
    void theHistogramCountsEverySubmissionInBinsOfATenth() {
        String html = ClassSummaryPage.render(BATCH, WHEN);
        Matcher m = Pattern.compile("<rect class=\"bin\" data-count=\"(\\d+)\"").matcher(html.substring(
                html.indexOf("<svg id=\"score-distribution\""), html.indexOf("</svg>", html.indexOf("<svg id=\"score-distribution\""))));
        List<Integer> bins = new ArrayList<>();
        while (m.find()) {
            bins.add(Integer.parseInt(m.group(1)));
        }
        // Of 19 points: 0 -> first bin, 4 -> third, 12 -> seventh, 19 (full marks) -> the last.
        assertEquals(List.of(1, 0, 1, 0, 0, 0, 1, 0, 0, 1), bins);
    }

    @Test
    void stageMeansTheStudentsTableAndTheFactsOfTheBatch() {
        String html = ClassSummaryPage.render(BATCH, WHEN);
        assertEquals(1, count(html, "<svg id=\"stage-means\""));
        assertTrue(html.contains("<tspan font-weight=\"700\">6.3</tspan> of 11"), "(4 + 11 + 4) / 3 readable\n" + html);
        assertTrue(html.contains("<tspan font-weight=\"700\">5.3</tspan> of 8"), "(8 + 8 + 0) / 3 readable\n" + html);
        assertEquals(4, count(html, "<tr class=\"student\">"));
        assertTrue(html.contains("<tr class=\"student\"><td>carol</td><td class=\"lost\">4</td><td class=\"lost\">0</td>"
                + "<td><strong>4</strong> of 19</td><td class=\"status\">graded</td></tr>"), html);
        assertTrue(html.contains("<strong>4 submissions</strong> (3 graded, 1 unreadable) · graded 2026-03-02 14:05 · seed 42"),
                html);
    }

    @Test
    void aStudentIdIsTextNeverMarkup() {
        String html = ClassSummaryPage.render(BATCH, WHEN);
        assertFalse(html.contains("<script"), "the page has no script, and a student id cannot add one");
        assertTrue(html.contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>"), html);
        assertFalse(html.contains("<b>bold"), html);
    }

    @Test
    void thePageNeedsNoNetwork() {
        String html = ClassSummaryPage.render(SummaryPageFixture.batch(), WHEN);
        assertEquals(SummaryPageFixture.batch().size(), count(html, "<tr class=\"student\">"));
        for (String reference : List.of("http:", "https:", "src=", "href=", "@import", "url(", "<script", "<link")) {
            assertFalse(html.contains(reference), "the page must not load anything: found " + reference);
        }
    }

    @Test
    void anEmptyBatchSaysSo() {
        assertTrue(ClassSummaryPage.render(List.of(), WHEN).contains("<p>No submissions were graded.</p>"));
    }
}
