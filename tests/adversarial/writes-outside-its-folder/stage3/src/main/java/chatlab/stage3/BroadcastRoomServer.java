package chatlab.stage3;

import chatlab.concurrency.TaskScope;
import chatlab.stage.ChatStage;
import chatlab.stage.StageContext;
import java.io.IOException;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stage 3, the broadcast room (seeds 001 to 004): many clients at once, each served by a virtual
 * thread of its own, every line sent to every member.
 *
 * <p>What it teaches:
 * <ul>
 *   <li>a thread per client, so that one client waiting for input never holds up another (the
 *       seeds use platform threads; a virtual thread costs so little that thousands are fine);</li>
 *   <li>line framing: TCP delivers a stream of bytes, not messages (see {@link Connection});</li>
 *   <li>shared state under one lock: the {@link Room}'s members, and one order of its events;</li>
 *   <li>structured lifetime: the server is a scope of its connections. Closing the server closes
 *       every connection and waits for every thread, so none outlives {@link #serve}.</li>
 * </ul>
 *
 * <p>It keeps seed 004's known flaw on purpose: the room writes to each member while holding its
 * lock, so one member that stops reading stalls the whole room. Stage 4 fixes that.
 */
public final class BroadcastRoomServer implements ChatStage {

    @Override
    public void serve(StageContext context) throws Exception {
        Room room = new Room();
        // Every accepted socket, joined or not, until its connection is over: closing them is how
        // the server ends its connections, on virtual and platform threads alike.
        Set<Socket> open = ConcurrentHashMap.newKeySet();
        Thread server = Thread.currentThread();
        try (TaskScope connections = TaskScope.open(context.threads())) {
            try {
                while (true) {
                    // Ends with a SocketException once the harness closes the listening socket.
                    Socket socket = context.listener().accept();
                    open.add(socket);
                    Connection connection = new Connection(socket, room, context.console());
                    connections.fork(() -> runConnection(connection, socket, open, server));
                }
            } finally {
                // Closed by the harness (or failed): close every connection. The scope's close()
                // then waits for all their threads: no thread outlives serve().
                closeAll(open);
                if (connections.isCancelled()) {
                    connections.join(); // a connection failed: throws that failure rather than the closed socket
                }
            }
        }
    }

    /**
     * Runs one connection, on its own thread. A bug (or a TODO of the lab not done yet) must not die
     * quietly on a thread nobody watches: it fails the scope, and waking the server's thread out of
     * {@code accept()} lets {@link #serve} report it.
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

    /**
     * Closes every connection, joined or not: each thread blocked reading its client wakes up,
     * leaves the room and ends. An interrupt (the scope's cancellation) would wake a socket read
     * only on a virtual thread; closing the socket works on every kind.
     */
    private static void closeAll(Set<Socket> open) {
        for (Socket socket : open) {
            closeQuietly(socket);
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
