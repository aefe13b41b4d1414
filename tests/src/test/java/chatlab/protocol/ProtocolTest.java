package chatlab.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fixed texts and limits, character for character as issue 2 writes them. */
class ProtocolTest {

    @Test
    void stagesOneAndTwoTexts() {
        assertEquals("Server", Protocol.DEFAULT_OPERATOR_NAME);
        assertEquals("Waiting for incoming connections...", Protocol.WAITING);
        assertEquals("[bye]", Protocol.BYE);
        assertEquals("Bye, leaving the chat room!", Protocol.SERVER_FAREWELL);
        assertEquals("Leaving the Chat room", Protocol.CLIENT_FAREWELL);
        assertEquals("Ana has connected.", Protocol.hasConnected("Ana"));
        assertEquals("Ana > hi there", Protocol.clientSaid("Ana", "hi there"));
    }

    @Test
    void roomTexts() {
        assertEquals("NICK", Protocol.NICK);
        assertEquals("Connected to server!", Protocol.CONNECTED);
        assertEquals("Даша joined!", Protocol.joined("Даша"));
        assertEquals("Даша: привет", Protocol.message("Даша", "привет"));
        assertEquals("Даша: ", Protocol.message("Даша", ""));
        assertEquals("Даша left!", Protocol.left("Даша"));
    }

    @Test
    void errorTextsAllStartWithTheErrorPrefix() {
        assertEquals("ERROR ", Protocol.ERROR_PREFIX);
        List<String> errors = List.of(Protocol.ERROR_INVALID_NICKNAME, Protocol.ERROR_NICKNAME_TAKEN,
                Protocol.ERROR_NICKNAME_RESERVED, Protocol.ERROR_NO_NICKNAME, Protocol.ERROR_LINE_TOO_LONG,
                Protocol.ERROR_INVALID_UTF8, Protocol.ERROR_TOO_SLOW, Protocol.ERROR_SHUTTING_DOWN);
        assertEquals(List.of("ERROR invalid nickname", "ERROR nickname taken", "ERROR nickname reserved",
                "ERROR no nickname", "ERROR line too long", "ERROR invalid UTF-8", "ERROR too slow",
                "ERROR server shutting down"), errors);
        errors.forEach(e -> assertTrue(e.startsWith(Protocol.ERROR_PREFIX), e));
    }

    @Test
    void theDefaultLimits() {
        assertEquals(new Limits(1024, 1024 * 1024, Duration.ofSeconds(30)), Limits.DEFAULT);
    }

    @Test
    void aShorterNicknameTimeoutKeepsTheOtherLimits() {
        Limits quick = Limits.DEFAULT.withNicknameTimeout(Duration.ofMillis(200));

        assertEquals(Duration.ofMillis(200), quick.nicknameTimeout());
        assertEquals(Limits.MAX_LINE_BYTES, quick.maxLineBytes());
        assertEquals(Limits.MAX_QUEUED_BYTES, quick.maxQueuedBytes());
    }

    @Test
    void limitsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new Limits(0, 1, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Limits(1, 0, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> Limits.DEFAULT.withNicknameTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> Limits.DEFAULT.withNicknameTimeout(Duration.ofSeconds(-1)));
    }
}
