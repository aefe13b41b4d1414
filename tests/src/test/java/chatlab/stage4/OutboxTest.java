package chatlab.stage4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The reference solution's {@link Outbox} on its own: what a writer gets from {@code take()}, batch
 * after batch, is the client's stream: the room's lines and its own, in order, each batch bounded.
 */
@DisplayName("Stage 4: the outbox's batches")
class OutboxTest {
    private static final long NO_LIMIT = Long.MAX_VALUE;

    @Test
    @DisplayName("the client's own lines go in their places among the room's, the last words last")
    void toldLinesGoInTheirPlacesAmongTheRoomsLines() throws InterruptedException {
        Transcript transcript = new Transcript();
        Outbox outbox = new Outbox(NO_LIMIT);
        outbox.tell(bytes("NICK\n"));
        outbox.joined(transcript.cursorAtEnd(), bytes("Connected to server!\n"));
        transcript.append(bytes("ana joined!\n"));
        transcript.append(bytes("ana: hi\nana: and a second line\n"));
        outbox.tell(bytes("ERROR line too long\n"));
        transcript.append(bytes("bob joined!\n"));
        outbox.finish("ERROR server shutting down");

        assertEquals("NICK\nana joined!\nConnected to server!\nana: hi\nana: and a second line\n"
                + "ERROR line too long\nbob joined!\nERROR server shutting down\n", drain(outbox));
    }

    @Test
    @DisplayName("a member far behind gets it in batches of about 16 KiB, nothing lost or reordered")
    void aLongBacklogGoesInBoundedBatches() throws InterruptedException {
        Transcript transcript = new Transcript();
        Outbox outbox = new Outbox(NO_LIMIT);
        outbox.joined(transcript.cursorAtEnd(), bytes("Connected to server!\n"));
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            String line = "ana: " + Integer.toString(i).repeat(300) + "\n";
            transcript.append(bytes(line));
            expected.append(line);
            if (i == 0) {
                expected.append("Connected to server!\n");
            }
        }
        outbox.finish(null);

        byte[] first = outbox.take();

        assertTrue(first.length > 8 * 1024 && first.length < 20 * 1024, "first batch: " + first.length + " bytes");
        assertEquals(expected.toString(), new String(first, StandardCharsets.UTF_8) + drain(outbox));
    }

    @Test
    @DisplayName("too slow: ERROR too slow is the last line, and nothing of the room follows it")
    void aMemberTooSlowGetsTheErrorAndNothingMore() throws InterruptedException {
        Transcript transcript = new Transcript();
        Outbox outbox = new Outbox(30);
        outbox.joined(transcript.cursorAtEnd(), bytes("Connected to server!\n"));
        transcript.append(bytes("ana joined!\n"));
        assertEquals("ana joined!\nConnected to server!\n", new String(outbox.take(), StandardCharsets.UTF_8));
        transcript.append(bytes("ana: more than thirty bytes are now waiting\n"));

        assertTrue(outbox.closeIfTooSlow());
        transcript.append(bytes("bob joined!\n"));
        assertEquals("ERROR too slow\n", drain(outbox));
    }

    /** Takes batches until the end (null); returns all of them, joined. */
    private static String drain(Outbox outbox) throws InterruptedException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] batch; (batch = outbox.take()) != null; ) {
            all.writeBytes(batch);
        }
        return all.toString(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
