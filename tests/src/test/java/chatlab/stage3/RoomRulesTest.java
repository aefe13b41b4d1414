package chatlab.stage3;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatlab.concurrency.CountingThreadFactory;
import chatlab.driver.ScriptedClient;
import chatlab.driver.ScriptedConsole;
import chatlab.protocol.Limits;
import chatlab.protocol.Protocol;
import chatlab.stage.ChatStage;
import chatlab.stage.StageHost;
import chatlab.stage.StageId;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The broadcast room's rules (issue 2, stage 3, rules 1 to 5), over real loopback sockets. Stage 4
 * keeps all of them, so both stages' tests extend this class: each adds the rules of its own.
 *
 * <p>No test sleeps. To show that nothing more arrived, a test sends a marker and waits for it:
 * lines of one sender arrive in order, so everything the server sent before the marker is there.
 */
public abstract class RoomRulesTest {
    protected static final Duration TIMEOUT = Duration.ofSeconds(5);

    protected final ScriptedConsole console = new ScriptedConsole();
    private final List<StageHost> hosts = new ArrayList<>();
    private final List<AutoCloseable> closeAfterwards = new ArrayList<>();
    /** The stage under test, started before each test with virtual threads and {@link #limits()}. */
    protected StageHost host;

    /** The stage these rules are checked on. */
    protected abstract StageId stage();

    /** A new server of that stage. */
    protected abstract ChatStage newServer();

    /** The limits of the host started before each test. */
    protected Limits limits() {
        return Limits.DEFAULT;
    }

    @BeforeEach
    void startStage() throws IOException {
        host = startStage(CountingThreadFactory.virtual(stage().folderName()), limits());
    }

    /** Starts another server of the stage; it is closed, and checked, after the test. */
    protected StageHost startStage(CountingThreadFactory threads, Limits limits) throws IOException {
        StageHost started = StageHost.start(stage(), newServer(),
                StageHost.listen(InetAddress.getLoopbackAddress(), 0), console, threads,
                Protocol.DEFAULT_OPERATOR_NAME, limits);
        hosts.add(started);
        return started;
    }

    @AfterEach
    void stopStages() throws Exception {
        List<String> problems = new ArrayList<>();
        for (StageHost started : hosts) {
            StageHost.Closing closing = started.close(TIMEOUT);
            if (!closing.clean()) {
                problems.add("the stage left something behind: " + closing);
            }
            started.failure().ifPresent(failure -> problems.add("serve failed: " + failure));
        }
        for (AutoCloseable resource : closeAfterwards) {
            resource.close();
        }
        assertEquals(List.of(), problems);
    }

    // ---- Helpers -----------------------------------------------------------------------------------

    /** Connects a client to the stage under test (closed after the test). */
    protected ScriptedClient connect(String label) throws IOException {
        return connect(label, host);
    }

    protected ScriptedClient connect(String label, StageHost to) throws IOException {
        ScriptedClient client = ScriptedClient.connect(label, to.address());
        closeAfterwards.add(client);
        return client;
    }

    /** Something else to close after the test, after the stages. */
    protected <T extends AutoCloseable> T closeAfterwards(T resource) {
        closeAfterwards.add(resource);
        return resource;
    }

    /**
     * Joins the room as {@code nick}: checks the newcomer's handshake, and that each of the
     * {@code members} present hears of it.
     */
    protected ScriptedClient join(String nick, ScriptedClient... members) throws Exception {
        return join(host, nick, members);
    }

    protected ScriptedClient join(StageHost to, String nick, ScriptedClient... members) throws Exception {
        ScriptedClient client = connect(nick, to);
        client.expectLine(Protocol.NICK, TIMEOUT);
        client.send(nick);
        client.expectLine(Protocol.joined(nick), TIMEOUT);
        client.expectLine(Protocol.CONNECTED, TIMEOUT);
        for (ScriptedClient member : members) {
            member.expectLine(Protocol.joined(nick), TIMEOUT);
        }
        return client;
    }

    /**
     * Proves that {@code client} has nothing unread: {@code speaker} sends a marker, and the next
     * line {@code client} gets must be that marker.
     */
    protected static void expectNothingBefore(ScriptedClient client, ScriptedClient speaker, String speakerNick,
                                              String marker) throws Exception {
        speaker.send(marker);
        client.expectLine(Protocol.message(speakerNick, marker), TIMEOUT);
    }

    protected static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** What {@code client} has received after the first line equal to {@code line}. */
    protected static List<String> linesAfter(ScriptedClient client, String line) {
        List<String> lines = client.lines();
        int at = lines.indexOf(line);
        assertNotEquals(-1, at, () -> client.label() + " never got '" + line + "': " + lines);
        return lines.subList(at + 1, lines.size());
    }

