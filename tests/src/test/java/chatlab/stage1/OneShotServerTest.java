package chatlab.stage1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatlab.concurrency.CountingThreadFactory;
import chatlab.driver.ScriptedClient;
import chatlab.driver.ScriptedConsole;
import chatlab.protocol.Limits;
import chatlab.protocol.Protocol;
import chatlab.stage.StageHost;
import chatlab.stage.StageId;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Stage 1, the one-shot server: one test per protocol rule of issue 2, over real loopback sockets,
 * against the reference solution. The rule each test checks is in its display name.
 */
@DisplayName("Stage 1: one-shot server")
class OneShotServerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String OPERATOR = "Harshit";
    private static final String CLIENT = "shree";

    private final ScriptedConsole console = new ScriptedConsole();
    private final List<ScriptedClient> clients = new ArrayList<>();
    private StageHost host;
    private InetSocketAddress address;

    @BeforeEach
    void startStage() throws IOException {
        host = StageHost.start(StageId.ONE_SHOT, new OneShotServer(),
                StageHost.listen(InetAddress.getLoopbackAddress(), 0), console,
                CountingThreadFactory.virtual("stage1"), OPERATOR, Limits.DEFAULT);
        address = host.address();
    }

    @AfterEach
    void stopStage() throws Exception {
        StageHost.Closing closing = host.close(TIMEOUT);
        for (ScriptedClient client : clients) {
            client.close();
        }
        assertTrue(closing.clean(), "the stage left something behind: " + closing);
        assertEquals(Optional.empty(), host.failure(), "serve failed");
    }

    // ---- Rule 1: waiting, one connection -------------------------------------------------------

    @Test
    @DisplayName("rule 1: prints 'Waiting for incoming connections...' before accepting")
    void printsWaiting() throws Exception {
        console.expectPrinted(Protocol.WAITING, TIMEOUT);
        assertEquals(List.of(Protocol.WAITING), console.printed());
    }

    // ---- Rule 2: names ---------------------------------------------------------------------------

    @Test
    @DisplayName("rule 2: the client's first line is its name; the server answers with the operator's name and prints '<client> has connected.'")
    void exchangesNames() throws Exception {
        ScriptedClient client = connect(CLIENT);
        client.send(CLIENT);

        client.expectLine(OPERATOR, TIMEOUT);
        console.expectPrinted(Protocol.hasConnected(CLIENT), TIMEOUT);
        assertEquals(List.of(Protocol.WAITING, Protocol.hasConnected(CLIENT)), console.printed());
    }

    // ---- Rule 3: full duplex -----------------------------------------------------------------------

    @Test
    @DisplayName("rule 3: several client lines in a row reach the console as '<client> > <line>', in order, while the operator is silent")
    void clientSendsSeveralLinesInARow() throws Exception {
        ScriptedClient client = startSession();

        client.send("hii");
        client.send("are you there?");
        client.send("hello?");

        console.expectPrinted(Protocol.clientSaid(CLIENT, "hello?"), TIMEOUT);
        assertEquals(List.of(Protocol.WAITING, Protocol.hasConnected(CLIENT),
                Protocol.clientSaid(CLIENT, "hii"), Protocol.clientSaid(CLIENT, "are you there?"),
                Protocol.clientSaid(CLIENT, "hello?")), console.printed());
    }

    @Test
    @DisplayName("rule 3: several operator lines in a row reach the client as they are, in order, while the client is silent")
    void operatorTypesSeveralLinesInARow() throws Exception {
        ScriptedClient client = startSession();

        console.type("hii");
        console.type("bro send me CN Lab 7 bro");
        console.type("now please");

        client.expectLine("hii", TIMEOUT);
        client.expectLine("bro send me CN Lab 7 bro", TIMEOUT);
        client.expectLine("now please", TIMEOUT);
    }

    @Test
    @DisplayName("rule 3: both directions at once: interleaved bursts from both sides all arrive, each in order")
    void bothDirectionsAtOnce() throws Exception {
        ScriptedClient client = startSession();
        List<String> expectedOnConsole = new ArrayList<>(List.of(Protocol.WAITING, Protocol.hasConnected(CLIENT)));

        for (int i = 1; i <= 20; i++) {
            console.type("operator " + i);
            client.send("client " + i);
            client.send("client " + i + " again");
            expectedOnConsole.add(Protocol.clientSaid(CLIENT, "client " + i));
            expectedOnConsole.add(Protocol.clientSaid(CLIENT, "client " + i + " again"));
        }

        for (int i = 1; i <= 20; i++) {
            client.expectLine("operator " + i, TIMEOUT);
        }
        console.expectPrinted(expectedOnConsole.getLast(), TIMEOUT);
        assertEquals(expectedOnConsole, console.printed());
    }

    // ---- Rule 4: leaving -------------------------------------------------------------------------

    @Test
    @DisplayName("rule 4: the operator's [bye] sends 'Bye, leaving the chat room!', then the server closes the connection")
    void operatorByeSendsFarewellAndCloses() throws Exception {
        ScriptedClient client = startSession();
        console.type("see you");
        console.type(Protocol.BYE);

        client.expectLine("see you", TIMEOUT);
        client.expectLine(Protocol.SERVER_FAREWELL, TIMEOUT);
        assertEquals(ScriptedClient.Ending.CLOSED_BY_SERVER, client.awaitEnd(TIMEOUT));
        assertEquals(List.of(OPERATOR, "see you", Protocol.SERVER_FAREWELL), client.lines(),
                "[bye] itself is never sent");
    }

    @Test
    @DisplayName("rule 4: the client's farewell and close end the session")
    void clientFarewellEndsSession() throws Exception {
        ScriptedClient client = startSession();

        client.send(Protocol.CLIENT_FAREWELL);
        client.close();

        console.expectPrinted(Protocol.clientSaid(CLIENT, Protocol.CLIENT_FAREWELL), TIMEOUT);
        assertTrue(host.awaitReturn(TIMEOUT), "the stage should return once the client has left");
    }

    @Test
    @DisplayName("rule 4: a client that resets the connection ends the session (not with an error)")
    void clientResetEndsSession() throws Exception {
        ScriptedClient client = startSession();

        client.abort();

        assertTrue(host.awaitReturn(TIMEOUT), "the stage should return once the client is gone");
        // stopStage checks that serve did not fail
    }

    @Test
    @DisplayName("rule 4: a client that closes before sending its name ends the session, unanswered")
    void clientClosingBeforeItsNameEndsSession() throws Exception {
        ScriptedClient client = connect("nameless");

        client.close();

        assertTrue(host.awaitReturn(TIMEOUT), "the stage should return once the client is gone");
        assertEquals(List.of(Protocol.WAITING), console.printed(), "nobody has connected");
    }

    // ---- Rule 5: then the stage returns, and never accepts again -----------------------------------

    @Test
    @DisplayName("rule 5: after its one session the stage returns and closes the listening socket: a new client is refused")
    void returnsAfterOneSessionAndRefusesNewClients() throws Exception {
        ScriptedClient client = startSession();
        console.type(Protocol.BYE);
        client.awaitEnd(TIMEOUT);

        assertTrue(host.awaitReturn(TIMEOUT), "the stage should return after its session");
        assertThrows(IOException.class, () -> connect("latecomer"));
    }

    @Test
    @DisplayName("rules 1 and 5: a client that connects during the session lands in the backlog, is never answered, and is closed or reset when the stage returns")
    void backloggedClientIsNeverAnswered() throws Exception {
        ScriptedClient first = startSession();
        ScriptedClient second = connect("second"); // succeeds: the listening socket is still open
        second.send("second");
        // The session goes on as if nobody were waiting.
        first.send("still here");
        console.expectPrinted(Protocol.clientSaid(CLIENT, "still here"), TIMEOUT);

        console.type(Protocol.BYE);
        first.expectLine(Protocol.SERVER_FAREWELL, TIMEOUT);
        assertTrue(host.awaitReturn(TIMEOUT), "the stage should return after its session");

        assertNotEquals(ScriptedClient.Ending.OPEN, second.awaitEnd(TIMEOUT));
        // Its connection has ended without a single line: it was never answered, at any time. (So no
        // quiet window is needed here, unlike stage 2, where a waiting client is served later.)
        assertEquals(List.of(), second.lines());
        assertEquals(List.of(Protocol.WAITING, Protocol.hasConnected(CLIENT),
                Protocol.clientSaid(CLIENT, "still here")), console.printed(), "only one client ever connected");
    }

    // ---- Rule 6: console lines with no client go to nobody ---------------------------------------

    @Test
    @DisplayName("rule 6: console lines typed before a client's name is answered go to nobody, and a [bye] typed then is ignored")
    void consoleLinesBeforeTheSessionGoToNobody() throws Exception {
        console.expectPrinted(Protocol.WAITING, TIMEOUT);
        console.type("anyone there?");
        console.type(Protocol.BYE);
        ScriptedClient client = connect(CLIENT);
        console.type("still nobody"); // connected, but its name not answered yet
        console.type(Protocol.BYE);

        client.send(CLIENT);
        client.expectLine(OPERATOR, TIMEOUT);
        console.type("hii");

        client.expectLine("hii", TIMEOUT); // the first operator line it gets is the first typed for it
        client.send("hello"); // the session is still on: the early [bye]s ended nothing
        console.expectPrinted(Protocol.clientSaid(CLIENT, "hello"), TIMEOUT);
        assertEquals(List.of(OPERATOR, "hii"), client.lines());
        assertEquals(ScriptedClient.Ending.OPEN, client.ending());
    }

    // ---- The stage contract: closing ---------------------------------------------------------------

    @Test
    @DisplayName("contract: closing the stage while it waits for a client ends serve and every thread")
    void closesWhileWaiting() throws Exception {
        console.expectPrinted(Protocol.WAITING, TIMEOUT);

        StageHost.Closing closing = host.close(TIMEOUT);

        assertTrue(closing.clean(), "closing left something behind: " + closing);
    }

    @Test
    @DisplayName("contract: closing the stage during a session ends the session, serve and every thread")
    void closesDuringSession() throws Exception {
        ScriptedClient client = startSession();

        StageHost.Closing closing = host.close(TIMEOUT);

        assertTrue(closing.clean(), "closing left something behind: " + closing);
        assertNotEquals(ScriptedClient.Ending.OPEN, client.awaitEnd(TIMEOUT));
    }

    // ---- Helpers ------------------------------------------------------------------------------------

    private ScriptedClient connect(String label) throws IOException {
        ScriptedClient client = ScriptedClient.connect(label, address);
        clients.add(client);
        return client;
    }

    /** Connects as {@link #CLIENT} and waits until the names are exchanged. */
    private ScriptedClient startSession() throws IOException, InterruptedException, TimeoutException {
        ScriptedClient client = connect(CLIENT);
        client.send(CLIENT);
        client.expectLine(OPERATOR, TIMEOUT);
        console.expectPrinted(Protocol.hasConnected(CLIENT), TIMEOUT);
        return client;
    }
}
