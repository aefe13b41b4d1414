package chatlab.stage4;

import chatlab.concurrency.TaskScope;
import chatlab.protocol.Limits;
import chatlab.protocol.Protocol;
import chatlab.stage.StageContext;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;

/**
 * One client's connection: a scope of two threads, a {@link ConnectionReader} and a
 * {@link ConnectionWriter}, joined by the connection's {@link Outbox}.
 *
 * <p>Why two threads? Reading and writing wait on different things: the reader on the client's
 * next line, the writer on the client taking what it was sent. With one thread for both (as in
 * stage 3, where other members' threads write), a client that stops reading blocks whoever writes
 * to it. Here only its own writer waits for it.
 *
 * <p>The connection's lifetime, in order: both threads start; the connection is over once its
 * outbox is closed, whoever closed it (the reader when the client leaves or breaks a rule, the room
 * when the member is too slow, the server when it shuts down, the writer when the socket fails);
 * the writer then has a short grace to deliver what is left, the last words included; then the
 * socket is closed, which ends a read or write still blocked on it, on any kind of thread; the
 * scope waits for both threads.
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
        try (TaskScope scope = TaskScope.open(context.threads())) {
            try {
                ConnectionWriter writer = new ConnectionWriter(outbox, socket.getOutputStream(), room.pacer());
                scope.fork(() -> {
                    writer.run();
                    return null;
                });
                scope.fork(() -> {
                    reader.run();
                    return null;
                });
                outbox.awaitClosed();
                outbox.awaitWriterEnded(LAST_WORDS_GRACE);
            } finally {
                // Closing the socket, not interrupting, is what ends the threads still blocked on it:
                // an interrupt wakes a socket read or write only on a virtual thread.
                abort();
            }
            scope.join(); // both end now; a bug in either comes out here rather than vanishing
        } catch (IOException e) {
            // The socket failed before the threads started: there is nothing to serve.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // cancelled: the server is closing in a hurry
        }
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
