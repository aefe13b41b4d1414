package chatlab.stage2;

import chatlab.concurrency.Subtask;
import chatlab.concurrency.TaskScope;
import chatlab.protocol.LineReader;
import chatlab.protocol.LineWriter;
import chatlab.protocol.Protocol;
import chatlab.stage.OperatorConsole;
import chatlab.stage.StageContext;
import chatlab.stage.Todo;
import java.io.IOException;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.ThreadFactory;

/**
 * One conversation between the operator at the console and one connected client, from the
 * client's name to the moment either side leaves: your stage 1 session, carried over.
 */
final class OneToOneSession {
    private final Socket socket;
    private final OperatorConsole console;
    private final ThreadFactory threads;
    private final String operatorName;

    OneToOneSession(Socket socket, StageContext context) {
        this.socket = socket;
        this.console = context.console();
        this.threads = context.threads();
        this.operatorName = context.operatorName();
    }

    /**
     * Runs the session until either side leaves, then closes the connection.
     *
     * @throws InterruptedException if the stage was closed during the session
     */
    void run() throws InterruptedException {
        // TODO 2: carry your stage 1 session over: replace this class's body, from the fields down,
        //         with the body of your labs/stage1/.../OneToOneSession.java (run(), chat() and the
        //         two relays). Only the package line differs. Stages are independent modules, so a
        //         stage never uses another's code: each carries its own copy.
        //         -- teaches: what changes when sessions follow one another. When one ends, BOTH of
        //         its relay threads must have ended before the next client is accepted. If the
        //         console relay were left blocked in console.readLine() after its client left, it
        //         would take the operator's next line, the first one meant for the next client, and
        //         send it to the dead connection. The first-completion scope of stage 1's TODO 4
        //         cancels it and waits for it: check that yours does. (Try: a client leaves, a second
        //         one connects, and the first line you type must reach the second client.)
        throw new Todo("2: carry your stage 1 session over");
    }
}
