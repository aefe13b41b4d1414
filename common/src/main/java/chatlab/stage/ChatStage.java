package chatlab.stage;

/**
 * What every stage's server is: the contract between a student's code and the harness that runs it.
 *
 * <p>The harness, not the stage, owns the listening socket and the operator's console: it binds the
 * socket (port 0 in tests, so that many servers run side by side), makes the console (the terminal
 * for a person, a script in tests) and hands both to {@link #serve} in a {@link StageContext}.
 *
 * <p>{@code serve} runs until the stage is done (stage 1: after its one session) or until the
 * harness closes it (stages 2 to 4). The harness closes a stage by closing its listening socket,
 * which makes a blocked {@code accept()} throw a {@code SocketException}, and by interrupting the
 * thread that runs {@code serve}. Before {@code serve} returns, every thread the stage started must
 * have ended, and every connection it accepted must be closed.
 *
 * <p>Every thread a stage starts comes from {@link StageContext#threads()}, directly or through
 * {@code Executors.newThreadPerTaskExecutor(threads)} or {@link chatlab.concurrency.TaskScope}:
 * that is how the harness counts the stage's threads and proves that none is left behind.
 *
 * <p>A stage class has a public no-argument constructor; the harness finds it by its name
 * ({@link StageId#className()}).
 */
@FunctionalInterface
public interface ChatStage {

    /**
     * Serves clients until done or closed.
     *
     * @param context the listening socket, the console, the thread factory and the settings
     * @throws Exception anything that went wrong; after the harness closed the stage, the
     *                   {@code SocketException} of a closed listening socket is the normal way out
     */
    void serve(StageContext context) throws Exception;
}
