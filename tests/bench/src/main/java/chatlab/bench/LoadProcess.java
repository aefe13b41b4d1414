package chatlab.bench;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** The load generator's JVM ({@link LoadGenerator}), seen from the benchmark. */
final class LoadProcess {
    private static final Duration RESULT_TIMEOUT = Duration.ofMinutes(2);

    private final ChildProcess child;

    private LoadProcess(ChildProcess child) {
        this.child = child;
    }

    static LoadProcess start(LoadGenerator.Settings settings, int heapMB) {
        return new LoadProcess(ChildProcess.start("the load generator", ChildProcess.javaCommand(
                List.of("-Xmx" + heapMB + "m", "-XX:+UseParallelGC"), LoadGenerator.class, settings.toArguments())));
    }

    /**
     * Waits for the end of the message phase ({@code DELIVERED}), handing the lines on the way
     * (progress, {@code JOINED}, {@code QUIET}) to {@code progress}.
     *
     * @return false if {@code timeout} passed first
     */
    boolean awaitDelivered(Duration timeout, Consumer<ControlLine> progress) throws InterruptedException {
        return child.await("DELIVERED", timeout, progress) != null;
    }

    /** Lets the clients go and returns what they found ({@code RESULT}). */
    ControlLine finish() throws InterruptedException {
        child.send("FINISH");
        ControlLine result = child.await("RESULT", RESULT_TIMEOUT, line -> { });
        if (result == null) {
            throw new ChildProcess.Ended("the load generator gave no result within " + RESULT_TIMEOUT.toSeconds() + " s"
                    + child.errorReport());
        }
        return result;
    }

    void close() throws InterruptedException {
        child.close(Duration.ofSeconds(15));
    }

    void kill() {
        child.kill();
    }
}
