package chatlab.stage1;

import chatlab.concurrency.Subtask;
import chatlab.concurrency.TaskScope;
import chatlab.protocol.LineReader;
import chatlab.protocol.LineWriter;
import chatlab.protocol.Protocol;
import chatlab.stage.OperatorConsole;
import chatlab.stage.StageContext;
import chatlab.stage.Todo;
import java.io.IOException;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.ThreadFactory;

/**
 * One conversation between the operator at the console and one connected client, from the
 * client's name to the moment either side leaves.
 *
 * <p>Runs on the thread that calls {@link #run()}; the conversation itself uses two more threads,
 * one per direction, in a {@link TaskScope}. When {@code run()} returns, both have ended and the
 * connection is closed.
 *
 * <p>The seed's server takes turns: it reads a console line, sends it, then waits for the client's
 * answer. So neither side can send two lines in a row. Yours will not take turns.
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
            // TODO 2: read the client's first line with fromClient.readLine(): it is the client's
            //         name. If it is null, the client closed before sending one: return, the session
            //         is over before it began.
            //         -- teaches: on a connection the client speaks first here, and readLine()
            //         returning null is how end of stream (the other side closed) shows up.
            // TODO 3: console.discardPending(); then send operatorName to the client as its first
            //         line (toClient.writeLine); then print Protocol.hasConnected(name) on the console.
            //         Last, call chat(fromClient, toClient, name).
            //         -- teaches: rule 6. Lines the operator typed while nobody was connected were
            //         meant for nobody, and a [bye] typed then must not end this session: drop them
            //         BEFORE answering, so that what this session relays was typed once a client was
            //         there. (Try: type lines in the server before any client connects.)
            throw new Todo("2: read the client's name, answer with the operator's name, then chat");
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
     * Full duplex: the client and the operator each send any number of lines at any time, until
     * either side leaves.
     */
    private void chat(LineReader fromClient, LineWriter toClient, String clientName)
            throws IOException, InterruptedException {
        // TODO 4: run the two relays below at the same time, each in its own thread, in a scope
        //         opened with TaskScope.openFirstCompletion(threads) (try-with-resources):
        //           fork relayClientToConsole(...) and relayConsoleToClient(...), keep the two
        //           Subtask<Void>s, then join(). join() returns as soon as the first relay has ended.
        //         After join() (in a finally: join can throw), close the socket; the scope's close()
        //         then cancels the other relay and waits for both threads. Last, if a relay FAILED
        //         with a RuntimeException (a bug, or a TODO left in it), throw it: that is not a
        //         client leaving, and hiding it would hide your next TODO.
        //         -- teaches: why two threads (each direction blocks on its own source, the socket
        //         or the console; one thread taking turns, as in the seed, can never send two lines
        //         in a row), and why the session ends when EITHER side ends (first completion
        //         cancels the other: a client that closed reads nothing more; after [bye] the
        //         connection is closed). Closing the socket yourself wakes a relay blocked reading
        //         it on any kind of thread; an interrupt alone does that only on a virtual thread.
        throw new Todo("4: run both relays at once in a first-completion TaskScope");
    }

    /** Client to console, until the client closes (after its farewell, or abruptly). */
    private Void relayClientToConsole(LineReader fromClient, String clientName) throws IOException {
        // TODO 5: read lines from the client until readLine() returns null, and print each on the
        //         console as Protocol.clientSaid(clientName, line). Return null at the end.
        //         -- teaches: a relay is a loop that blocks on one source; the client's
        //         "Leaving the Chat room" is just a line, its close is what ends this loop.
        throw new Todo("5: relay the client's lines to the console");
    }

    /** Console to client, until the operator types {@code [bye]}. */
    private Void relayConsoleToClient(LineWriter toClient) throws IOException, InterruptedException {
        // TODO 6: loop: read the operator's next line with console.readLine(). If it is
        //         Protocol.BYE, send Protocol.SERVER_FAREWELL and return null (ending this relay
        //         ends the session, which closes the connection); otherwise send the line as it is.
        //         -- teaches: [bye] is a command, never sent; console.readLine() blocks until the
        //         operator types, which is why this direction needs a thread of its own.
        throw new Todo("6: relay the operator's lines to the client, until [bye]");
    }
}
