package chatlab.driver;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatlab.driver.ScriptedClient.Ending;
import chatlab.driver.ScriptedClient.Received;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scripted client against a server socket the test drives by hand. */
class ScriptedClientTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    /** The timeout of a wait that the test expects to fail. */
    private static final Duration TIMEOUT_UNDER_TEST = Duration.ofMillis(150);

    private ServerSocket listener;
    private ScriptedClient client;
    private Socket server; // the server's end of the client's connection

    @BeforeEach
    void connect() throws IOException {
        listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        client = ScriptedClient.connect("ana", (InetSocketAddress) listener.getLocalSocketAddress());
        server = listener.accept();
    }

    @AfterEach
    void closeAll() throws IOException {
        client.close();
        server.close();
        listener.close();
    }

    private void serverSends(String text) throws IOException {
        OutputStream out = server.getOutputStream();
        for (byte b : text.getBytes(UTF_8)) { // one byte at a time: lines must still come out whole
            out.write(b);
            out.flush();
        }
    }

    @Test
    void linesAreRecordedInOrderWithTheirArrivalTimes() throws Exception {
        serverSends("one\ntwo\r\nthree é😀\n");

        assertEquals("one", client.awaitLine(WAIT));
        assertEquals("two", client.expectLine("two", WAIT));
        assertEquals("three é😀", client.awaitLine(WAIT));
        assertEquals(List.of("one", "two", "three é😀"), client.lines());
        List<Received> received = client.received();
        assertTrue(received.get(0).nanos() >= client.connectedNanos());
        assertTrue(received.get(0).nanos() <= received.get(1).nanos());
        assertTrue(received.get(1).nanos() <= received.get(2).nanos());
        assertEquals(Ending.OPEN, client.ending());
        assertEquals(0, client.endedNanos());
    }

    @Test
    void linesArriveWhetherOrNotSomeoneWaitsForThem() throws Exception {
        serverSends("early\n");
        server.close();

        assertEquals(Ending.CLOSED_BY_SERVER, client.awaitEnd(WAIT));
        assertEquals(List.of("early"), client.lines());
        assertEquals("early", client.awaitLine(WAIT), "awaitLine still hands out lines that came before it");
    }

    @Test
    void anUnexpectedLineFailsWithEverythingReceivedSoFar() throws Exception {
        serverSends("hello\nsurprise\n");
        client.expectLine("hello", WAIT);

        AssertionError e = assertThrows(AssertionError.class, () -> client.expectLine("bye", WAIT));

        assertTrue(e.getMessage().contains("ana") && e.getMessage().contains("'bye'")
                && e.getMessage().contains("'surprise'") && e.getMessage().contains("[hello, surprise]"), e.getMessage());
    }

    @Test
    void aTimedOutWaitListsWhatDidArrive() throws Exception {
        serverSends("hello\nworld\n");
        client.awaitLine(WAIT);
        client.awaitLine(WAIT);

        TimeoutException e = assertThrows(TimeoutException.class, () -> client.awaitLine(TIMEOUT_UNDER_TEST));

        assertTrue(e.getMessage().contains("ana") && e.getMessage().contains("[hello, world]")
                && e.getMessage().contains("OPEN"), e.getMessage());
    }

    @Test
    void waitingForALineAfterTheServerClosedFailsAtOnce() throws Exception {
        serverSends("last\n");
        server.close();
        assertEquals("last", client.awaitLine(WAIT));

        TimeoutException e = assertTimeoutPreemptively(WAIT,
                () -> assertThrows(TimeoutException.class, () -> client.awaitLine(Duration.ofMinutes(5))));
        assertTrue(e.getMessage().contains("CLOSED_BY_SERVER") && e.getMessage().contains("[last]"), e.getMessage());
    }

    @Test
    void aServerThatClosesIsClosedByServer() throws Exception {
        server.close();

        assertEquals(Ending.CLOSED_BY_SERVER, client.awaitEnd(WAIT));
        assertEquals(Ending.CLOSED_BY_SERVER, client.ending());
        assertTrue(client.endedNanos() >= client.connectedNanos());
    }

    @Test
    void anUnterminatedLastFragmentIsNotALine() throws Exception {
        serverSends("done\nhalf a li");
        server.close();

        assertEquals(Ending.CLOSED_BY_SERVER, client.awaitEnd(WAIT));
        assertEquals(List.of("done"), client.lines());
    }

    @Test
    void aServerThatResetsIsReset() throws Exception {
        serverSends("before the crash\n");
        client.expectLine("before the crash", WAIT);
        server.setSoLinger(true, 0);
        server.close();

        assertEquals(Ending.RESET, client.awaitEnd(WAIT));
    }

    @Test
    void closingTheClientIsClosedByClientAndTheServerReadsEndOfStream() throws Exception {
        client.close();

        assertEquals(Ending.CLOSED_BY_CLIENT, client.ending());
        assertEquals(-1, server.getInputStream().read());
    }

    @Test
    void abortingTheClientResetsTheConnection() throws Exception {
        client.abort();

        assertEquals(Ending.CLOSED_BY_CLIENT, client.awaitEnd(WAIT));
        assertThrows(SocketException.class, () -> server.getInputStream().read());
    }

    @Test
    void awaitEndTimesOutWhileTheConnectionIsOpen() {
        TimeoutException e = assertThrows(TimeoutException.class, () -> client.awaitEnd(TIMEOUT_UNDER_TEST));
        assertTrue(e.getMessage().contains("still open"), e.getMessage());
    }

    @Test
    void sendAddsANewlineAndSendRawSendsBytesAsTheyAre() throws Exception {
        byte[] raw = {(byte) 0xFF, 'h', 'a', 'l', 'f'};
        client.sendRaw(raw);
        client.send("héllo");
        client.send("");

        byte[] expected = concat(raw, "héllo\n\n".getBytes(UTF_8));
        assertArrayEquals(expected, server.getInputStream().readNBytes(expected.length));
    }

    @Test
    void afterShutdownOutputTheServerReadsEndOfStreamAndTheClientStillReceives() throws Exception {
        client.send("[bye]");
        client.shutdownOutput();

        assertArrayEquals("[bye]\n".getBytes(UTF_8), server.getInputStream().readAllBytes());
        serverSends("Leaving already?\n");
        client.expectLine("Leaving already?", WAIT);
        assertEquals(Ending.OPEN, client.ending());
    }

    @Test
    void theLabelNamesTheClient() {
        assertEquals("ana", client.label());
        assertTrue(client.toString().contains("ana"));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(a);
        all.writeBytes(b);
        return all.toByteArray();
    }
}
