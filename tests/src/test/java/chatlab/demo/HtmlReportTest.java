package chatlab.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatlab.demo.ClientRecord.End;
import chatlab.harness.Implementation;
import chatlab.stage.StageId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page for a projector: the timelines side by side as inline SVG, and nothing fetched from anywhere. */
class HtmlReportTest {
    @TempDir
    Path dir;

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void everyMeasuredStageIsAnSvgTimelineWithARowPerClientAndItsConclusion() throws Exception {
        Path page = new HtmlReport(TerminalReportTest.REPORT).writeInto(dir.resolve("out"));
        assertEquals(dir.resolve("out").resolve("accept-loop.html"), page);
        String html = Files.readString(page);
        assertEquals(2, count(html, "<svg class=\"timeline\""), "stages 1 and 2 were measured");
        assertEquals(6, count(html, "<g class=\"client\">"), "three rows in each");
        assertEquals(4, count(html, "<rect class=\"served\""), "Ann in stage 1; all three in stage 2");
        assertEquals(2, count(html, "<g class=\"reset\""), "Bob and Cleo in stage 1");
        assertEquals(1, count(html, "<g class=\"returned\">"), "stage 1 returned by itself");
        assertTrue(html.contains("<figcaption class=\"conclusion\">stage 1: 1 of 3 clients served; 2 connected but were never answered, then reset</figcaption>"));
        assertTrue(html.contains("<p class=\"unavailable\">Stage 3 (broadcast room) is not done yet: TODO 1: ...</p>"));
    }

    @Test
    void thePageNeedsNoNetwork() {
        String html = new HtmlReport(TerminalReportTest.REPORT).page();
        for (String reference : List.of("http:", "https:", "src=", "href=", "@import", "url(", "<script", "<link")) {
            assertFalse(html.contains(reference), "the page must not load anything: found " + reference);
        }
    }

    @Test
    void yourStagesComeFirstThenHowTheyCompareThenTheReference() {
        DemoReport.Run reference = new DemoReport.Run(new Implementation("solutions", Path.of("solutions")), List.of(
                Records.measured(StageId.ONE_SHOT, 1510L,
                        Records.served("Ann", 0, 10, 1500, End.LEFT),
                        Records.unanswered("Bob", 250, 1510, End.RESET))));
        DemoReport.Run yours = new DemoReport.Run(new Implementation("labs", Path.of("labs")), List.of(
                Records.measured(StageId.ONE_SHOT, null,
                        Records.served("Ann", 0, 10, 1500, End.LEFT),
                        Records.served("Bob", 250, 1500, 3000, End.LEFT))));
        String html = new HtmlReport(new DemoReport(Schedule.of(2), yours, Optional.of(reference), ZonedDateTime.now())).page();
        int mine = html.indexOf("<h2>Yours: labs</h2>");
        int comparison = html.indexOf("<h2>Compared with the reference</h2>");
        int theirs = html.indexOf("<h2>The reference, measured in the same run: solutions</h2>");
        assertTrue(0 < mine && mine < comparison && comparison < theirs, html);
        assertTrue(html.contains("<li class=\"unlike\">stage 1 behaves unlike the reference: yours 2 of 2 clients served,"
                + " one after another; the reference 1 of 2 clients served; 1 connected but was never answered, then reset</li>"), html);
    }

    @Test
    void namesAndMessagesAreEscaped() {
        assertEquals("&lt;b&gt; &amp; &quot;x&quot;", chatlab.report.Html.escape("<b> & \"x\""));
    }
}