    // ---- Rule 1: the handshake -------------------------------------------------------------------

    @Test
    @DisplayName("rule 1: the server's first line to a new connection is NICK")
    void sendsNickFirst() throws Exception {
        ScriptedClient client = connect("newcomer");

        client.expectLine(Protocol.NICK, TIMEOUT);
    }

    @Test
    @DisplayName("rule 1: a client that closes or resets before sending a nickname leaves no trace in the room")
    void closingBeforeNicknameLeavesNoTrace() throws Exception {
        ScriptedClient ana = join("ana");
        ScriptedClient quitter = connect("quitter");
        quitter.expectLine(Protocol.NICK, TIMEOUT);
        quitter.shutdownOutput();
        // The server closing its side proves it has handled the end of the stream.
        assertEquals(ScriptedClient.Ending.CLOSED_BY_SERVER, quitter.awaitEnd(TIMEOUT));
        ScriptedClient crasher = connect("crasher");
        crasher.expectLine(Protocol.NICK, TIMEOUT);
        crasher.abort();
        ScriptedClient ben = join("ben", ana); // the room goes on

        expectNothingBefore(ana, ben, "ben", "anyone else here?");
        assertEquals(List.of(Protocol.NICK, Protocol.joined("ana"), Protocol.CONNECTED, Protocol.joined("ben"),
                Protocol.message("ben", "anyone else here?")), ana.lines());
        assertTrue(console.printed().stream().noneMatch(line -> line.startsWith("Nickname is ")
                        && !line.equals(Protocol.nicknameIs("ana")) && !line.equals(Protocol.nicknameIs("ben"))),
                () -> "only members have a nickname: " + console.printed());
    }

    // ---- Rule 2: joining -------------------------------------------------------------------------

    @Test
    @DisplayName("rule 2: the newcomer gets its own joined! and then Connected to server!, nothing between")
    void newcomerGetsJoinedThenConnected() throws Exception {
        ScriptedClient ana = connect("ana");

        ana.expectLine(Protocol.NICK, TIMEOUT);
        ana.send("ana");
        ana.expectLine(Protocol.joined("ana"), TIMEOUT);
        ana.expectLine(Protocol.CONNECTED, TIMEOUT);
    }

    @Test
    @DisplayName("rule 2: every member present gets <nick> joined!; the newcomer hears nothing of earlier events")
    void membersHearOfTheNewcomer() throws Exception {
        ScriptedClient ana = join("ana");
        ScriptedClient ben = join("ben", ana);
        ScriptedClient cho = join("cho", ana, ben);

        expectNothingBefore(cho, cho, "cho", "hello");
        assertEquals(List.of(Protocol.NICK, Protocol.joined("cho"), Protocol.CONNECTED,
                Protocol.message("cho", "hello")), cho.lines());
        ana.expectLine(Protocol.message("cho", "hello"), TIMEOUT);
        ben.expectLine(Protocol.message("cho", "hello"), TIMEOUT);
    }

