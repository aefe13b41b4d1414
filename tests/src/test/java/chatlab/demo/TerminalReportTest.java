package chatlab.demo;

import static chatlab.demo.Records.measured;
import static chatlab.demo.Records.served;
import static chatlab.demo.Records.unanswered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatlab.demo.ClientRecord.End;
import chatlab.harness.Implementation;
import chatlab.stage.StageId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The terminal timeline: a row per client, time across, and the computed conclusion under it. */
class TerminalReportTest {
    static final DemoReport REPORT = new DemoReport(Schedule.of(3), new DemoReport.Run(
            new Implementation("solutions", Path.of("solutions")), List.of(
            measured(StageId.ONE_SHOT, 1510L,
                    served("Ann", 0, 10, 1500, End.LEFT),
                    unanswered("Bob", 250, 1510, End.RESET),
                    unanswered("Cleo", 500, 1510, End.RESET)),
            measured(StageId.ACCEPT_LOOP, null,
                    served("Ann", 0, 10, 1500, End.LEFT),
                    served("Bob", 250, 1510, 3000, End.LEFT),
                    served("Cleo", 500, 3010, 3500, End.LEFT)),
            new StageRecord.Unavailable(StageId.BROADCAST_ROOM, "Stage 3 (broadcast room) is not done yet: TODO 1: ..."))),
            Optional.empty(), ZonedDateTime.now());

    private static List<String> printed(DemoReport report, Charset charset) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new TerminalReport(report, Glyphs.forCharset(charset)).print(new PrintStream(bytes, true, charset));
        return bytes.toString(charset).lines().toList();
    }

    private static String row(List<String> lines, int stage, String client) {
        int from = lines.indexOf(lines.stream().filter(l -> l.startsWith("Stage " + stage + ",")).findFirst().orElseThrow());
        return lines.subList(from, lines.size()).stream().filter(l -> l.startsWith("  " + client + " ")).findFirst().orElseThrow();
    }

    @Test
    void eachClientIsARowWithItsWaitingItsServiceAndHowItEnded() {
        List<String> lines = printed(REPORT, StandardCharsets.UTF_8);
        String ann = row(lines, 1, "Ann");
        String bob = row(lines, 1, "Bob");
        assertTrue(ann.contains("━━━┃"), ann);
        assertTrue(ann.endsWith("served at once; left at 1.50 s"), ann);
        assertTrue(bob.contains("┄┄┄✕") && !bob.contains("━"), bob);
        assertTrue(bob.endsWith("no answer; reset at 1.51 s"), bob);
        String cleo = row(lines, 2, "Cleo");
        assertTrue(cleo.contains("┄┄┄━") && cleo.endsWith("waited 2.51 s; left at 3.50 s"), cleo);
        // Bob's waiting starts later on the line than Ann's service: time runs across.
        assertTrue(bob.indexOf('┄') > ann.indexOf('━'), bob + "\n" + ann);
    }

    @Test
    void eachStageEndsWithItsComputedConclusionAndAStageThatCannotRunIsOneLine() {
        List<String> lines = printed(REPORT, StandardCharsets.UTF_8);
        assertTrue(lines.contains("  ⇒ stage 1: 1 of 3 clients served; 2 connected but were never answered, then reset"), String.join("\n", lines));
        assertTrue(lines.contains("  ⇒ stage 2: 3 of 3 clients served, one after another"), String.join("\n", lines));
        int stage3 = lines.indexOf(lines.stream().filter(l -> l.startsWith("Stage 3,")).findFirst().orElseThrow());
        assertEquals("  ! Stage 3 (broadcast room) is not done yet: TODO 1: ...", lines.get(stage3 + 1));
        assertEquals(stage3 + 2, lines.size(), "nothing more for stage 3");
    }

    @Test
    void withoutUtf8TheTimelineIsPlainAscii() {
        List<String> lines = printed(REPORT, StandardCharsets.US_ASCII);
        for (String line : lines) {
            assertTrue(line.chars().allMatch(c -> c < 128), "not ASCII: " + line);
        }
        assertTrue(row(lines, 1, "Ann").contains("===|"), String.join("\n", lines));
        assertTrue(row(lines, 1, "Bob").contains("...x"), String.join("\n", lines));
        assertTrue(lines.contains("  => stage 2: 3 of 3 clients served, one after another"), String.join("\n", lines));
    }
}
