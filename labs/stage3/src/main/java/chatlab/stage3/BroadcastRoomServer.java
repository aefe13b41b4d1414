package chatlab.stage3;

import chatlab.concurrency.TaskScope;
import chatlab.stage.ChatStage;
import chatlab.stage.StageContext;
import chatlab.stage.Todo;
import java.io.IOException;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stage 3, the broadcast room (seeds 001 to 004): many clients at once, each served by a virtual
 * thread of its own, every line sent to every member.
 *
 * <p>What you will build: a server that sends {@code NICK} to each new connection, takes its first
 * line as the nickname, announces {@code <nick> joined!} to everyone and welcomes the newcomer with
 * {@code Connected to server!}; then relays each member's lines to all as {@code <nick>: <text>},
 * until the member sends {@code [bye]} or goes away, when the others get {@code <nick> left!}.
 * Every member sees the room's events in the same order. The rules are stage 3's in STUDENT.md.
 *
 * <p>The pieces: this class accepts connections; a {@link Connection} serves one client on its own
 * thread; the {@link Room} knows the members and sends them the room's events; a {@link Member} is
 * one client in the room. Work through the TODOs in order, 1 to 8. Run it with
 * {@code ./chatlab server --stage 3 --impl labs}, and connect two or three clients
 * ({@code ./chatlab client --stage 3}, or {@code nc localhost <port>}).
 */
public final class BroadcastRoomServer implements ChatStage {

    @Override
    public void serve(StageContext context) throws Exception {
        Room room = new Room();
        // Every accepted socket, joined or not, until its connection is over (see TODO 8).
        Set<Socket> open = ConcurrentHashMap.newKeySet();
        Thread server = Thread.currentThread();
        try (TaskScope connections = TaskScope.open(context.threads())) {
            try {
                // TODO 1: in an infinite loop: accept the next client from context.listener(), add its
                //         socket to `open`, make a new Connection(socket, room, context.console()), and
                //         fork it into the scope: connections.fork(() -> runConnection(connection,
                //         socket, open, server)). Then go straight back to accept().
                //         -- teaches: a thread per client. Stage 2 served one client at a time because
                //         the session ran on the accepting thread; here each connection runs on a
                //         thread of its own (virtual: a few hundred bytes, so thousands are fine),
                //         and the server is a scope of its connections: none outlives serve(). The
                //         loop ends, as in stage 2, when the harness closes the listening socket and
                //         accept() throws.
                throw new Todo("1: accept clients in a loop, each on a thread of its own");
            } finally {
                closeAll(open); // TODO 8
                if (connections.isCancelled()) {
                    connections.join(); // a connection failed: throws that failure rather than the closed socket
                }
            }
        }
    }

    /**
     * Runs one connection, on its own thread. A bug (or a TODO not done yet) must not die quietly on a
     * thread nobody watches: it fails the scope, and waking the server's thread out of
     * {@code accept()} lets {@link #serve} report it. (Given: nothing to do here.)
     */
    private static Void runConnection(Connection connection, Socket socket, Set<Socket> open, Thread server) {
        try {
            connection.run();
            return null;
        } catch (RuntimeException | Error bug) {
            server.interrupt();
            throw bug;
        } finally {
            open.remove(socket);
        }
    }

    /** Closes every connection, joined or not: the server is closing, or a connection failed. */
    private static void closeAll(Set<Socket> open) {
        // TODO 8: close every socket in `open` (closeQuietly), so that each connection's thread,
        //         blocked reading its client, wakes up, leaves the room and ends.
        //         -- teaches: structured shutdown. The scope's close() (at the end of serve's try
        //         block) then waits for every connection's thread: none outlives serve(). An
        //         interrupt wakes a thread blocked in a socket read only if it is virtual; closing
        //         the socket works on every kind of thread, and the harness may run you on platform
        //         threads. (Until you do this, closing a server that has clients stops here.)
        if (!open.isEmpty()) {
            throw new Todo("8: close every connection when the server closes");
        }
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing more can be done for a socket that fails to close.
        }
    }
}
