package chatlab.stage4;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatlab.concurrency.CountingThreadFactory;
import chatlab.driver.ScriptedClient;
import chatlab.protocol.LineReader;
import chatlab.protocol.Limits;
import chatlab.protocol.Protocol;
import chatlab.stage.ChatStage;
import chatlab.stage.StageHost;
import chatlab.stage.StageId;
import chatlab.stage3.RoomRulesTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Stage 4, the hardened room: all of stage 3's rules (inherited from {@link RoomRulesTest}), then
 * the hardening rules of issue 2, one test or more each, against the reference solution.
 */
@DisplayName("Stage 4: hardened room")
class HardenedRoomServerTest extends RoomRulesTest {
    /** Short, so that the nickname-timeout tests take a fraction of a second rather than 30. */
    private static final Duration SHORT_NICKNAME_TIMEOUT = Duration.ofMillis(300);
    /** A line of text that, with a "talker: " prefix and its newline, is about 1 KB on the wire. */
    private static final String KILOBYTE = "k".repeat(1000);

    @Override
    protected StageId stage() {
        return StageId.HARDENED_ROOM;
    }

    @Override
    protected ChatStage newServer() {
        return new HardenedRoomServer();
    }

    /** Connects, expects NICK, proposes {@code nick}, and expects {@code error} followed by NICK again. */
    private ScriptedClient refused(String nick, String error) throws Exception {
        ScriptedClient client = connect("refused");
        client.expectLine(Protocol.NICK, TIMEOUT);
        proposeAndExpectRefusal(client, utf8(nick + "\n"), error);
        return client;
    }

    private static void proposeAndExpectRefusal(ScriptedClient client, byte[] proposal, String error) throws Exception {
        client.sendRaw(proposal);
        client.expectLine(error, TIMEOUT);
        client.expectLine(Protocol.NICK, TIMEOUT);
    }

    // ---- Nicknames -------------------------------------------------------------------------------

    @Test
    @DisplayName("nicknames: letters, marks and digits of any script, '_' and '-' are valid (Devanagari's combining marks too)")
    void nicknamesInAnyScript() throws Exception {
        ScriptedClient ana = join("ana");
        for (String nick : List.of("José", "Ελένη", "दीपिका", "प्रिया_२", "李雷", "Ümit-99", "o_o")) {
            join(nick, ana);
        }
    }

    @Test
    @DisplayName("nicknames: normalised to NFC before anything else: 'Jose' + combining acute is José, and takes his place")
    void nicknamesAreNormalised() throws Exception {
        ScriptedClient first = connect("decomposed");
        first.expectLine(Protocol.NICK, TIMEOUT);
        first.send("Jose\u0301");
        first.expectLine(Protocol.joined("Jos\u00e9"), TIMEOUT);
        first.expectLine(Protocol.CONNECTED, TIMEOUT);

        refused("Jos\u00e9", Protocol.ERROR_NICKNAME_TAKEN);
    }

    @Test
    @DisplayName("nicknames: 24 code points are fine (even outside the BMP, two chars each), 25 are invalid")
    void nicknameLength() throws Exception {
        String scriptA = new String(Character.toChars(0x1D49C)); // MATHEMATICAL SCRIPT CAPITAL A: a letter
        join(scriptA.repeat(24));
        join("a".repeat(24));

        refused("b".repeat(25), Protocol.ERROR_INVALID_NICKNAME);
        refused(scriptA.repeat(25), Protocol.ERROR_INVALID_NICKNAME);
    }

    @Test
    @DisplayName("nicknames: empty, or holding anything but letters, marks, digits, '_', '-', is invalid; NICK follows, and a valid one then joins")
    void invalidNicknames() throws Exception {
        ScriptedClient client = connect("hopeful");
        client.expectLine(Protocol.NICK, TIMEOUT);
        for (String nick : List.of("", "ana smith", "ana!", "a.b", "ana:", "\u00a0ana", "😀", "[bye]", "ana\tb")) {
            proposeAndExpectRefusal(client, utf8(nick + "\n"), Protocol.ERROR_INVALID_NICKNAME);
        }
        client.send("ana");
        client.expectLine(Protocol.joined("ana"), TIMEOUT);
        client.expectLine(Protocol.CONNECTED, TIMEOUT);
    }

