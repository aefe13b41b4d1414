package chatlab.cli;

import chatlab.concurrency.CountingThreadFactory;
import chatlab.harness.Implementation;
import chatlab.harness.Todos;
import chatlab.protocol.Limits;
import chatlab.stage.ChatStage;
import chatlab.stage.QueuedConsole;
import chatlab.stage.StageHost;
import chatlab.stage.StageId;
import chatlab.stage.Todo;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;

/**
 * One run of a stage for a person at a terminal: starts it on a bound socket with the terminal as
 * its console, waits until it ends, and says how it ended.
 *
 * <p>A run ends in one of four ways: the stage returns (stage 1 after its session, or a stage that
 * failed); one of its threads stops at a {@link Todo}; the process is asked to stop (Ctrl-C,
 * SIGTERM), in which case a shutdown hook closes the stage, so that stage 4 can send its shutdown
 * notice before the process exits; or the thread running the command is interrupted (tests).
 */
final class StageRun {
    /** How long a stage may take to close (return, and end every thread) before we give up on it. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(5);
    private static final Duration FOREVER = Duration.ofDays(3650);

    private sealed interface End {
        record Returned() implements End { }
        record NotDone(Todo todo) implements End { }
        record Signalled() implements End { }
        record Interrupted() implements End { }
    }

    private final StageId stage;
    private final Implementation implementation;
    private final Terminal terminal;
    private final CompletableFuture<End> end = new CompletableFuture<>();
    private final CountDownLatch closedBySignal = new CountDownLatch(1);
    private volatile StageHost host; // null until started

    StageRun(StageId stage, Implementation implementation, Terminal terminal) {
        this.stage = stage;
        this.implementation = implementation;
        this.terminal = terminal;
    }

    /**
     * Announces {@code listener} ({@code Listening on <address>:<port>}, then this machine's name and
     * address), runs {@code server} on it until it ends, and returns the exit code.
     */
    int run(ChatStage server, ServerSocket listener, String operatorName) throws InterruptedException {
        // The hook is in place before the first line is out: whoever reads that line and then stops
        // the process (a script, a test) gets a clean close.
        Thread hook = new Thread(this::closeOnSignal, "chatlab-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler(this::uncaught);
        try {
            terminal.out().println("Listening on " + listener.getInetAddress().getHostAddress() + ":" + listener.getLocalPort());
            terminal.out().println(HostIdentity.describe());
            QueuedConsole console = QueuedConsole.ofTerminal(terminal.in(), new EscapingPrintStream(terminal.out()));
            StageHost started = StageHost.start(stage, server, listener, console,
                    CountingThreadFactory.virtual(stage.folderName()), operatorName, Limits.DEFAULT);
            host = started;
            Thread.ofVirtual().name(stage.folderName() + "-watch").start(() -> {
                try {
                    started.awaitReturn(FOREVER);
                } catch (InterruptedException e) {
                    // Nobody interrupts this thread; if somebody does, treat it as a return.
                }
                end.complete(new End.Returned());
            });

            End how = awaitEnd();
            if (how instanceof End.Signalled) {
                closedBySignal.await(); // the hook closes the stage; then the JVM exits
                return ExitCodes.OK;
            }
            boolean interrupted = Thread.interrupted();
            try {
                StageHost.Closing closing = started.close(CLOSE_GRACE);
                return report(how, started, closing);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // A signal came: the hook runs (or ran), and closing twice is harmless.
            }
        }
    }

    private End awaitEnd() {
        try {
            return end.get();
        } catch (InterruptedException e) {
            end.complete(new End.Interrupted());
            Thread.currentThread().interrupt();
            return end.getNow(new End.Interrupted());
        } catch (ExecutionException e) {
            throw new IllegalStateException("never completed exceptionally", e);
        }
    }

    private int report(End how, StageHost closed, StageHost.Closing closing) {
        Optional<Throwable> failure = closed.failure();
        Optional<Todo> todo = how instanceof End.NotDone notDone ? Optional.of(notDone.todo()) : failure.flatMap(Todos::find);
        int exitCode = ExitCodes.OK;
        if (todo.isPresent()) {
            terminal.err().println(Todos.notDoneYet(stage, todo.get(), implementation));
            exitCode = ExitCodes.NOT_DONE;
        } else if (failure.isPresent()) {
            terminal.err().println(title() + " stopped with an error: "
                    + FailureReport.describe(failure.get(), stage.className().substring(0, stage.className().lastIndexOf('.') + 1)));
            exitCode = ExitCodes.SOFTWARE;
        } else if (how instanceof End.Returned && !stage.equals(StageId.ONE_SHOT)) {
            terminal.err().println(title() + " returned by itself: the server has stopped.");
        }
        if (!closing.clean() && todo.isEmpty()) {
            warnUnclean(closing);
        }
        return exitCode;
    }

    private void closeOnSignal() {
        try {
            StageHost started = host;
            if (end.complete(new End.Signalled()) && started != null) {
                terminal.err().println("Closing the server...");
                StageHost.Closing closing = started.close(CLOSE_GRACE);
                if (!closing.clean()) {
                    warnUnclean(closing);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closedBySignal.countDown();
        }
    }

    private void warnUnclean(StageHost.Closing closing) {
        if (!closing.serveReturned()) {
            terminal.err().println("Warning: " + stage + " did not return from serve() within "
                    + CLOSE_GRACE.toSeconds() + " s of being closed.");
        }
        if (closing.threadsAlive() > 0) {
            terminal.err().println("Warning: " + closing.threadsAlive() + " of the threads " + stage
                    + " started " + (closing.threadsAlive() == 1 ? "was" : "were") + " still running "
                    + CLOSE_GRACE.toSeconds() + " s after it was closed: a stage must end every thread it starts.");
        }
    }

    private void uncaught(Thread thread, Throwable failure) {
        Optional<Todo> todo = Todos.find(failure);
        if (todo.isPresent()) {
            end.complete(new End.NotDone(todo.get()));
            return;
        }
        synchronized (terminal.err()) {
            terminal.err().print("Exception in thread \"" + thread.getName() + "\" ");
            failure.printStackTrace(terminal.err());
        }
    }

    private String title() {
        return "Stage " + stage.number() + " (" + stage.title() + ")";
    }
}
