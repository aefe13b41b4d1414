package chatlab.stage1;

import chatlab.protocol.Protocol;
import chatlab.stage.ChatStage;
import chatlab.stage.StageContext;
import chatlab.stage.Todo;
import java.net.Socket;

/**
 * Stage 1, the one-shot server: the server of seed 000, a one-to-one chat between you, the
 * operator at the console, and a single client.
 *
 * <p>What you will build: the server prints {@code Waiting for incoming connections...}, accepts
 * one client, exchanges names with it, and then both of you may type any number of lines at any
 * time, until one side leaves with {@code [bye]}. Then the server is done. The exact rules are
 * stage 1's in STUDENT.md; every fixed text is in {@link Protocol}: never retype one.
 *
 * <p>The harness owns the listening socket and the console and hands them to {@link #serve} in a
 * {@link StageContext}: do not open or close the listening socket yourself, and read and print
 * through {@code context.console()}, not {@code System.in} and {@code System.out}.
 *
 * <p>Work through the TODOs in order: TODO 1 below, TODOs 2 to 6 in {@link OneToOneSession}.
 * Run your server with {@code ./chatlab server --stage 1 --impl labs} and, in a second terminal,
 * talk to it with {@code ./chatlab client --stage 1 --port P} (P: the port the server printed).
 * Until you are done, the server stops at the next TODO and tells you which one it is.
 */
public final class OneShotServer implements ChatStage {

    @Override
    public void serve(StageContext context) throws Exception {
        // TODO 1: print Protocol.WAITING on the console, then accept ONE connection from
        //         context.listener(), once, outside any loop, and run a new OneToOneSession on it.
        //         Then simply return: the harness closes the listening socket.
        //         -- teaches: what accept() does (it hands out one connected socket per client), and
        //         the analysis question of seed 000: with accept() called once, the server serves one
        //         client and is done. A client that connects meanwhile waits in the listen backlog,
        //         and is reset when the listening socket closes: try it with a second client.
        throw new Todo("1: print the waiting line, accept one client, run its session");
    }
}