    @Test
    @DisplayName("nicknames: NICK and ERROR are reserved in any case")
    void reservedNicknames() throws Exception {
        ScriptedClient client = connect("hopeful");
        client.expectLine(Protocol.NICK, TIMEOUT);
        for (String nick : List.of("NICK", "nick", "Nick", "ERROR", "error", "eRrOr")) {
            proposeAndExpectRefusal(client, utf8(nick + "\n"), Protocol.ERROR_NICKNAME_RESERVED);
        }
        client.send("nicky");
        client.expectLine(Protocol.joined("nicky"), TIMEOUT);
    }

    @Test
    @DisplayName("nicknames: unique ignoring case; a taken one gets ERROR nickname taken and NICK, and is free again once its owner leaves")
    void takenNicknames() throws Exception {
        ScriptedClient ana = join("Ana");
        ScriptedClient ben = join("ben", ana);
        ScriptedClient copycat = connect("copycat");
        copycat.expectLine(Protocol.NICK, TIMEOUT);
        for (String nick : List.of("Ana", "ana", "ANA", "BEN")) {
            proposeAndExpectRefusal(copycat, utf8(nick + "\n"), Protocol.ERROR_NICKNAME_TAKEN);
        }

        ana.send(Protocol.BYE);
        ben.expectLine(Protocol.left("Ana"), TIMEOUT);
        copycat.send("ANA");
        copycat.expectLine(Protocol.joined("ANA"), TIMEOUT);
        copycat.expectLine(Protocol.CONNECTED, TIMEOUT);
        ben.expectLine(Protocol.joined("ANA"), TIMEOUT);
    }

    @Test
    @DisplayName("nicknames: no valid nickname within the timeout (however many attempts) gets ERROR no nickname and a disconnect; members stay")
    void nicknameTimeout() throws Exception {
        StageHost quick = startStage(CountingThreadFactory.virtual("stage4-quick"),
                Limits.DEFAULT.withNicknameTimeout(SHORT_NICKNAME_TIMEOUT));
        // Each client says all it has to say in one write, at once: no step of the test has to
        // race the short timeout.
        ScriptedClient member = connect("member", quick);
        member.send("ana");
        ScriptedClient silent = connect("silent", quick);
        ScriptedClient fumbler = connect("fumbler", quick);
        fumbler.sendRaw(utf8("not valid\nNICK\n"));

        member.expectLine(Protocol.NICK, TIMEOUT);
        member.expectLine(Protocol.joined("ana"), TIMEOUT);
        member.expectLine(Protocol.CONNECTED, TIMEOUT);
        silent.expectLine(Protocol.NICK, TIMEOUT);
        silent.expectLine(Protocol.ERROR_NO_NICKNAME, TIMEOUT);
        assertEquals(ScriptedClient.Ending.CLOSED_BY_SERVER, silent.awaitEnd(TIMEOUT));
        assertTrue(System.nanoTime() - silent.connectedNanos() >= SHORT_NICKNAME_TIMEOUT.toNanos());
        assertEquals(ScriptedClient.Ending.CLOSED_BY_SERVER, fumbler.awaitEnd(TIMEOUT));
        List<String> answers = List.of(Protocol.NICK, Protocol.ERROR_INVALID_NICKNAME, Protocol.NICK,
                Protocol.ERROR_NICKNAME_RESERVED, Protocol.NICK);
        List<String> got = fumbler.lines();
        assertEquals(Protocol.ERROR_NO_NICKNAME, got.getLast(), got::toString);
        assertEquals(answers.subList(0, got.size() - 1), got.subList(0, got.size() - 1),
                "the answers to its attempts, then the timeout");

        // ana joined in time and is past the timeout now: still a member, and heard of nobody.
        member.send("still here");
        member.expectLine(Protocol.message("ana", "still here"), TIMEOUT);
    }

    // ---- The line limit --------------------------------------------------------------------------

    @Test
    @DisplayName("line limit: a line of 1024 content bytes goes through; a \\r before its \\n does not count")
    void lineOf1024BytesIsFine() throws Exception {
        ScriptedClient ana = join("ana");
        ScriptedClient ben = join("ben", ana);
        String ascii = "a".repeat(1024);
        String twoByteChars = "é".repeat(512);
        String threeAndOne = "€".repeat(341) + "x"; // 341 * 3 + 1 = 1024 bytes

        ana.send(ascii);
        ana.sendRaw(utf8(twoByteChars + "\r\n"));
        ana.send(threeAndOne);

        for (String text : List.of(ascii, twoByteChars, threeAndOne)) {
            assertEquals(1024, utf8(text).length);
            ben.expectLine(Protocol.message("ana", text), TIMEOUT);
        }
    }

