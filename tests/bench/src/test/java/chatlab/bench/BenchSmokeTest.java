package chatlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatlab.cli.ChatLab;
import chatlab.cli.Terminal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark in small, in the build: {@code chatlab bench} as a user types it, 200 members, the
 * reference stage 4 and the Netty room, each server in its own JVM. Nothing may be lost.
 */
class BenchSmokeTest {
    private static final int MEMBERS = 200;
    private static final int MESSAGES = 5;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS) // a bound, not an expectation: it takes about 15 s
    @DisplayName("chatlab bench: 200 members, stage 4 and the Netty room, every delivery arrives once and in order")
    void twoHundredMembersLoseNothing(@TempDir Path work) throws IOException {
        Path results = work.resolve("results.jsonl");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Terminal terminal = new Terminal(new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        int exitCode = ChatLab.run(terminal, null, "bench", "--clients", Integer.toString(MEMBERS),
                "--messages", Integer.toString(MESSAGES), "--quiet", "5", "--timeout", "2",
                "--results", results.toString());

        String shown = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertEquals(0, exitCode, "exit code 0: every server delivered everything once, in order\n" + shown);
        List<String> lines = Files.readAllLines(results);
        assertEquals(2, lines.size(), "one JSON line per server\n" + shown);
        for (String line : lines) {
            assertTrue(line.contains("\"deliveriesExpected\":" + (long) MEMBERS * MEMBERS * MESSAGES), line);
            assertTrue(line.contains("\"lost\":0,"), "nothing lost: " + line);
            assertTrue(line.contains("\"duplicates\":0,") && line.contains("\"outOfOrder\":0,"), line);
            assertTrue(line.contains("\"joined\":" + (long) MEMBERS * (MEMBERS + 1) / 2 + ","), "every joined! notice: " + line);
            assertTrue(line.contains("\"server_threadsLeft\":0"), "the server closed and left no thread: " + line);
        }
        assertTrue(shown.contains("stage 4, virtual") && shown.contains("Netty room"), shown);
    }
}
