package chatlab.stage1;

import chatlab.protocol.Protocol;
import chatlab.stage.ChatStage;
import chatlab.stage.StageContext;
import java.net.Socket;

/**
 * Stage 1, the one-shot server: the server of seed 000, a one-to-one chat between the operator at
 * the console and a single client.
 *
 * <p>What it teaches:
 * <ul>
 *   <li>the life of a server socket: a listening socket waits; {@code accept()} hands out one
 *       connected socket per client, and a client can connect (into the listen backlog) long
 *       before, or without ever, being accepted;</li>
 *   <li>the analysis question of seed 000: with {@code accept()} called once, outside any loop,
 *       the server serves exactly one client and then is done (stage 2 puts it in a loop);</li>
 *   <li>full duplex: the seed alternates turns, so neither side can send two lines in a row. Here
 *       each direction has its own thread (see {@link OneToOneSession}).</li>
 * </ul>
 */
public final class OneShotServer implements ChatStage {

    @Override
    public void serve(StageContext context) throws Exception {
        context.console().println(Protocol.WAITING);
        // accept() once, outside any loop: this is what makes the server "one-shot". Whoever
        // connects after this client waits in the listen backlog and is never accepted.
        Socket client = context.listener().accept();
        new OneToOneSession(client, context).run();
        System.exit(0); // one client served: the one-shot server is done, end the program
    }
}