    @Test
    @DisplayName("line limit: the 1025th byte gets ERROR line too long at once (no newline needed), a disconnect, and left! to the others")
    void lineOf1025BytesDisconnects() throws Exception {
        ScriptedClient ana = join("ana");
        ScriptedClient ben = join("ben", ana);

        ana.sendRaw(utf8("a".repeat(1025))); // and no newline: the server must not wait for one

        ana.expectLine(Protocol.ERROR_LINE_TOO_LONG, TIMEOUT);
        assertEquals(ScriptedClient.Ending.CLOSED_BY_SERVER, ana.awaitEnd(TIMEOUT));
        ben.expectLine(Protocol.left("ana"), TIMEOUT);
        expectNothingBefore(ben, ben, "ben", "ana's line never came");
    }

    @Test
    @DisplayName("line limit: a nickname line longer than 1024 bytes gets ERROR line too long and a disconnect, with no trace in the room")
    void longNicknameLineDisconnects() throws Exception {
        ScriptedClient ana = join("ana");
        ScriptedClient client = connect("long");
        client.expectLine(Protocol.NICK, TIMEOUT);

        client.sendRaw(utf8("n".repeat(2000) + "\n"));

        client.expectLine(Protocol.ERROR_LINE_TOO_LONG, TIMEOUT);
        assertEquals(ScriptedClient.Ending.CLOSED_BY_SERVER, client.awaitEnd(TIMEOUT));
        expectNothingBefore(ana, ana, "ana", "nobody came");
    }

    // ---- UTF-8 -----------------------------------------------------------------------------------

    @Test
    @DisplayName("UTF-8: a member's line that is not valid UTF-8 gets ERROR invalid UTF-8 and is dropped; the connection stays")
    void invalidUtf8FromAMember() throws Exception {
        ScriptedClient ana = join("ana");
        ScriptedClient ben = join("ben", ana);

        ana.sendRaw(new byte[] {'b', 'a', 'd', (byte) 0xC3, '(', '\n'});         // a broken 2-byte sequence
        ana.sendRaw(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80, '\n'});  // an encoded surrogate
        ana.sendRaw(new byte[] {(byte) 0xC0, (byte) 0xAF, '\n'});               // an overlong '/'

