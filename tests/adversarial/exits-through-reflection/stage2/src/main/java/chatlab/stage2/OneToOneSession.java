package chatlab.stage2;

import chatlab.concurrency.Subtask;
import chatlab.concurrency.TaskScope;
import chatlab.protocol.LineReader;
import chatlab.protocol.LineWriter;
import chatlab.protocol.Protocol;
import chatlab.stage.OperatorConsole;
import chatlab.stage.StageContext;
import java.io.IOException;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.ThreadFactory;

/**
 * One conversation between the operator at the console and one connected client, from the
 * client's name to the moment either side leaves.
 *
 * <p>This is stage 1's session, carried over unchanged: stages are independent modules, so a
 * student copies their own stage 1 session into this package. What stage 2 adds is that sessions
 * follow one another, and that makes one property of stage 1's design essential: when
 * {@link #run()} returns, both relay threads have ended (see {@link #chat}).
 *
 * <p>Runs on the thread that calls {@link #run()}; the conversation itself uses two more threads,
 * one per direction, in a {@link TaskScope}. When {@code run()} returns, both have ended and the
 * connection is closed.
 */
final class OneToOneSession {
    private final Socket socket;
    private final OperatorConsole console;
    private final ThreadFactory threads;
    private final String operatorName;

    OneToOneSession(Socket socket, StageContext context) {
        this.socket = socket;
        this.console = context.console();
        this.threads = context.threads();
        this.operatorName = context.operatorName();
    }

    /**
     * Runs the session until either side leaves, then closes the connection.
     *
     * <p>A client that resets the connection or sends what the line reader refuses ends its
     * session, never the server: that is why an {@link IOException} is caught here. An interrupt
     * (the harness closing the stage) is passed on.
     *
     * @throws InterruptedException if the stage was closed during the session
     */
    void run() throws InterruptedException {
        try (socket) {
            LineReader fromClient = new LineReader(socket.getInputStream());
            LineWriter toClient = new LineWriter(socket.getOutputStream());
            String clientName = fromClient.readLine(); // the client speaks first: its name
            if (clientName == null) {
                return; // it closed before sending a name: the session is over before it began
            }
            // Lines the operator typed while nobody was connected were meant for nobody (and a
            // [bye] typed then must not end this session): drop them before answering, so that
            // the lines this session relays are those typed once a client was there.
            console.discardPending();
            toClient.writeLine(operatorName);
            console.println(Protocol.hasConnected(clientName));
            chat(fromClient, toClient, clientName);
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                // A virtual thread interrupted in a socket read gets a SocketException, not an
                // InterruptedException: say what really happened.
                throw new InterruptedException("the stage was closed during a session");
            }
            // Otherwise the client broke the connection: this session is over, the server is fine.
        }
    }

    /**
     * Full duplex: each direction waits on its own source (the socket, the console), so each needs
     * its own thread; one thread taking turns, as in the seed, can never send two lines in a row.
     * The session is over as soon as either direction ends: a client that has closed will read
     * nothing more, and after the operator's {@code [bye]} the connection is closed, so the other
     * direction has nothing left to do. Hence a first-completion scope: the first relay to end
     * cancels the other.
     */
    private void chat(LineReader fromClient, LineWriter toClient, String clientName)
            throws IOException, InterruptedException {
        List<Subtask<Void>> directions;
        try (TaskScope relays = TaskScope.openFirstCompletion(threads)) {
            directions = List.of(
                    relays.fork(() -> relayClientToConsole(fromClient, clientName)),
                    relays.fork(() -> relayConsoleToClient(toClient)));
            try {
                relays.join(); // returns when the first direction has ended
            } finally {
                // Closing the connection ends a relay still blocked reading it, on any kind of
                // thread (an interrupt alone wakes a socket read only on a virtual thread).
                socket.close();
            }
        } // close(): cancels the relay still running and waits until both threads have ended.
        // Why it matters here: when the client leaves, the console relay is blocked in
        // console.readLine(). Left running, it would take the operator's next line, the first one
        // meant for the next client, and write it to this dead connection. Cancelling it (an
        // interrupt ends readLine()) and waiting for it is what keeps that line for the next session.
        for (Subtask<Void> direction : directions) {
            if (direction.state() == Subtask.State.FAILED
                    && direction.exception() instanceof RuntimeException bug) {
                throw bug; // a bug in a relay (or a TODO left in it) is not a client leaving: never hide it
            }
        }
    }

    /** Client to console, until the client closes (after its farewell, or abruptly). */
    private Void relayClientToConsole(LineReader fromClient, String clientName) throws IOException {
        for (String line = fromClient.readLine(); line != null; line = fromClient.readLine()) {
            console.println(Protocol.clientSaid(clientName, line));
        }
        return null;
    }

    /** Console to client, until the operator types {@code [bye]}. */
    private Void relayConsoleToClient(LineWriter toClient) throws IOException, InterruptedException {
        while (true) {
            String line = console.readLine();
            if (line.equals(Protocol.BYE)) {
                toClient.writeLine(Protocol.SERVER_FAREWELL);
                return null; // ending this relay ends the session, which closes the connection
            }
            toClient.writeLine(line);
        }
    }
}
