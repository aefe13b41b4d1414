package chatlab.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ScriptedConsoleTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    /** The timeout of an expectPrinted that the test expects to fail. */
    private static final Duration TIMEOUT_UNDER_TEST = Duration.ofMillis(100);

    private final ScriptedConsole console = new ScriptedConsole();

    @Test
    void everyPrintedLineIsRecordedInOrder() {
        console.println("Waiting for incoming connections...");
        console.println("Ana has connected.");

        assertEquals(List.of("Waiting for incoming connections...", "Ana has connected."), console.printed());
    }

    @Test
    void expectPrintedWaitsForALinePrintedLaterByAnotherThread() throws Exception {
        Thread printer = Thread.ofVirtual().start(() -> {
            for (int i = 0; i < 100; i++) {
                console.println("line " + i);
            }
        });

        console.expectPrinted("line 99", WAIT);
        printer.join();
    }

    @Test
    void expectPrintedSkipsOtherLinesAndGoesOnAfterTheMatch() throws Exception {
        console.println("a");
        console.println("b");
        console.println("c");

        console.expectPrinted("b", WAIT);
        console.expectPrinted("c", WAIT);

        TimeoutException e = assertThrows(TimeoutException.class, () -> console.expectPrinted("a", TIMEOUT_UNDER_TEST));
        assertTrue(e.getMessage().contains("'a'") && e.getMessage().contains("[a, b, c]"), e.getMessage());
    }

    @Test
    void theSameLineTwiceMustBePrintedTwice() throws Exception {
        console.println("Waiting for incoming connections...");
        console.expectPrinted("Waiting for incoming connections...", WAIT);

        assertThrows(TimeoutException.class,
                () -> console.expectPrinted("Waiting for incoming connections...", TIMEOUT_UNDER_TEST));
        console.println("Waiting for incoming connections...");
        console.expectPrinted("Waiting for incoming connections...", WAIT);
    }

    @Test
    void itIsAlsoAConsoleTheTestTypesInto() throws InterruptedException {
        console.type("dropped");
        console.discardPending();
        console.type("hello");

        assertEquals("hello", console.readLine());
    }
}