        for (int i = 0; i < 3; i++) {
            ana.expectLine(Protocol.ERROR_INVALID_UTF8, TIMEOUT);
        }
        ana.send("still here");
        ana.expectLine(Protocol.message("ana", "still here"), TIMEOUT);
        ben.expectLine(Protocol.message("ana", "still here"), TIMEOUT); // and nothing before it
    }

    @Test
    @DisplayName("UTF-8: a nickname that is not valid UTF-8 gets ERROR invalid UTF-8, then NICK; the client may go on")
    void invalidUtf8AsNickname() throws Exception {
        ScriptedClient client = connect("client");
        client.expectLine(Protocol.NICK, TIMEOUT);

        proposeAndExpectRefusal(client, new byte[] {'a', (byte) 0xFF, 'b', '\n'}, Protocol.ERROR_INVALID_UTF8);

        client.send("ana");
        client.expectLine(Protocol.joined("ana"), TIMEOUT);
        client.expectLine(Protocol.CONNECTED, TIMEOUT);
    }

    @Test
    @DisplayName("an unterminated fragment at the end of the stream is discarded: the others get only left!")
    void fragmentAtEndOfStreamIsDiscarded() throws Exception {
        ScriptedClient ana = join("ana");
        ScriptedClient ben = join("ben", ana);

        ana.sendRaw(utf8("never finished"));
        ana.shutdownOutput();

        ben.expectLine(Protocol.left("ana"), TIMEOUT); // the fragment would have come before it
        assertEquals(ScriptedClient.Ending.CLOSED_BY_SERVER, ana.awaitEnd(TIMEOUT));
    }

    // ---- Slow readers ----------------------------------------------------------------------------

    @Test
    @DisplayName("slow reader: a member that stops reading delays nobody, and once more than 1 MiB waits for it, it is dropped with left!")
    void memberThatStopsReadingIsDropped() throws Exception {
        ScriptedClient watcher = join("watcher");
        SilentMember slow = closeAfterwards(SilentMember.join(host.address(), "slow"));
        watcher.expectLine(Protocol.joined("slow"), TIMEOUT);
        ScriptedClient talker = join("talker", watcher);
        int threadsWithSlow = host.threads().alive();
        String expected = Protocol.message("talker", KILOBYTE);
        int bytesPerLine = expected.length() + 1;

        // Talk in bursts; after each, the watcher must have every line promptly, slow member or not.
        int sent = 0;
        int receivedBeforeLeft = -1;
        int received = 0;
        while (receivedBeforeLeft < 0) {
            assertTrue((long) sent * bytesPerLine < 32L << 20, "32 MiB sent and the slow member is still in");
            for (int i = 0; i < 64; i++) {
                talker.send(KILOBYTE);
                sent++;
            }
            while (received < sent) {
                String line = watcher.awaitLine(TIMEOUT);
                if (line.equals(Protocol.left("slow"))) {
                    receivedBeforeLeft = received;
                } else {
                    assertEquals(expected, line);
                    received++;
                }
            }
        }

        // It had more than the limit waiting when dropped: never before.
        assertTrue((long) receivedBeforeLeft * bytesPerLine > Limits.MAX_QUEUED_BYTES,
                "dropped after only " + receivedBeforeLeft + " lines");
        // The room goes on without it.
        expectNothingBefore(watcher, talker, "talker", "carry on");
        // Even though it never reads, its connection is let go of: its threads end.
        await().atMost(TIMEOUT).until(() -> host.threads().alive() <= threadsWithSlow - 3);
        List<String> got = slow.drain();
        assertEquals(Protocol.joined("talker"), got.getFirst());
        List<String> rest = got.subList(1, got.size());
        assertTrue(rest.stream().allMatch(line -> line.equals(expected) || line.equals(Protocol.ERROR_TOO_SLOW)),
                () -> "whole lines only: " + rest.stream().filter(line -> !line.equals(expected)).toList());
    }

    @Test
    @DisplayName("slow reader: a member that falls behind by less than 1 MiB is never dropped, and gets every line once it reads again")
    void memberBehindByLessThanTheLimitStays() throws Exception {
        ScriptedClient watcher = join("watcher");
        SilentMember slow = closeAfterwards(SilentMember.join(host.address(), "slow"));
        watcher.expectLine(Protocol.joined("slow"), TIMEOUT);
        ScriptedClient talker = join("talker", watcher);
        String expected = Protocol.message("talker", KILOBYTE);
        int lines = (int) (Limits.MAX_QUEUED_BYTES * 9 / 10 / (expected.length() + 1));

        for (int i = 0; i < lines; i++) {
            talker.send(KILOBYTE);
        }
        for (int i = 0; i < lines; i++) {
            watcher.expectLine(expected, TIMEOUT);
        }
        slow.send("back again");

        List<String> got = slow.readLines(lines + 2);
        List<String> wanted = new ArrayList<>();
        wanted.add(Protocol.joined("talker"));
        for (int i = 0; i < lines; i++) {
            wanted.add(expected);
        }
        wanted.add(Protocol.message("slow", "back again"));
        assertEquals(wanted, got);
        watcher.expectLine(Protocol.message("slow", "back again"), TIMEOUT);
    }

    // ---- Shutdown --------------------------------------------------------------------------------

    @Test
    @DisplayName("shutdown: every connection, joined or not, gets ERROR server shutting down and is closed; no left!; no thread left")
    void shutdownTellsEveryone() throws Exception {
        ScriptedClient ana = join("ana");
        ScriptedClient ben = join("ben", ana);
        ScriptedClient stranger = connect("stranger");
        stranger.expectLine(Protocol.NICK, TIMEOUT);

        StageHost.Closing closing = host.close(TIMEOUT);

        assertTrue(closing.clean(), "serve returned and no thread is left: " + closing);
        for (ScriptedClient client : List.of(ana, ben, stranger)) {
            assertEquals(ScriptedClient.Ending.CLOSED_BY_SERVER, client.awaitEnd(TIMEOUT));
        }
        assertEquals(List.of(Protocol.NICK, Protocol.joined("ana"), Protocol.CONNECTED, Protocol.joined("ben"),
                Protocol.ERROR_SHUTTING_DOWN), ana.lines());
        assertEquals(List.of(Protocol.NICK, Protocol.joined("ben"), Protocol.CONNECTED, Protocol.ERROR_SHUTTING_DOWN),
                ben.lines());
        assertEquals(List.of(Protocol.NICK, Protocol.ERROR_SHUTTING_DOWN), stranger.lines());
    }

    @Test
    @DisplayName("shutdown: on platform threads too (sockets closed, not interrupted), with a member that never reads")
    void shutdownOnPlatformThreads() throws Exception {
        CountingThreadFactory platform = CountingThreadFactory.platform("stage4-platform");
        StageHost platformHost = startStage(platform, Limits.DEFAULT);
        ScriptedClient ana = join(platformHost, "ana");
        SilentMember slow = closeAfterwards(SilentMember.join(platformHost.address(), "slow"));
        ana.expectLine(Protocol.joined("slow"), TIMEOUT);
        ScriptedClient stranger = connect("stranger", platformHost);
        stranger.expectLine(Protocol.NICK, TIMEOUT);
        for (int i = 0; i < 8; i++) { // a backlog for the silent member, small enough for its socket buffers
            ana.send(KILOBYTE);
        }
        for (int i = 0; i < 8; i++) {
            ana.expectLine(Protocol.message("ana", KILOBYTE), TIMEOUT);
        }

        StageHost.Closing closing = platformHost.close(TIMEOUT);

        assertTrue(closing.clean(), "serve returned and no thread is left: " + closing);
        assertNotEquals(0, platform.started());
        assertEquals(ScriptedClient.Ending.CLOSED_BY_SERVER, ana.awaitEnd(TIMEOUT));
        assertEquals(Protocol.ERROR_SHUTTING_DOWN, ana.lines().getLast());
        assertEquals(List.of(Protocol.NICK, Protocol.ERROR_SHUTTING_DOWN), stranger.lines());
        List<String> got = slow.drain();
        assertEquals(Protocol.ERROR_SHUTTING_DOWN, got.getLast(), "its backlog fits its socket buffers: all of it, then the notice: " + got.size());
    }

    /**
     * A member that joins, then never reads again unless told to: the kind that stalls seed 004's
     * room. Its receive buffer is made small so that it fills quickly.
     */
    static final class SilentMember implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;

        private SilentMember(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
        }

        static SilentMember join(InetSocketAddress address, String nick) throws IOException {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(4096); // before connecting, so that the window is small from the start
            socket.connect(address, (int) TIMEOUT.toMillis());
            socket.setSoTimeout((int) TIMEOUT.toMillis()); // no read in a test may hang
            SilentMember member = new SilentMember(socket);
            member.expect(Protocol.NICK);
            socket.getOutputStream().write(utf8(nick + "\n"));
            member.expect(Protocol.joined(nick));
            member.expect(Protocol.CONNECTED);
            return member;
        }

        /** Reads one line byte by byte, so that nothing after it is taken from the socket. */
        private void expect(String line) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("connection closed; got '" + bytes + "' instead of '" + line + "'");
                }
                bytes.write(b);
            }
            assertEquals(line, bytes.toString(StandardCharsets.UTF_8));
        }

        void send(String line) throws IOException {
            socket.getOutputStream().write(utf8(line + "\n"));
        }

        /** Starts reading again: the next {@code count} lines. */
        List<String> readLines(int count) throws IOException {
            LineReader lines = new LineReader(in, 1 << 20);
            List<String> got = new ArrayList<>();
            while (got.size() < count) {
                String line = lines.readLine();
                if (line == null) {
                    throw new IOException("connection closed after " + got);
                }
                got.add(line);
            }
            return got;
        }

        /** Reads everything until the server closes the connection (a reset counts as closed). */
        List<String> drain() throws IOException {
            LineReader lines = new LineReader(in, 1 << 20);
            List<String> got = new ArrayList<>();
            try {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    got.add(line);
                }
            } catch (java.net.SocketException reset) {
                // closed with a reset: the end all the same
            }
            return got;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
