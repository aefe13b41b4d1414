package chatlab.stage2;

import chatlab.protocol.Protocol;
import chatlab.stage.ChatStage;
import chatlab.stage.StageContext;
import chatlab.stage.Todo;
import java.net.Socket;

/**
 * Stage 2, the accept loop: stage 1's one-to-one chat with {@code accept()} inside an infinite
 * loop, so that the server serves client after client instead of exiting after the first.
 *
 * <p>What you will build: sessions exactly as in stage 1, one at a time, in the order the clients
 * arrived. Before each {@code accept()} the server prints {@code Waiting for incoming
 * connections...}. A client that connects during a session waits, unanswered, until its turn.
 * The server runs until the harness closes it. The rules are stage 2's in STUDENT.md.
 *
 * <p>Stages are independent: this one does not use your stage 1 code, it needs its own copy of
 * your session (TODO 2, in {@link OneToOneSession}). Work through the TODOs in order. Run it with
 * {@code ./chatlab server --stage 2 --impl labs}, and connect two or three clients at once.
 */
public final class AcceptLoopServer implements ChatStage {

    @Override
    public void serve(StageContext context) throws Exception {
        // TODO 1: in an infinite loop (while (true)): print Protocol.WAITING, accept the next
        //         connection from context.listener(), and run a new OneToOneSession on it, right
        //         here, on this thread. Start no thread per client.
        //         -- teaches: the other half of seed 000's analysis question. With accept() in a
        //         loop the server keeps serving, but one client at a time, since the session runs on
        //         the accepting thread; clients arriving meanwhile wait in the listen backlog, in
        //         arrival order. How does the loop end? When the harness closes the listening socket,
        //         accept() throws a SocketException: let it out of serve, that is the normal way out.
        throw new Todo("1: accept clients in an infinite loop, one session at a time");
    }
}