    @Test
    @DisplayName("rule 2: nothing comes between a newcomer's joined! and its welcome, even while a member floods the room")
    void welcomeFollowsJoinedInABusyRoom() throws Exception {
        List<ScriptedClient> flooders = List.of(join("flood1"), join("flood2"), join("flood3"));
        CountDownLatch stop = new CountDownLatch(1);
        List<Thread> floods = new ArrayList<>();
        for (ScriptedClient flooder : flooders) {
            floods.add(Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; stop.getCount() > 0; i++) {
                        flooder.send("flood " + i);
                        if (i % 32 == 31) { // wait for an echo now and then: the flood stays bounded
                            String echo = Protocol.message(flooder.label(), "flood " + (i - 16));
                            await().atMost(TIMEOUT).until(() -> flooder.lines().contains(echo));
                        }
                    }
                } catch (Exception e) {
                    // The test is over, or failing on its own terms.
                }
            }));
        }
        try {
            for (int i = 0; i < 30; i++) {
                ScriptedClient newcomer = connect("newcomer" + i);
                newcomer.expectLine(Protocol.NICK, TIMEOUT);
                newcomer.send("newcomer" + i);
                newcomer.expectLine(Protocol.joined("newcomer" + i), TIMEOUT);
                newcomer.expectLine(Protocol.CONNECTED, TIMEOUT);
                newcomer.close();
            }
        } finally {
            stop.countDown();
            for (Thread flood : floods) {
                flood.join(TIMEOUT);
            }
        }
    }

    @Test
    @DisplayName("rule 2: the console logs 'Connected with <address>' and 'Nickname is <nick>'")
    void consoleLogsAddressAndNickname() throws Exception {
        join("ana");

        await().atMost(TIMEOUT).until(() -> console.printed().contains(Protocol.nicknameIs("ana")));
        List<String> printed = console.printed();
        assertTrue(printed.stream().anyMatch(line -> line.startsWith("Connected with ") && line.contains("127.0.0.1")),
                () -> "no 'Connected with <address>' line: " + printed);
    }

    // ---- Rule 3: messages ------------------------------------------------------------------------

    @Test
    @DisplayName("rule 3: a line goes to every member, the sender included, as '<nick>: <text>'")
    void messagesGoToEveryoneWithTheSendersPrefix() throws Exception {
        ScriptedClient ana = join("ana");
        ScriptedClient ben = join("ben", ana);
        ScriptedClient cho = join("cho", ana, ben);

        ben.send("hello, room");

        for (ScriptedClient member : List.of(ana, ben, cho)) {
            member.expectLine(Protocol.message("ben", "hello, room"), TIMEOUT);
        }
    }

    @Test
    @DisplayName("rule 3: the server adds the prefix: a client that writes 'ben: hi' still speaks as itself")
    void nobodySpeaksUnderAnotherName() throws Exception {
        ScriptedClient ana = join("ana");
        ScriptedClient ben = join("ben", ana);

        ana.send(Protocol.message("ben", "I owe ana 100 euros"));

        ben.expectLine("ana: ben: I owe ana 100 euros", TIMEOUT);
        ana.expectLine("ana: ben: I owe ana 100 euros", TIMEOUT);
    }

    @Test
    @DisplayName("rule 3: empty lines are ignored")
    void emptyLinesAreIgnored() throws Exception {
        ScriptedClient ana = join("ana");
        ScriptedClient ben = join("ben", ana);

        ana.send("");
        ana.sendRaw(utf8("\r\n\n"));
        ana.send("after the empty lines");

        ben.expectLine(Protocol.message("ana", "after the empty lines"), TIMEOUT);
        ana.expectLine(Protocol.message("ana", "after the empty lines"), TIMEOUT);
    }

    @Test
    @DisplayName("rule 3: lines end at \\n, a \\r before it is dropped (telnet), and a line may arrive in pieces")
    void lineFraming() throws Exception {
        ScriptedClient ana = join("ana");
        ScriptedClient ben = join("ben", ana);

        ana.sendRaw(utf8("from tel"));
        ana.sendRaw(utf8("net\r\nsecond line\nthi"));
        ana.sendRaw(utf8("rd\n"));

        for (String text : List.of("from telnet", "second line", "third")) {
            ben.expectLine(Protocol.message("ana", text), TIMEOUT);
        }
    }

    @Test
    @DisplayName("rule 5: lines of one sender arrive in the order sent, to every member")
    void linesOfOneSenderArriveInOrder() throws Exception {
        ScriptedClient ana = join("ana");
        ScriptedClient ben = join("ben", ana);

        for (int i = 0; i < 500; i++) {
            ana.send("line " + i);
        }

        for (int i = 0; i < 500; i++) {
            ben.expectLine(Protocol.message("ana", "line " + i), TIMEOUT);
            ana.expectLine(Protocol.message("ana", "line " + i), TIMEOUT);
        }
    }

    // ---- Rule 4: leaving -------------------------------------------------------------------------

    @Test
    @DisplayName("rule 4: [bye] is not broadcast; the server closes the connection and the others get <nick> left!")
    void byeLeaves() throws Exception {
        ScriptedClient ana = join("ana");
        ScriptedClient ben = join("ben", ana);

        ana.send(Protocol.BYE);

        assertEquals(ScriptedClient.Ending.CLOSED_BY_SERVER, ana.awaitEnd(TIMEOUT));
        ben.expectLine(Protocol.left("ana"), TIMEOUT);
        expectNothingBefore(ben, ben, "ben", "alone now");
        assertEquals(List.of(Protocol.NICK, Protocol.joined("ana"), Protocol.CONNECTED, Protocol.joined("ben")),
                ana.lines(), "the leaver gets neither its [bye] back nor its own left!");
    }

    @Test
    @DisplayName("rule 4: closing the connection is leaving: the others get <nick> left!")
    void endOfStreamLeaves() throws Exception {
        ScriptedClient ana = join("ana");
        ScriptedClient ben = join("ben", ana);

        ana.shutdownOutput();

        ben.expectLine(Protocol.left("ana"), TIMEOUT);
        assertEquals(ScriptedClient.Ending.CLOSED_BY_SERVER, ana.awaitEnd(TIMEOUT));
        expectNothingBefore(ben, ben, "ben", "alone now");
    }

    @Test
    @DisplayName("rule 4: a connection reset is leaving: the others get <nick> left! and the room goes on")
    void resetLeaves() throws Exception {
        ScriptedClient ana = join("ana");
        ScriptedClient ben = join("ben", ana);
        ScriptedClient cho = join("cho", ana, ben);

        ana.abort();

        ben.expectLine(Protocol.left("ana"), TIMEOUT);
        cho.expectLine(Protocol.left("ana"), TIMEOUT);
        ScriptedClient dan = join("dan", ben, cho);
        cho.send("welcome, dan");
        for (ScriptedClient member : List.of(ben, cho, dan)) {
            member.expectLine(Protocol.message("cho", "welcome, dan"), TIMEOUT);
        }
    }

    @Test
    @DisplayName("rule 4: the member that leaves is the one removed; the others stay (seed 001 removed by index)")
    void theMemberThatLeavesIsTheOneRemoved() throws Exception {
        ScriptedClient ana = join("ana");
        ScriptedClient ben = join("ben", ana);
        ScriptedClient cho = join("cho", ana, ben);

        ben.send(Protocol.BYE);
        ana.expectLine(Protocol.left("ben"), TIMEOUT);
        cho.expectLine(Protocol.left("ben"), TIMEOUT);

        // cho, joined after ben, is still a member: removing by position would have dropped the wrong one.
        cho.send("still here");
        ana.expectLine(Protocol.message("cho", "still here"), TIMEOUT);
        ana.send("me too");
        cho.expectLine(Protocol.message("cho", "still here"), TIMEOUT);
        cho.expectLine(Protocol.message("ana", "me too"), TIMEOUT);
    }

    // ---- Rule 5: guarantees ----------------------------------------------------------------------

    private static final int SENDERS_MESSAGES = 200;

    @Test
    @DisplayName("rule 5: members speaking at once, one leaving and one joining meanwhile: every member sees the same events in the same order, each once")
    void everyMemberSeesTheSameOrder() throws Exception {
        ScriptedClient ana = join("ana");
        ScriptedClient ben = join("ben", ana);
        ScriptedClient cho = join("cho", ana, ben);
        ScriptedClient eve = join("eve", ana, ben, cho);
        List<ScriptedClient> senders = List.of(ana, ben, cho);

        CountDownLatch halfway = new CountDownLatch(senders.size());
        CountDownLatch goOn = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        for (ScriptedClient sender : senders) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < SENDERS_MESSAGES; i++) {
                        if (i == SENDERS_MESSAGES / 2) {
                            halfway.countDown();
                            goOn.await();
                        }
                        sender.send(sender.label() + " " + i);
                    }
                    sender.send("done");
                } catch (IOException | InterruptedException e) {
                    failures.add(e);
                }
            }));
        }
        assertTrue(halfway.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "senders got stuck");
        eve.send(Protocol.BYE); // leaves while half the messages are still on their way
        ScriptedClient dan = join("dan"); // and joins while they are
        goOn.countDown();
        for (Thread thread : threads) {
            thread.join(TIMEOUT);
        }
        assertEquals(List.of(), failures);

        List<ScriptedClient> members = List.of(ana, ben, cho, dan);
        for (ScriptedClient member : members) {
            awaitDoneFromEverySender(member, senders);
        }
        // From eve's joined!, the last event all of ana, ben and cho saw before the flood:
        List<String> seenByAna = linesAfter(ana, Protocol.joined("eve"));
        assertEquals(seenByAna, linesAfter(ben, Protocol.joined("eve")), "ben saw another order than ana");
        assertEquals(seenByAna, linesAfter(cho, Protocol.joined("eve")), "cho saw another order than ana");
        assertEquals(1, Collections.frequency(seenByAna, Protocol.left("eve")), seenByAna::toString);
        assertEquals(1, Collections.frequency(seenByAna, Protocol.joined("dan")), seenByAna::toString);
        for (ScriptedClient sender : senders) {
            List<String> own = seenByAna.stream().filter(line -> line.startsWith(sender.label() + ": ")).toList();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < SENDERS_MESSAGES; i++) {
                expected.add(Protocol.message(sender.label(), sender.label() + " " + i));
            }
            expected.add(Protocol.message(sender.label(), "done"));
            assertEquals(expected, own, "each line of " + sender.label() + " once, in the order sent");
        }
        // dan receives every event from its own joined! on, exactly once: what ana saw after it.
        assertEquals(linesAfter(ana, Protocol.joined("dan")), linesAfter(dan, Protocol.CONNECTED),
                "dan's view is the room's from its joined! on");
    }

    private static void awaitDoneFromEverySender(ScriptedClient member, List<ScriptedClient> senders) {
        List<String> markers = senders.stream().map(s -> Protocol.message(s.label(), "done")).toList();
        await().atMost(TIMEOUT).until(() -> member.lines().containsAll(markers));
    }
}
