package chatlab.demo;

import chatlab.concurrency.CountingThreadFactory;
import chatlab.harness.Implementation;
import chatlab.harness.Todos;
import chatlab.protocol.Limits;
import chatlab.protocol.Protocol;
import chatlab.stage.ChatStage;
import chatlab.stage.QueuedConsole;
import chatlab.stage.StageHost;
import chatlab.stage.StageId;
import chatlab.stage.Todo;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One run of one stage: starts its server on a loopback port, in this process, with the operator
 * played by an {@link OperatorScript}; lets the {@link Schedule}'s clients arrive; records what
 * each of them saw; then closes the stage as the harness always does.
 *
 * <p>Every wait is bounded: a client waits for its first answer only until the schedule's
 * observation window closes, so a stage that answers nobody costs a few seconds, never a hang. A
 * stage that stops at a {@link Todo} (in {@code serve} or in one of its threads) ends the run at
 * once: it is not done yet, and there is nothing to measure.
 */
final class StageMeasurement {
    /** How long a stage may take to return, and end its threads, once closed. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(5);
    /** A client's script ends within the observation window; this is only a safety net beyond it. */
    private static final Duration CLIENT_SAFETY_MARGIN = Duration.ofSeconds(15);

    private StageMeasurement() {
    }

    static StageRecord measure(StageId stage, ChatStage server, Implementation implementation, Schedule schedule,
                               Progress progress) throws IOException, InterruptedException {
        ClientGroup group = new ClientGroup(schedule.clients());
        AtomicReference<Throwable> threadFailure = new AtomicReference<>();
        Thread.UncaughtExceptionHandler uncaught = (thread, failure) -> {
            threadFailure.compareAndSet(null, failure);
            if (Todos.find(failure).isPresent()) {
                group.abort();
            }
        };
        CountingThreadFactory threads = new CountingThreadFactory(
                Thread.ofVirtual().name(stage.folderName() + "-", 0).uncaughtExceptionHandler(uncaught).factory());
        QueuedConsole console = new OperatorScript(schedule.names());

        StageHost host = StageHost.start(stage, server, StageHost.listen(InetAddress.getLoopbackAddress(), 0), console,
                threads, Protocol.DEFAULT_OPERATOR_NAME, Limits.DEFAULT);
        long origin = System.nanoTime();
        CompletableFuture<Duration> returned = new CompletableFuture<>();
        Thread returnWatch = watchReturn(host, origin, schedule, group, returned);
        List<CompletableFuture<ClientRecord>> clients = startClients(stage, host, schedule, group, origin, progress);
        List<ClientRecord> records;
        Duration closedAt;
        StageHost.Closing closing;
        try {
            records = awaitAll(clients, origin + schedule.observationWindow().plus(CLIENT_SAFETY_MARGIN).toNanos(), group);
        } finally {
            returnWatch.interrupt();
            returnWatch.join();
            closedAt = Duration.ofNanos(System.nanoTime() - origin);
            closing = host.close(CLOSE_GRACE);
            group.abort(); // closes any client still open
        }

        Optional<Throwable> failure = host.failure().or(() -> Optional.ofNullable(threadFailure.get()));
        Optional<Todo> todo = host.failure().flatMap(Todos::find)
                .or(() -> Optional.ofNullable(threadFailure.get()).flatMap(Todos::find));
        if (todo.isPresent()) {
            return new StageRecord.Unavailable(stage, Todos.notDoneYet(stage, todo.get(), implementation));
        }
        return new StageRecord.Measured(stage, records, Optional.ofNullable(returned.getNow(null)), closedAt,
                closeReport(closing), failure.map(StageMeasurement::oneLine));
    }

    /** Notes when {@code serve} returns by itself; a stage that stopped at a TODO ends the run at once. */
    private static Thread watchReturn(StageHost host, long origin, Schedule schedule, ClientGroup group,
                                      CompletableFuture<Duration> returned) {
        return Thread.ofVirtual().name(host.stage().folderName() + "-demo-return").start(() -> {
            try {
                if (host.awaitReturn(schedule.observationWindow().plus(CLIENT_SAFETY_MARGIN))) {
                    returned.complete(Duration.ofNanos(System.nanoTime() - origin));
                    if (host.failure().flatMap(Todos::find).isPresent()) {
                        group.abort(); // a skeleton: there is nothing to watch
                    }
                }
            } catch (InterruptedException e) {
                // The demo is closing the stage: it did not return by itself.
            }
        });
    }

    /** Starts every client of the schedule on a virtual thread of its own; each waits for its arrival time. */
    private static List<CompletableFuture<ClientRecord>> startClients(StageId stage, StageHost host, Schedule schedule,
                                                                      ClientGroup group, long origin, Progress progress) {
        List<CompletableFuture<ClientRecord>> clients = new ArrayList<>();
        for (int i = 0; i < schedule.clients(); i++) {
            DemoClient client = new DemoClient(i, stage, host.address(), schedule, group, origin, progress);
            CompletableFuture<ClientRecord> record = new CompletableFuture<>();
            Thread.ofVirtual().name("demo-" + schedule.names().get(i)).start(() -> {
                try {
                    record.complete(client.run());
                } catch (Throwable t) {
                    record.completeExceptionally(t);
                }
            });
            clients.add(record);
        }
        return clients;
    }

    private static List<ClientRecord> awaitAll(List<CompletableFuture<ClientRecord>> clients, long deadline,
                                               ClientGroup group) throws InterruptedException {
        List<ClientRecord> records = new ArrayList<>();
        try {
            for (CompletableFuture<ClientRecord> client : clients) {
                records.add(client.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
            return records;
        } catch (ExecutionException | TimeoutException e) {
            group.abort();
            throw new IllegalStateException("a client of the demo failed: " + e, e);
        }
    }

    private static Optional<String> closeReport(StageHost.Closing closing) {
        List<String> problems = new ArrayList<>();
        if (!closing.serveReturned()) {
            problems.add("serve() did not return within " + CLOSE_GRACE.toSeconds() + " s of being closed");
        }
        if (closing.threadsAlive() > 0) {
            problems.add(Wording.count(closing.threadsAlive(), "thread", "threads") + " of the stage "
                    + Wording.agree(closing.threadsAlive(), "was", "were") + " still running "
                    + CLOSE_GRACE.toSeconds() + " s after it was closed");
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    private static String oneLine(Throwable failure) {
        String text = failure.toString();
        return "the stage threw " + (text.contains("\n") ? text.substring(0, text.indexOf('\n')) : text);
    }
}
