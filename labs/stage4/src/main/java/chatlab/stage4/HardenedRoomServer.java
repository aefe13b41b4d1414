package chatlab.stage4;

import chatlab.concurrency.TaskScope;
import chatlab.stage.ChatStage;
import chatlab.stage.StageContext;
import chatlab.stage.Todo;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stage 4, the hardened room: stage 3's room made safe against the clients it cannot trust and the
 * load it cannot predict.
 *
 * <p>What you will build: all of stage 3, plus nickname rules (any script, unique ignoring case,
 * {@code NICK} and {@code ERROR} reserved, a deadline to choose one), a limit on line length, a
 * polite answer to bytes that are not UTF-8, a room that one slow member cannot stall, and a
 * shutdown that tells every client why. The rules are stage 4's in STUDENT.md; every fixed text is
 * in {@code Protocol}, the nickname rules in {@code Nicknames}, the numbers in {@code Limits}.
 *
 * <p><b>Start by carrying over your stage 3 code.</b> Stages are independent modules, so this one
 * cannot call your stage 3 classes: copy what they do into the places the TODOs below name. Your
 * accept loop goes here (TODO 1); your handshake and relay go to {@link ConnectionReader} (TODOs 5
 * to 8); your room's join, say and leave go to {@link Room} (TODO 7). What changes is how lines
 * reach a client. In stage 3 the room wrote to every member's socket while holding its lock, so
 * one member that stopped reading stalled everyone (seed 004's flaw). Here each connection has two
 * threads, a {@link ConnectionReader} and a {@link ConnectionWriter}. The room only appends lines
 * to its {@link Transcript}; each writer reads them from its own place, through the connection's
 * {@link Outbox}, and only a member's own writer waits for it.
 *
 * <p>Work through the TODOs in order, 1 to 11. Run it with {@code ./chatlab server --stage 4 --impl
 * labs}; try {@code nc localhost <port>} with a wrong nickname, a long line, and Ctrl-Z (a client
 * that stops reading) while another client talks.
 */
public final class HardenedRoomServer implements ChatStage {

    @Override
    public void serve(StageContext context) throws Exception {
        Room room = new Room(context.limits().maxQueuedBytes());
        Set<Connection> connections = ConcurrentHashMap.newKeySet(); // joined or not, until they end
        Thread server = Thread.currentThread();
        try (TaskScope scope = TaskScope.open(context.threads())) {
            try {
                // TODO 1: carry over your stage 3 accept loop. The difference: make a
                //         new Connection(socket, room, context), add it to `connections`, and fork
                //         runConnection(connection, connections, server) into the scope.
                //         -- teaches: the same structure as stage 3, one level up: the server is a
                //         scope of its connections, and (TODO 2) each connection a scope of its threads.
                throw new Todo("1: carry over your stage 3 accept loop");
            } finally {
                shutDown(room, connections, scope);
            }
        }
    }

    /**
     * Runs one connection, on its own thread. A bug (or a TODO not done yet) must not die quietly on a
     * thread nobody watches: it fails the scope, and waking the server's thread out of
     * {@code accept()} lets {@link #serve} report it. (Given: nothing to do here.)
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
     * The orderly shutdown: tell every client why, wait for every connection to end, close what is
     * left.
     */
    private static void shutDown(Room room, Set<Connection> connections, TaskScope scope) {
        // TODO 11: in this order: room.close(); connection.shutDown() for every connection; then
        //          joinUninterruptibly(scope), and in a finally block connection.abort() for any
        //          connection still in the set. (Then delete the if block below.)
        //          -- teaches: an orderly shutdown. The room closes first, so that no one's leaving
        //          is announced while everyone is being disconnected. Every connection, joined or
        //          not, gets ERROR server shutting down, delivered by its own writer. Each connection
        //          then ends by itself within its writer's grace (TODO 2), so waiting for the scope
        //          is bounded; aborting is for the connections of a server that failed.
        if (!connections.isEmpty()) {
            throw new Todo("11: shut down: tell every connection, then wait for them");
        }
        joinUninterruptibly(scope);
    }

    /**
     * Waits for every connection to end, and throws if one failed: a bug is reported, not hidden.
     * The harness interrupts this thread to close the stage, maybe more than once: keep waiting
     * anyway, and keep the interrupt for later. Leaving now would cut the last words short. (Given.)
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
