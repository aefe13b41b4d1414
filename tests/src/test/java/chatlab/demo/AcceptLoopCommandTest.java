package chatlab.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatlab.cli.ChatLab;
import chatlab.cli.Terminal;
import chatlab.harness.ChatLabHome;
import chatlab.suite.MistakeCatalogue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chatlab demo accept-loop} as a person runs it: progress, timelines, comparison, the page. */
class AcceptLoopCommandTest {
    private static final ChatLabHome HOME = ChatLabHome.locate();

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int chatlab(String... args) {
        Terminal terminal = new Terminal(new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return ChatLab.run(terminal, HOME, args);
    }

    private List<String> outLines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void aSubmissionsStagesRunShowTheirTimelinesAndSayWhereTheyDifferFromTheReference() throws Exception {
        Path submission = MistakeCatalogue.folderIn(HOME.root()).resolve("stage2-thread-per-client");
        int exit = chatlab("demo", "accept-loop", "--impl", submission.toString(), "--out", dir.toString());

        String shown = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, shown + err);
        List<String> lines = outLines();
        assertTrue(lines.contains("  ! There is no stage 1 in " + submission + " (no Java sources in " + submission
                + "/stage1/src/main/java)."), shown);
        assertTrue(lines.contains("  ⇒ stage 2: 3 of 3 clients served at the same time"), shown);
        assertTrue(lines.contains("  ! stage 2 behaves unlike the reference: yours 3 of 3 clients served at the same time;"
                + " the reference 3 of 3 clients served, one after another"), shown);
        Path page = dir.resolve("accept-loop.html");
        assertEquals("The timelines for a projector: " + page, lines.getLast());

        String html = Files.readString(page);
        assertEquals(4, html.split("<svg class=\"timeline\"", -1).length - 1, "stage 2 of the submission, then the reference's three");

        String progress = err.toString(StandardCharsets.UTF_8);
        assertTrue(progress.contains("Running stage 2 (accept loop) of " + submission + ": 3 clients arriving 0.25 s apart..."), progress);
        assertTrue(progress.contains("Running stage 3 (broadcast room) of solutions"), progress);
        assertTrue(progress.lines().anyMatch(l -> l.matches(" +\\d+\\.\\d\\d s  Cleo answered (at once|after \\d+\\.\\d\\d s) \\(\"Server\"\\)")), progress);
    }

    @Test
    void theNumberOfClientsIsBounded() {
        assertEquals(2, chatlab("demo", "accept-loop", "--clients", "0", "--out", dir.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--clients must be 1 to 10, not 0"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void demoAloneAsksWhichDemo() {
        assertEquals(2, chatlab("demo"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Missing a demo: accept-loop"), err.toString(StandardCharsets.UTF_8));
    }
}
