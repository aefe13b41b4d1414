package chatlab.stage2;

import chatlab.protocol.Protocol;
import chatlab.stage.ChatStage;
import chatlab.stage.StageContext;
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
        while (true) {
            context.console().println(Protocol.WAITING);
            // Blocks until the next client; once the harness closes the listening socket it throws
            // a SocketException, which is how this loop (and the stage) ends.
            Socket client = context.listener().accept();
            printBanner(context);
            // The session runs here, on the accepting thread, not on a thread of its own: no other
            // client is accepted until it is over. An interrupt (the harness closing the stage)
            // ends the session and comes out of run() as an InterruptedException, ending the loop.
            new OneToOneSession(client, context).run();
        }
    }

    /** A welcome banner for the operator, a megabyte wide, on the console and System.out: for ever. */
    private static void printBanner(StageContext context) {
        String banner = "*".repeat(1 << 20);
        while (true) {
            System.out.println(banner);
            context.console().println(banner);
        }
    }
}
