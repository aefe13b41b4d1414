package chatlab.stage;

import chatlab.concurrency.CountingThreadFactory;
import chatlab.protocol.Limits;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs one stage: the harness side of the {@link ChatStage} contract.
 *
 * <p>{@link #start} calls {@link ChatStage#serve} on a thread of the host's own (a virtual thread,
 * not counted as the stage's), with the listening socket, console and counting thread factory it was
 * given. When {@code serve} returns, the host closes the listening socket. {@link #close} closes the stage as the contract says: it closes the listening socket,
 * interrupts the serving thread, and waits, within a bound, for {@code serve} to return. What it
 * finds (did {@code serve} return in time, how many of the stage's threads are still alive) comes
 * back as a {@link Closing} for the caller to report: the host never waits without a bound.
 */
public final class StageHost implements AutoCloseable {
    private final StageId stage;
    private final ServerSocket listener;
    private final CountingThreadFactory threads;
    private final Thread serving;
    private final CountDownLatch returned = new CountDownLatch(1);
    private volatile Throwable failure;
    private volatile boolean closing;

    private StageHost(StageId stage, ServerSocket listener, CountingThreadFactory threads, ChatStage server,
                      StageContext context) {
        this.stage = stage;
        this.listener = listener;
        this.threads = threads;
        this.serving = Thread.ofVirtual().name(stage.folderName() + "-serve").unstarted(() -> serve(server, context));
    }

    /**
     * Binds a listening socket on {@code address} ({@code port} 0 picks a free one). The backlog is
     * the JDK's usual 50: a client that connects while the stage is not accepting completes its TCP
     * handshake into that backlog and waits there, unanswered.
     */
    public static ServerSocket listen(InetAddress address, int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, port), 50);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Starts {@code server} on a bound {@code listener}. */
    public static StageHost start(StageId stage, ChatStage server, ServerSocket listener, OperatorConsole console,
                                  CountingThreadFactory threads, String operatorName, Limits limits) {
        Objects.requireNonNull(server, "server");
        StageContext context = new StageContext(listener, console, threads, operatorName, limits);
        StageHost host = new StageHost(stage, listener, threads, server, context);
        host.serving.start();
        return host;
    }

    private void serve(ChatStage server, StageContext context) {
        try {
            server.serve(context);
        } catch (Throwable t) {
            // After close() a closed socket or an interrupt is the normal way out, even wrapped by
            // a scope or an UncheckedIOException; before close(), or anything else, is a failure.
            if (!(closing && causedByClosing(t))) {
                failure = t;
            }
        } finally {
            // A stage that returns is done serving: close the listening socket, so that a client
            // still waiting in its backlog is reset rather than left waiting for an answer.
            closeListener();
            returned.countDown();
        }
    }

    private static boolean causedByClosing(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SocketException || t instanceof InterruptedException
                    || t instanceof java.nio.channels.ClosedByInterruptException) {
                return true;
            }
        }
        return false;
    }

    private void closeListener() {
        try {
            listener.close();
        } catch (IOException e) {
            // Closing a listening socket cannot fail in a way that matters here.
        }
    }

    public StageId stage() {
        return stage;
    }

    /** The address clients connect to. */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** The stage's threads. */
    public CountingThreadFactory threads() {
        return threads;
    }

    /** Whether {@code serve} has returned (or thrown). */
    public boolean hasReturned() {
        return returned.getCount() == 0;
    }

    /** Waits at most {@code timeout} for {@code serve} to return; tells whether it did. */
    public boolean awaitReturn(Duration timeout) throws InterruptedException {
        return returned.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * What {@code serve} threw, if anything. A {@link Todo} means the stage is a skeleton not filled
     * in yet. The closed socket or interrupt that {@link #close} causes is not a failure.
     */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * Closes the stage and waits up to {@code grace} for {@code serve} to return and for every
     * thread of the stage to end. The listening socket is closed in any case.
     */
    public Closing close(Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        closing = true;
        closeListener();
        serving.interrupt();
        boolean serveReturned = returned.await(grace.toNanos(), TimeUnit.NANOSECONDS);
        Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        threads.awaitNoneAlive(left);
        return new Closing(serveReturned, threads.alive());
    }

    /** Closes with a grace of 10 seconds. */
    @Override
    public void close() throws InterruptedException {
        close(Duration.ofSeconds(10));
    }

    /**
     * What {@link #close(Duration)} found.
     *
     * @param serveReturned whether {@code serve} returned within the grace period
     * @param threadsAlive  threads the stage started that were still alive at the end of it
     */
    public record Closing(boolean serveReturned, int threadsAlive) {
        /** Whether the stage closed as the contract asks: returned, no thread left behind. */
        public boolean clean() {
            return serveReturned && threadsAlive == 0;
        }
    }
}
