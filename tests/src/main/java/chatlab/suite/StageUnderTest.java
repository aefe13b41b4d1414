package chatlab.suite;

import chatlab.stage.StageHost;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * A running stage as the graded properties see it: an address to connect to, the operator's
 * console, and the harness's view of its lifetime. The stage may run in this JVM or, when a class
 * is graded, in a JVM of its own; the properties cannot tell.
 */
public interface StageUnderTest extends AutoCloseable {

    /** Where clients connect. */
    InetSocketAddress address();

    /** Types a line at the operator's console. */
    void type(String operatorLine);

    /** Waits until the console prints {@code line} (after what the previous call matched). */
    void expectPrinted(String line, Duration timeout) throws InterruptedException, TimeoutException;

    /** Every line printed on the console so far. */
    List<String> printed();

    /** Waits at most {@code timeout} for the stage's {@code serve} to return; tells whether it did. */
    boolean awaitReturn(Duration timeout) throws InterruptedException;

    /** What the stage threw, if anything (not counting how closing it ends it). */
    Optional<Throwable> failure();

    /** When the stage threw a lab skeleton's {@code Todo}: the line that says which step comes next. */
    Optional<String> notDoneYet();

    /** Threads the stage started that are still alive. */
    int threadsAlive();

    /** Closes the stage as the harness does, and reports whether it returned and left no thread. */
    StageHost.Closing close(Duration grace) throws InterruptedException;

    /** Closes the stage if it still runs. */
    @Override
    void close() throws InterruptedException;
}
