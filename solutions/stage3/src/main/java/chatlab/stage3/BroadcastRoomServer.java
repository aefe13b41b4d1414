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
                    connections.fork(() -> {
                        try {
                            connection.run();
                            return null;
                        } catch (RuntimeException | Error bug) {
                            // A bug (or a TODO of the lab not done yet) must not die quietly on a
                            // thread nobody watches: it fails the scope, and waking this thread
                            // out of accept() lets serve() report it.
                            server.interrupt();
                            throw bug;
                        } finally {
                            open.remove(socket);
                        }
                    });
                }
            } finally {
                // Closed by the harness (or failed): close every connection, so that each thread
                // blocked reading its client wakes up, leaves the room and ends. The scope's close()
                // then waits for all of them: no thread outlives serve().
                for (Socket socket : open) {
                    closeQuietly(socket);
                }
                if (connections.isCancelled()) {
                    connections.join(); // a connection failed: throws that failure rather than the closed socket
                }
            }
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
