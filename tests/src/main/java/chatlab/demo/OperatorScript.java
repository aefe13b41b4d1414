package chatlab.demo;

import chatlab.protocol.Protocol;
import chatlab.stage.QueuedConsole;
import java.util.List;
import java.util.function.Consumer;

/**
 * The operator at the console of stages 1 and 2, played by the demo: when a client's hello appears
 * on the console, the operator types a welcome. The operator never types {@code [bye]}: clients
 * leave by themselves (see {@link Schedule}). Stage 3 only prints to its console; nobody answers.
 */
final class OperatorScript extends QueuedConsole {

    OperatorScript(List<String> clientNames) {
        this(new Replies(clientNames));
    }

    private OperatorScript(Replies replies) {
        super(replies);
        replies.console = this;
    }

    /** Reads what the stage prints and types the answers (set once, before the stage starts). */
    private static final class Replies implements Consumer<String> {
        private final List<String> names;
        private volatile OperatorScript console;

        Replies(List<String> names) {
            this.names = List.copyOf(names);
        }

        @Override
        public void accept(String printed) {
            for (String name : names) {
                if (printed.equals(Protocol.clientSaid(name, Schedule.hello(name)))) {
                    console.type(Schedule.welcome(name));
                }
            }
        }
    }
}
