package chatlab.stage;

import chatlab.protocol.Limits;
import java.net.ServerSocket;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;

/**
 * What the harness hands a stage.
 *
 * @param listener     a bound, listening socket: accept from it, never close it (the harness does)
 * @param console      the operator's console: lines typed by the operator, and a place to print
 * @param threads      the only source of threads the stage may use (see {@link ChatStage})
 * @param operatorName the operator's name, sent to the client in stages 1 and 2
 * @param limits       the hardened room's limits (stage 4)
 */
public record StageContext(ServerSocket listener, OperatorConsole console, ThreadFactory threads,
                           String operatorName, Limits limits) {
    public StageContext {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(console, "console");
        Objects.requireNonNull(threads, "threads");
        Objects.requireNonNull(operatorName, "operatorName");
        Objects.requireNonNull(limits, "limits");
    }
}
