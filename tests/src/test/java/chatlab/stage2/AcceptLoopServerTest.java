package chatlab.stage2;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.nio.charset.StandardCharsets;
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
 * Stage 2, the accept loop: one test per protocol rule of issue 2, over real loopback sockets,
 * against the reference solution. The rule each test checks is in its display name.
 */
@DisplayName("Stage 2: accept loop")
class AcceptLoopServerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /**
     * Nothing can prove that a client parked in the listen backlog will never be answered: this is
     * how long we watch it get nothing. Long enough for a server that wrongly serves it at once (a
     * thread per client) to have answered on loopback many times over; short enough to keep the
     * suite quick. Used for that one purpose only.
     */
    private static final Duration BACKLOG_QUIET_WINDOW = Duration.ofMillis(300);
    private static final Duration POLL = Duration.ofMillis(10);
    private static final String OPERATOR = "Harshit";

    private final ScriptedConsole console = new ScriptedConsole();
    private final List<ScriptedClient> clients = new ArrayList<>();
    private StageHost host;
    private InetSocketAddress address;

    @BeforeEach
    void startStage() throws IOException {
        host = StageHost.start(StageId.ACCEPT_LOOP, new AcceptLoopServer(),
                StageHost.listen(InetAddress.getLoopbackAddress(), 0), console,
                CountingThreadFactory.virtual("stage2"), OPERATOR, Limits.DEFAULT);
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

    // ---- Sessions as in stage 1 ----------------------------------------------------------------------

    @Test
    @DisplayName("as stage 1: waiting line, names both ways, '<client> has connected.'")
    void exchangesNames() throws Exception {
        console.expectPrinted(Protocol.WAITING, TIMEOUT);
        ScriptedClient client = connect("ana");
        client.send("ana");

        client.expectLine(OPERATOR, TIMEOUT);
        console.expectPrinted(Protocol.hasConnected("ana"), TIMEOUT);
        assertEquals(List.of(Protocol.WAITING, Protocol.hasConnected("ana")), console.printed());
    }

    @Test
    @DisplayName("as stage 1: full duplex, several lines in a row from each side, interleaved, all in order")
    void fullDuplex() throws Exception {
        ScriptedClient client = startSession("ana");
        List<String> expectedOnConsole = new ArrayList<>(List.of(Protocol.WAITING, Protocol.hasConnected("ana")));

        for (int i = 1; i <= 20; i++) {
            console.type("operator " + i);
            console.type("operator " + i + " again");
            client.send("client " + i);
            expectedOnConsole.add(Protocol.clientSaid("ana", "client " + i));
        }

        for (int i = 1; i <= 20; i++) {
            client.expectLine("operator " + i, TIMEOUT);
            client.expectLine("operator " + i + " again", TIMEOUT);
        }
        console.expectPrinted(expectedOnConsole.getLast(), TIMEOUT);
        assertEquals(expectedOnConsole, console.printed());
    }

    @Test
    @DisplayName("as stage 1: the operator's [bye] sends the farewell and closes; the server then waits for the next client")
    void operatorByeEndsSessionAndServerWaitsAgain() throws Exception {
        ScriptedClient client = startSession("ana");

        console.type(Protocol.BYE);

        client.expectLine(Protocol.SERVER_FAREWELL, TIMEOUT);
        assertEquals(ScriptedClient.Ending.CLOSED_BY_SERVER, client.awaitEnd(TIMEOUT));
        awaitWaitingPrinted(2);
        assertFalse(host.hasReturned(), "stage 2 runs until closed");
    }

    @Test
    @DisplayName("as stage 1: the client's farewell and close end the session; the server prints the waiting line again")
    void clientFarewellEndsSessionAndServerWaitsAgain() throws Exception {
        ScriptedClient client = startSession("ana");

        client.send(Protocol.CLIENT_FAREWELL);
        client.close();

        console.expectPrinted(Protocol.clientSaid("ana", Protocol.CLIENT_FAREWELL), TIMEOUT);
        console.expectPrinted(Protocol.WAITING, TIMEOUT);
        assertFalse(host.hasReturned(), "stage 2 runs until closed");
    }

    @Test
    @DisplayName("as stage 1: a client that closes before its name, or resets, ends its session only; the next client is served")
    void brokenClientsEndOnlyTheirSession() throws Exception {
        connect("nameless").close();
        awaitWaitingPrinted(2);
        ScriptedClient crasher = startSession("crasher");
        crasher.abort();
        awaitWaitingPrinted(3);

        ScriptedClient client = startSession("ana");
        client.send("hello");
        console.expectPrinted(Protocol.clientSaid("ana", "hello"), TIMEOUT);
    }

    // ---- One at a time, in arrival order ---------------------------------------------------------------

    @Test
    @DisplayName("clients arriving together are served one at a time in arrival order; a waiting client is answered only after the previous session ended")
    void servesWaitingClientsOneAtATimeInArrivalOrder() throws Exception {
        List<String> names = List.of("ana", "bob", "cyd", "dee");
        List<ScriptedClient> arrivals = new ArrayList<>();
        for (String name : names) { // each connect() returns before the next starts: a known arrival order
            ScriptedClient client = connect(name);
            client.send(name);
            arrivals.add(client);
        }
        arrivals.getFirst().expectLine(OPERATOR, TIMEOUT);
        assertNobodyAnswered(arrivals.subList(1, arrivals.size()));

        for (int turn = 0; turn < arrivals.size(); turn++) {
            ScriptedClient current = arrivals.get(turn); // already answered
            console.expectPrinted(Protocol.hasConnected(names.get(turn)), TIMEOUT);
            current.send("hi, I am " + names.get(turn));
            console.expectPrinted(Protocol.clientSaid(names.get(turn), "hi, I am " + names.get(turn)), TIMEOUT);

            for (ScriptedClient later : arrivals.subList(turn + 1, arrivals.size())) { // while this session runs
                assertEquals(List.of(), later.lines(), later.label() + " was answered before its turn");
            }
            long sessionEnded = System.nanoTime();
            current.close();
            if (turn + 1 < arrivals.size()) {
                ScriptedClient next = arrivals.get(turn + 1);
                next.expectLine(OPERATOR, TIMEOUT);
                assertTrue(next.received().getFirst().nanos() > sessionEnded,
                        next.label() + " was answered before the previous session ended");
            }
        }
        List<String> connected = console.printed().stream().filter(line -> line.endsWith(" has connected.")).toList();
        assertEquals(names.stream().map(Protocol::hasConnected).toList(), connected);
    }

    @Test
    @DisplayName("a client waiting in the backlog gets nothing while another session runs")
    void waitingClientGetsNothingDuringAnotherSession() throws Exception {
        ScriptedClient first = startSession("ana");
        ScriptedClient waiting = connect("bob");
        waiting.send("bob");

        console.type("for ana only");
        first.expectLine("for ana only", TIMEOUT);
        assertNobodyAnswered(List.of(waiting));

        console.type(Protocol.BYE);
        first.expectLine(Protocol.SERVER_FAREWELL, TIMEOUT);
        waiting.expectLine(OPERATOR, TIMEOUT);
        assertEquals(List.of(OPERATOR), waiting.lines(), "nothing of the previous session reaches it");
    }

    @Test
    @DisplayName("still accepts after several sessions, printing the waiting line before each")
    void keepsAcceptingSessionAfterSession() throws Exception {
        for (int session = 1; session <= 6; session++) {
            String name = "client" + session;
            ScriptedClient client = startSession(name);
            console.type("hello " + name);
            client.expectLine("hello " + name, TIMEOUT);
            client.send("bye from " + name);
            console.expectPrinted(Protocol.clientSaid(name, "bye from " + name), TIMEOUT);
            switch (session % 3) { // every way a session can end
                case 0 -> console.type(Protocol.BYE);
                case 1 -> client.close();
                default -> client.abort();
            }
            awaitWaitingPrinted(session + 1);
        }
        assertFalse(host.hasReturned(), "stage 2 runs until closed");
    }

    // ---- The console between sessions (rule 6 of stage 1) ------------------------------------------

    @Test
    @DisplayName("the next session receives the operator's first line typed for it: the last session's console reader is gone")
    void nextSessionGetsItsFirstOperatorLine() throws Exception {
        ScriptedClient first = startSession("ana");
        first.close(); // the session ends from the client's side, while its console relay waits for a line
        awaitWaitingPrinted(2);

        ScriptedClient second = startSession("bob");
        console.type("first line for bob");
        console.type("second line for bob");

        second.expectLine("first line for bob", TIMEOUT);
        second.expectLine("second line for bob", TIMEOUT);
    }

    @Test
    @DisplayName("rule 6 between sessions: console lines typed while nobody is connected go to nobody, and a [bye] then is ignored")
    void consoleLinesBetweenSessionsGoToNobody() throws Exception {
        ScriptedClient first = startSession("ana");
        console.type(Protocol.BYE);
        first.awaitEnd(TIMEOUT);
        awaitWaitingPrinted(2);

        console.type("anyone?");
        console.type(Protocol.BYE);
        ScriptedClient second = startSession("bob");
        console.type("hi bob");

        second.expectLine("hi bob", TIMEOUT);
        second.send("hi");
        console.expectPrinted(Protocol.clientSaid("bob", "hi"), TIMEOUT);
        assertEquals(List.of(OPERATOR, "hi bob"), second.lines());
        assertEquals(ScriptedClient.Ending.OPEN, second.ending());
    }

    // ---- The stage contract: runs until closed ------------------------------------------------------

    @Test
    @DisplayName("contract: closing the stage while it waits for a client ends serve and every thread")
    void closesWhileIdle() throws Exception {
        ScriptedClient client = startSession("ana");
        client.close();
        awaitWaitingPrinted(2);

        StageHost.Closing closing = host.close(TIMEOUT);

        assertTrue(closing.clean(), "closing left something behind: " + closing);
    }

    @Test
    @DisplayName("contract: closing the stage during a session, with a client waiting, ends both connections, serve and every thread")
    void closesDuringSession() throws Exception {
        ScriptedClient client = startSession("ana");
        ScriptedClient waiting = connect("bob");
        waiting.send("bob");

        StageHost.Closing closing = host.close(TIMEOUT);

        assertTrue(closing.clean(), "closing left something behind: " + closing);
        assertNotEquals(ScriptedClient.Ending.OPEN, client.awaitEnd(TIMEOUT));
        assertNotEquals(ScriptedClient.Ending.OPEN, waiting.awaitEnd(TIMEOUT));
        assertEquals(List.of(), waiting.lines());
    }

    @Test
    @DisplayName("contract: closing the stage while a client is connected but has not finished its name ends serve and every thread")
    void closesBeforeTheName() throws Exception {
        console.expectPrinted(Protocol.WAITING, TIMEOUT);
        ScriptedClient client = connect("slow");
        client.sendRaw("sl".getBytes(StandardCharsets.UTF_8)); // half a name: no newline yet

        StageHost.Closing closing = host.close(TIMEOUT);

        assertTrue(closing.clean(), "closing left something behind: " + closing);
        assertNotEquals(ScriptedClient.Ending.OPEN, client.awaitEnd(TIMEOUT));
    }

    // ---- Helpers ---------------------------------------------------------------------------------------

    private ScriptedClient connect(String label) throws IOException {
        ScriptedClient client = ScriptedClient.connect(label, address);
        clients.add(client);
        return client;
    }

    /** Connects as {@code name} and waits until the names are exchanged. */
    private ScriptedClient startSession(String name) throws IOException, InterruptedException, TimeoutException {
        ScriptedClient client = connect(name);
        client.send(name);
        client.expectLine(OPERATOR, TIMEOUT);
        console.expectPrinted(Protocol.hasConnected(name), TIMEOUT);
        return client;
    }

    /** Waits until the waiting line has been printed {@code times} times in all. */
    private void awaitWaitingPrinted(int times) {
        await("waiting line printed " + times + " times").atMost(TIMEOUT).pollDelay(Duration.ZERO).pollInterval(POLL)
                .until(() -> console.printed().stream().filter(Protocol.WAITING::equals).count() >= times);
        assertEquals(times, console.printed().stream().filter(Protocol.WAITING::equals).count());
    }

    /** Watches clients parked in the backlog for {@link #BACKLOG_QUIET_WINDOW}: none may get a line. */
    private void assertNobodyAnswered(List<ScriptedClient> waiting) {
        await("clients in the backlog stay unanswered").pollInterval(POLL).during(BACKLOG_QUIET_WINDOW)
                .atMost(BACKLOG_QUIET_WINDOW.plus(TIMEOUT))
                .until(() -> waiting.stream().allMatch(client -> client.lines().isEmpty()
                        && client.ending() == ScriptedClient.Ending.OPEN));
    }
}
