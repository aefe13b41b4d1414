package chatlab.stage2;

import chatlab.protocol.Protocol;
import chatlab.stage.ChatStage;
import chatlab.stage.StageContext;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Stage 2, the accept loop: stage 1's one-to-one chat with {@code accept()} inside an infinite
 * loop, so that the server serves client after client instead of exiting after the first.
 *
 * <p>What it teaches: the other half of seed 000's analysis question. With {@code accept()} in a
 * loop the server keeps serving, but still one client at a time, because the session runs on the
 * accepting thread: clients that connect meanwhile wait in the listen backlog, in arrival order,
 * unanswered until their turn comes. (Serving them at the same time needs a thread per client:
 * that is stage 3.)
 */
public final class AcceptLoopServer implements ChatStage {

    @Override
    public void serve(StageContext context) throws Exception {
        try (ServerSocket server = new ServerSocket(5050)) { // seed 000's port, as in its PORT = 5050
            while (true) {
                context.console().println(Protocol.WAITING);
                Socket client = server.accept();
                new OneToOneSession(client, context).run();
            }
        }
    }
}
