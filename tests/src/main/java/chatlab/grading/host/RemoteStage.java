package chatlab.grading.host;

import chatlab.harness.Implementation;
import chatlab.harness.Todos;
import chatlab.stage.StageHost;
import chatlab.stage.StageId;
import chatlab.stage.Todo;
import chatlab.suite.StageCrashedError;
import chatlab.suite.StageUnderTest;
import chatlab.suite.StudentNotes;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A stage running in a student JVM, as the graded properties see it: clients connect to it over
 * loopback, and its console, lifetime and threads are the host's ({@link SubmissionHost}) to report.
 * It behaves as a {@code LocalStage} does, so the properties cannot tell them apart, with one
 * addition: when the student JVM ends under the stage, whatever waits on it ends at once, with a
 * {@link StageCrashedError} that tells the student what happened ({@link #failure()} returns it too).
 */
public final class RemoteStage implements StageUnderTest {
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);
    /** How long past its grace a close may take to be answered (the host is busy, the machine loaded). */
    private static final Duration CLOSE_SLACK = Duration.ofSeconds(10);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);
    /** The console lines kept, in characters: a stage printing without end must not fill the driver. */
    private static final long PRINTED_LIMIT = 8L * 1024 * 1024;

    private final StudentJvm jvm;
    private final String key;
    private final StageId stage;
    private final Implementation implementation;
    private final List<String> printed = new ArrayList<>(); // guarded by itself
    private int cursor;                                      // guarded by printed
    private long printedChars;                               // guarded by printed
    private boolean printedTooMuch;                          // guarded by printed
    private final CompletableFuture<Void> returned = new CompletableFuture<>();
    private volatile InetSocketAddress address;
    private volatile Throwable failure;
    private volatile String todo;
    private volatile StageHost.Closing closing;

    RemoteStage(StudentJvm jvm, String key, StageId stage, Implementation implementation) {
        this.jvm = jvm;
        this.key = key;
        this.stage = stage;
        this.implementation = implementation;
    }

    String key() {
        return key;
    }

    void started(int port) {
        address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** The host says the stage printed {@code line}. */
    void printed(String line) {
        synchronized (printed) {
            if (printedChars + line.length() <= PRINTED_LIMIT) {
                printed.add(line);
                printedChars += line.length();
            } else if (!printedTooMuch) {
                printedTooMuch = true;
                StudentNotes.tell(stage + " printed more than " + PRINTED_LIMIT / (1024 * 1024) + " MiB on its console "
                        + "while this property ran; the grader keeps no more than that. A server prints a line per "
                        + "event, not without end.");
            }
            printed.notifyAll();
        }
    }

    /** The host says the stage's serve returned, having thrown {@code thrown} (null: nothing). */
    void returned(Throwable thrown, String todoMessage) {
        failure = thrown;
        todo = todoMessage;
        returned.complete(null);
    }

    /** The student JVM ended. */
    void jvmEnded() {
        synchronized (printed) {
            printed.notifyAll();
        }
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public void type(String operatorLine) {
        if (jvm.stoppedByDriver()) {
            return; // closed and gone: nobody reads the console
        }
        try {
            // Answered once the line is in the console's queue: as for a local stage, a line typed
            // before a client connects is there before the client is.
            jvm.ask(ANSWER_TIMEOUT, HostProtocol.TYPE, key, operatorLine);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void expectPrinted(String line, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (printed) {
            while (true) {
                while (cursor < printed.size()) {
                    if (printed.get(cursor++).equals(line)) {
                        return;
                    }
                }
                if (jvm.hasEnded() && !jvm.stoppedByDriver()) {
                    throw endedUnder();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || jvm.hasEnded()) { // stopped once closed: nothing more will come
                    throw new TimeoutException("console never printed '" + line + "'; it printed " + printed);
                }
                printed.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    @Override
    public List<String> printed() {
        synchronized (printed) {
            return List.copyOf(printed);
        }
    }

    @Override
    public boolean awaitReturn(Duration timeout) throws InterruptedException {
        try {
            CompletableFuture.anyOf(returned, jvm.ended()).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            // cannot happen: neither completes exceptionally
        }
        if (returned.isDone() || jvm.stoppedByDriver()) {
            return returned.isDone();
        }
        throw endedUnder();
    }

    @Override
    public Optional<Throwable> failure() {
        if (failure != null) {
            return Optional.of(failure);
        }
        // A stage closed before its JVM ended was not ended by it.
        return jvm.hasEnded() && !jvm.stoppedByDriver() && closing == null ? Optional.of(jvm.crash()) : Optional.empty();
    }

    @Override
    public Optional<String> notDoneYet() {
        String step = todo;
        return step == null ? Optional.empty() : Optional.of(Todos.notDoneYet(stage, new Todo(step), implementation));
    }

    @Override
    public int threadsAlive() {
        StageHost.Closing closed = closing;
        if (jvm.hasEnded() && closed != null) {
            return closed.threadsAlive();
        }
        try {
            return Integer.parseInt(jvm.ask(ANSWER_TIMEOUT, HostProtocol.THREADS, key).get(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return closed == null ? 0 : closed.threadsAlive();
        }
    }

    @Override
    public StageHost.Closing close(Duration grace) throws InterruptedException {
        StageHost.Closing closed = closing;
        if (jvm.hasEnded()) {
            if (closed != null) {
                return closed;
            }
            throw endedUnder();
        }
        List<String> answer = jvm.ask(grace.plus(CLOSE_SLACK), HostProtocol.CLOSE, key, Long.toString(grace.toMillis()));
        StageHost.Closing now = new StageHost.Closing(Boolean.parseBoolean(answer.get(2)), Integer.parseInt(answer.get(3)));
        if (closed == null) {
            closing = now;
            jvm.closed(this, now.clean());
        }
        return now;
    }

    @Override
    public void close() throws InterruptedException {
        try {
            close(CLOSE_GRACE);
        } catch (StageCrashedError e) {
            // failure() says so, to whoever asks
        }
    }

    /** What to throw when the JVM ended under a wait on this stage. */
    private StageCrashedError endedUnder() {
        return jvm.crash();
    }

    @Override
    public String toString() {
        return "RemoteStage[" + stage + " at " + address + "]";
    }
}
