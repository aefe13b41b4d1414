package chatlab.stage4;

import chatlab.concurrency.TaskScope;
import chatlab.stage.ChatStage;
import chatlab.stage.StageContext;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stage 4, the hardened room: stage 3's room made safe against the clients it cannot trust and the
 * load it cannot predict.
 *
 * <p>What it teaches, beyond stage 3:
 * <ul>
 *   <li>validate what comes in: nicknames (any script, unique ignoring case, reserved words), line
 *       length, UTF-8, and a deadline for the handshake (see {@link ConnectionReader});</li>
 *   <li>never block while holding a shared lock: the room only appends lines to its transcript,
 *       and each member's own writer sends them (see {@link Room}, {@link Transcript},
 *       {@link Outbox}), so one slow member delays nobody;</li>
 *   <li>bound what waits: a member that falls more than a limit behind is dropped;</li>
 *   <li>structured lifetime, all the way down: the server is a scope of its connections, each
 *       connection a scope of its reader and writer (see {@link Connection}); shutting down tells
 *       every client why, then waits for every thread it started.</li>
 * </ul>
 */
public final class HardenedRoomServer implements ChatStage {

    @Override
    public void serve(StageContext context) throws Exception {
        Room room = new Room(context.limits().maxQueuedBytes());
        Set<Connection> connections = ConcurrentHashMap.newKeySet(); // joined or not, until they end
        Thread server = Thread.currentThread();
        try (TaskScope scope = TaskScope.open(context.threads())) {
            try {
                while (true) {
                    // Ends with a SocketException once the harness closes the listening socket.
                    Socket socket = context.listener().accept();
                    Connection connection = new Connection(socket, room, context);
                    connections.add(connection);
                    scope.fork(() -> runConnection(connection, connections, server));
                }
            } finally {
                shutDown(room, connections, scope);
            }
        }
    }

    /**
     * Runs one connection, on its own thread. A bug (or a TODO of the lab not done yet) must not die
     * quietly on a thread nobody watches: it fails the scope, and waking the server's thread out of
     * {@code accept()} lets {@link #serve} report it.
     */
    private static Void runConnection(Connection connection, Set<Connection> connections, Thread server) {
        try {
            connection.run();
            return null;
        } catch (RuntimeException | Error bug) {
            server.interrupt();
            throw bug;
        } finally {
            connections.remove(connection);
        }
    }

    /**
     * The orderly shutdown: close the room first, so that no departure is announced while everyone
     * is being disconnected; tell every connection, joined or not, that the server is shutting down;
     * wait for each to end, which takes no longer than its writer's grace; then close what is left.
     */
    private static void shutDown(Room room, Set<Connection> connections, TaskScope scope) {
        room.close();
        connections.forEach(Connection::shutDown);
        try {
            joinUninterruptibly(scope);
        } finally {
            connections.forEach(Connection::abort); // none left, unless a connection failed
        }
    }

    /**
     * Waits for every connection to end, and throws if one failed: a bug is reported, not hidden.
     * The harness interrupts this thread to close the stage, maybe more than once: keep waiting
     * anyway, and keep the interrupt for later. Leaving now would cut the last words short.
     */
    private static void joinUninterruptibly(TaskScope scope) {
        boolean interrupted = Thread.interrupted();
        try {
            while (true) {
                try {
                    scope.join();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
