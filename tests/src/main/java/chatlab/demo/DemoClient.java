package chatlab.demo;

import chatlab.demo.ClientRecord.End;
import chatlab.demo.ClientRecord.TimedLine;
import chatlab.driver.ScriptedClient;
import chatlab.protocol.Protocol;
import chatlab.stage.StageId;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * One scripted client of the demo, as a person would use the lab's client: it arrives on schedule,
 * introduces itself, waits for the server's first answer, says hello, chats until the
 * {@link Schedule} says it is time to go, and leaves with its goodbye. Everything it sees is
 * recorded with its time.
 *
 * <p>Stages 1 and 2: the client speaks first (its name) and its first answer is the operator's
 * name. Stage 3: the server speaks first ({@code NICK}), and that is the first answer.
 */
final class DemoClient {
    /** What "answered at once" means: quicker than a person can tell. */
    static final Duration AT_ONCE = Duration.ofMillis(50);
    private static final Duration WATCHER_MARGIN = Duration.ofSeconds(5);

    private final int index;
    private final String name;
    private final StageId stage;
    private final InetSocketAddress address;
    private final Schedule schedule;
    private final ClientGroup group;
    private final long origin;
    private final Progress progress;

    DemoClient(int index, StageId stage, InetSocketAddress address, Schedule schedule, ClientGroup group,
               long origin, Progress progress) {
        this.index = index;
        this.name = schedule.names().get(index);
        this.stage = stage;
        this.address = address;
        this.schedule = schedule;
        this.group = group;
        this.origin = origin;
        this.progress = progress;
    }

    /** Plays the client's part; returns what it saw. Every wait is bounded by the observation window. */
    ClientRecord run() throws InterruptedException {
        if (!group.awaitTime(origin + schedule.arrival(index).toNanos())) {
            group.settled();
            Duration now = since(System.nanoTime());
            return new ClientRecord(name, now, Optional.empty(), Optional.empty(), "", End.ABORTED, now, "", List.of());
        }
        long called = System.nanoTime();
        ScriptedClient client;
        try {
            client = ScriptedClient.connect(name, address);
        } catch (IOException e) {
            long failed = System.nanoTime();
            group.settled();
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            progress.client(since(failed), name, "could not connect: " + why);
            return new ClientRecord(name, since(called), Optional.empty(), Optional.empty(), "", End.REFUSED,
                    since(failed), why, List.of());
        }
        group.joined(client);
        // Wakes the group when this connection ends, so that a client chatting notices at once.
        Thread watcher = Thread.ofVirtual().name("demo-" + name + "-watch").start(() -> watch(client));
        try {
            return converse(client, called);
        } finally {
            try {
                client.close(); // ends the watcher too: the connection has ended
            } catch (IOException e) {
                // Closing a broken connection: nothing left to do.
            }
            watcher.join(WATCHER_MARGIN);
        }
    }

    private ClientRecord converse(ScriptedClient client, long called) throws InterruptedException {
        long connected = client.connectedNanos();
        progress.client(since(connected), name, "connected");
        if (stage.hasOperator()) {
            trySend(client, name); // stages 1 and 2: the client speaks first
        }
        Optional<ScriptedClient.Received> first = firstLine(client, origin + schedule.observationWindow().toNanos());
        if (first.isEmpty()) {
            group.settled();
            End end;
            long endedAt;
            if (group.aborted() || client.ending() == ScriptedClient.Ending.CLOSED_BY_CLIENT) {
                end = End.ABORTED;
                endedAt = System.nanoTime();
            } else if (client.ending() == ScriptedClient.Ending.OPEN) {
                end = End.GAVE_UP;
                endedAt = System.nanoTime();
                progress.client(since(endedAt), name, "gave up: no answer in " + Wording.seconds(since(endedAt).minus(since(connected))));
            } else {
                end = serverEnding(client);
                endedAt = client.endedNanos();
                progress.client(since(endedAt), name, "never answered; " + describe(end));
            }
            return record(client, called, connected, Optional.empty(), end, endedAt);
        }
        long answered = first.get().nanos();
        group.settled();
        Duration waited = Duration.ofNanos(answered - connected);
        progress.client(since(answered), name, (waited.compareTo(AT_ONCE) < 0 ? "answered at once" : "answered after "
                + Wording.seconds(waited)) + " (\"" + first.get().line() + "\")");

        if (!stage.hasOperator()) {
            trySend(client, name); // stage 3: the answer was NICK; the name is the nickname
        }
        trySend(client, Schedule.hello(name));
        boolean timeToLeave = group.awaitTimeToLeave(client, answered);
        End end;
        long endedAt;
        if (group.aborted()) {
            end = End.ABORTED;
            endedAt = System.nanoTime();
        } else if (timeToLeave && trySend(client, stage.hasOperator() ? Protocol.CLIENT_FAREWELL : Protocol.BYE)) {
            end = End.LEFT;
            endedAt = System.nanoTime();
            progress.client(since(endedAt), name, "leaves");
        } else {
            // The server ended the connection first (or just as the client said goodbye).
            awaitEnd(client);
            end = serverEnding(client);
            endedAt = client.endedNanos();
            progress.client(since(endedAt), name, describe(end) + " while chatting");
        }
        return record(client, called, connected, Optional.of(answered), end, endedAt);
    }

    private ClientRecord record(ScriptedClient client, long called, long connected, Optional<Long> answered,
                                End end, long endedAt) {
        List<TimedLine> lines = client.received().stream().map(r -> new TimedLine(since(r.nanos()), r.line())).toList();
        return new ClientRecord(name, since(called), Optional.of(since(connected)), answered.map(this::since),
                lines.isEmpty() ? "" : lines.getFirst().line(), end, since(endedAt), "", lines);
    }

    private static Optional<ScriptedClient.Received> firstLine(ScriptedClient client, long deadline)
            throws InterruptedException {
        try {
            client.awaitLine(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            return Optional.of(client.received().getFirst());
        } catch (TimeoutException e) {
            return Optional.empty(); // none within the window, or the connection ended without one
        }
    }

    private static End serverEnding(ScriptedClient client) {
        return switch (client.ending()) {
            case RESET, OPEN -> End.RESET; // OPEN: a send failed, so the connection is broken all the same
            case CLOSED_BY_SERVER -> client.lines().contains(Protocol.SERVER_FAREWELL) ? End.FAREWELL : End.CLOSED;
            case CLOSED_BY_CLIENT -> End.ABORTED; // only the demo closes a client early
        };
    }

    private static String describe(End end) {
        return switch (end) {
            case RESET -> "reset";
            case CLOSED -> "closed by the server";
            case FAREWELL -> "the server said goodbye";
            default -> end.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** Sends a line; false if the connection is already broken (the reader records how it ended). */
    private static boolean trySend(ScriptedClient client, String line) {
        try {
            client.send(line);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void awaitEnd(ScriptedClient client) throws InterruptedException {
        try {
            client.awaitEnd(WATCHER_MARGIN);
        } catch (TimeoutException e) {
            // A send failed yet the reader saw no end: treat the connection as reset.
        }
    }

    private void watch(ScriptedClient client) {
        try {
            long left = origin + schedule.observationWindow().plus(WATCHER_MARGIN).toNanos() - System.nanoTime();
            client.awaitEnd(Duration.ofNanos(Math.max(0, left)));
        } catch (TimeoutException | InterruptedException e) {
            // Bounded like every wait of the demo; the client's own script has the last word.
        }
        group.changed();
    }

    private Duration since(long nanos) {
        return Duration.ofNanos(nanos - origin);
    }
}
