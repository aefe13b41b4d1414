package chatlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatlab.protocol.LineReader;
import chatlab.protocol.LineWriter;
import chatlab.protocol.Protocol;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code chatlab client} against a server played by the test, line by line. */
class ClientCommandTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Keyboard keyboard = new Keyboard();
    private final Screen screen = new Screen();
    private final Screen errors = new Screen();
    private final ServerSocket listener;

    ClientCommandTest() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void close() throws IOException {
        keyboard.end();
        listener.close();
    }

    /** Runs {@code chatlab client ...} on this test's keyboard and screen, connected to the test's server. */
    private CompletableFuture<Integer> client(String... options) {
        String[] args = new String[options.length + 3];
        args[0] = "client";
        args[1] = "--port";
        args[2] = Integer.toString(listener.getLocalPort());
        System.arraycopy(options, 0, args, 3, options.length);
        CompletableFuture<Integer> exitCode = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> exitCode.complete(
                ChatLab.run(new Terminal(keyboard, screen.printStream(), errors.printStream()), null, args)));
        return exitCode;
    }

    private record Connection(Socket socket, LineReader in, LineWriter out) implements AutoCloseable {
        static Connection accept(ServerSocket listener) throws IOException {
            Socket socket = listener.accept();
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            return new Connection(socket, new LineReader(socket.getInputStream()), new LineWriter(socket.getOutputStream()));
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void inARoomItAnswersNickWaitsForTheJoinAndShowsControlCharactersEscaped() throws Exception {
        var exitCode = client("--stage", "3", "--name", "Ann");
        keyboard.type("typed early"); // before the join is confirmed: must not be taken for a nickname

        try (Connection server = Connection.accept(listener)) {
            server.out().writeLine(Protocol.NICK);
            assertEquals("Ann", server.in().readLine());
            server.out().writeLine(Protocol.joined("Ann"));
            server.out().writeLine(Protocol.CONNECTED);
            assertEquals("typed early", server.in().readLine());

            server.out().writeLine("Bob: \u001b[2J\u009b clear!");
            screen.awaitLine("Bob: ^[[2J<U+009B> clear!", TIMEOUT);

            keyboard.type(Protocol.BYE);
            assertEquals(Protocol.BYE, server.in().readLine());
            assertNull(server.in().readLine(), "the client closes after [bye]");
        }
        assertEquals(ExitCodes.OK, exitCode.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        screen.awaitLine("You left the chat.", TIMEOUT);
    }

    @Test
    void inputThatEndsBeforeTheJoinIsSentOnceJoinedAndThenTheClientLeaves() throws Exception {
        var exitCode = client("--stage", "3", "--name", "Ann");
        keyboard.type("hello"); // as from a pipe: echo hello | chatlab client
        keyboard.end();

        try (Connection server = Connection.accept(listener)) {
            server.out().writeLine(Protocol.NICK);
            assertEquals("Ann", server.in().readLine());
            server.out().writeLine(Protocol.joined("Ann"));
            server.out().writeLine(Protocol.CONNECTED);
            assertEquals("hello", server.in().readLine());
            assertEquals(Protocol.BYE, server.in().readLine());
            assertNull(server.in().readLine());
        }
        assertEquals(ExitCodes.OK, exitCode.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Test
    void aRefusedNicknameIsAskedForAgain() throws Exception {
        var exitCode = client("--stage", "4", "--name", "bob");

        try (Connection server = Connection.accept(listener)) {
            server.out().writeLine(Protocol.NICK);
            assertEquals("bob", server.in().readLine());
            server.out().writeLine(Protocol.ERROR_NICKNAME_TAKEN);
            server.out().writeLine(Protocol.NICK);
            screen.awaitLine(Protocol.ERROR_NICKNAME_TAKEN, TIMEOUT);
            screen.awaitLine("Choose another nickname:", TIMEOUT);
            keyboard.type("Cy");
            assertEquals("Cy", server.in().readLine());
        }
        assertEquals(ExitCodes.OK, exitCode.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        screen.awaitLine("The server closed the connection.", TIMEOUT);
    }

    @Test
    void withoutANameItAsksForOneBeforeConnecting() throws Exception {
        var exitCode = client("--stage", "3");
        screen.awaitLine("Choose your nickname:", TIMEOUT);
        keyboard.type("Dee");

        try (Connection server = Connection.accept(listener)) {
            server.out().writeLine(Protocol.NICK);
            assertEquals("Dee", server.in().readLine());
        }
        assertEquals(ExitCodes.OK, exitCode.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Test
    void oneToOneItSendsTheNameFirstAndShowsTheServersLinesUnderItsName() throws Exception {
        var exitCode = client("--stage", "1", "--name", "shree");

        try (Connection server = Connection.accept(listener)) {
            assertEquals("shree", server.in().readLine());
            server.out().writeLine("Harshit");
            screen.awaitLine("Harshit has joined...", TIMEOUT);
            server.out().writeLine("hii");
            screen.awaitLine("Harshit > hii", TIMEOUT);
            keyboard.type("hello");
            assertEquals("hello", server.in().readLine());
            server.out().writeLine(Protocol.SERVER_FAREWELL);
        }
        screen.awaitLine("Harshit > " + Protocol.SERVER_FAREWELL, TIMEOUT);
        screen.awaitLine("The server closed the connection.", TIMEOUT);
        assertEquals(ExitCodes.OK, exitCode.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Test
    void oneToOneByeSendsTheFarewellAndCloses() throws Exception {
        var exitCode = client("--stage", "2", "--name", "shree");

        try (Connection server = Connection.accept(listener)) {
            assertEquals("shree", server.in().readLine());
            server.out().writeLine("Harshit");
            keyboard.type(Protocol.BYE);
            assertEquals(Protocol.CLIENT_FAREWELL, server.in().readLine());
            assertNull(server.in().readLine());
        }
        assertEquals(ExitCodes.OK, exitCode.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Test
    void withNoServerItSaysSoAndExitsUnavailable() throws Exception {
        int port = listener.getLocalPort();
        listener.close(); // nobody listens on that port any more

        var exitCode = client("--stage", "3", "--name", "Ann");

        assertEquals(ExitCodes.UNAVAILABLE, exitCode.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        String message = errors.awaitLine(line -> line.startsWith("Cannot connect"), TIMEOUT);
        assertTrue(message.startsWith("Cannot connect to 127.0.0.1:" + port + ": Connection refused"), message);
    }
}
