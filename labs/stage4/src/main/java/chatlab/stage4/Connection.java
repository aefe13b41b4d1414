package chatlab.stage4;

import chatlab.concurrency.TaskScope;
import chatlab.protocol.Limits;
import chatlab.protocol.Protocol;
import chatlab.stage.StageContext;
import chatlab.stage.Todo;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;

/**
 * One client's connection: a scope of two threads, a {@link ConnectionReader} and a
 * {@link ConnectionWriter}, joined by the connection's {@link Outbox}.
 *
 * <p>The connection is over once its outbox is closed, whoever closed it: the reader when the
 * client leaves or breaks a rule, the room when the member is too slow, the server when it shuts
 * down, the writer when the socket fails.
 */
final class Connection {
    /**
     * How long a closing connection's writer may take to deliver its last lines. A client that
     * reads gets them in far less; one that does not read would otherwise keep its connection open
     * for ever.
     */
    static final Duration LAST_WORDS_GRACE = Duration.ofSeconds(1);

    private final Socket socket;
    private final Room room;
    private final StageContext context;
    private final Outbox outbox;

    Connection(Socket socket, Room room, StageContext context) {
        this.socket = socket;
        this.room = room;
        this.context = context;
        this.outbox = new Outbox(context.limits().maxQueuedBytes());
    }

    /**
     * Turns off Nagle's algorithm for this socket: each batch leaves at once, instead of waiting until
     * the client has acknowledged the one before. A chat's lines are small and should not wait, and
     * the writer already puts everything that is ready into one write. (The benchmark's Netty room
     * does the same; README's benchmark section has what it changed.)
     */
    private void sendAtOnce() {
        try {
            socket.setTcpNoDelay(true);
        } catch (SocketException e) {
            // The client is gone already: the reader will find out.
        }
    }

    /**
     * Serves the client until the connection is over; every thread of it has ended on return. What
     * happens to one connection (a reset, a socket that fails) is its own business: nothing but a
     * bug comes out of here to trouble the server.
     */
    void run() {
        context.console().println(Protocol.connectedWith(socket.getRemoteSocketAddress()));
        sendAtOnce();
        Limits limits = context.limits();
        ConnectionReader reader = new ConnectionReader(socket, room, outbox, context.console(),
                limits.maxLineBytes(), limits.nicknameTimeout());
        // TODO 2: open a TaskScope on context.threads(). In it, make a ConnectionWriter on
        //         socket.getOutputStream() and fork writer.run() and reader.run() (each forked as
        //         () -> { x.run(); return null; }). Then outbox.awaitClosed(), and
        //         outbox.awaitWriterEnded(LAST_WORDS_GRACE). Whatever happened, close the socket
        //         (abort(), in a finally block) BEFORE the scope is closed; then scope.join().
        //         Catch IOException (there is nothing to serve) and InterruptedException (restore the
        //         interrupt: the server is closing in a hurry).
        //         -- teaches: a connection is a scope of its threads, and the socket is what ends
        //         them. The writer gets a short grace to deliver the last lines, the error that
        //         explains a disconnect included; then closing the socket ends a read or a write still
        //         blocked on it, on any kind of thread (an interrupt does so only on a virtual
        //         thread). The scope's close() then waits for both, and scope.join() reports a bug in
        //         either instead of letting it vanish.
        throw new Todo("2: run the connection as a scope of its reader and writer");
    }

    /** The server is shutting down: tell the client, then end as usual. */
    void shutDown() {
        outbox.finish(Protocol.ERROR_SHUTTING_DOWN);
    }

    /** Closes the socket at once. */
    void abort() {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing more can be done for a socket that fails to close.
        }
    }
}
