package chatlab.stage;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class QueuedConsoleTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final List<String> printed = new ArrayList<>();
    private final QueuedConsole console = new QueuedConsole(printed::add);

    @Test
    void typedLinesAreReadInOrder() throws InterruptedException {
        console.type("hello");
        console.type("");
        console.type("[bye]");

        assertEquals("hello", console.readLine());
        assertEquals("", console.readLine());
        assertEquals("[bye]", console.readLine());
    }

    @Test
    void readLineWaitsForTheNextTypedLine() throws InterruptedException {
        Reader reader = Reader.start(console);
        await().atMost(WAIT).until(() -> reader.thread.getState() == Thread.State.WAITING);

        console.type("late");

        assertEquals("late", reader.results.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void readLineIsInterruptible() throws InterruptedException {
        Reader reader = Reader.start(console);
        await().atMost(WAIT).until(() -> reader.thread.getState() == Thread.State.WAITING);

        reader.thread.interrupt();

        assertInstanceOf(InterruptedException.class, reader.results.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void discardPendingDropsWhatNobodyReadYet() throws InterruptedException {
        console.type("typed while no client was there");
        console.type("this one too");

        console.discardPending();
        console.type("for the new client");

        assertEquals("for the new client", console.readLine());
    }

    @Test
    void printlnGoesToTheSink() {
        console.println("Waiting for incoming connections...");
        console.println("Ana has connected.");

        assertEquals(List.of("Waiting for incoming connections...", "Ana has connected."), printed);
    }

    @Test
    void aNullLineCannotBeTyped() {
        assertThrows(NullPointerException.class, () -> console.type(null));
        assertThrows(NullPointerException.class, () -> new QueuedConsole(null));
    }

    @Test
    void theTerminalConsoleReadsLinesFromItsInputAndPrintsToItsOutput() throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, Charset.defaultCharset());
        QueuedConsole terminal = QueuedConsole.ofTerminal(
                new ByteArrayInputStream("one\r\ntwo\n".getBytes(Charset.defaultCharset())), print);

        assertEquals("one", terminal.readLine());
        assertEquals("two", terminal.readLine());
        terminal.println("shown");
        assertEquals("shown" + System.lineSeparator(), out.toString(Charset.defaultCharset()));
    }

    @Test
    void atEndOfTerminalInputReadLineWaitsInsteadOfReturning() throws InterruptedException {
        QueuedConsole terminal = QueuedConsole.ofTerminal(
                new ByteArrayInputStream("last\n".getBytes(Charset.defaultCharset())), System.out);
        assertEquals("last", terminal.readLine());

        Reader reader = Reader.start(terminal);
        // Input is over: readLine must neither return null nor throw, just wait, until interrupted.
        await().atMost(WAIT).until(() -> reader.thread.getState() == Thread.State.WAITING);
        assertTrue(reader.results.isEmpty());
        reader.thread.interrupt();
        assertInstanceOf(InterruptedException.class, reader.results.poll(5, TimeUnit.SECONDS));
    }

    /** A thread that reads one line from a console and reports what happened. */
    private record Reader(Thread thread, BlockingQueue<Object> results) {
        static Reader start(OperatorConsole console) {
            BlockingQueue<Object> results = new LinkedBlockingQueue<>();
            Thread thread = Thread.ofVirtual().start(() -> {
                try {
                    results.add(console.readLine());
                } catch (InterruptedException e) {
                    results.add(e);
                }
            });
            return new Reader(thread, results);
        }
    }
}
