package chatlab.suite;

import chatlab.driver.ScriptedClient;
import chatlab.property.Choices;
import chatlab.property.Gen;
import chatlab.protocol.Limits;
import chatlab.protocol.Protocol;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The graded properties of stage 3, the broadcast room (30 points). Each compares what the room
 * does with the protocol's model of it, over generated scenarios: one step at a time, where the
 * model says exactly which lines each member receives ({@link RoomDriver}), and many members at
 * once, where it says which orders are possible ({@link RoomStress}, {@link RoomConsistency}).
 */
@DisplayName("Stage 3: broadcast room")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class BroadcastRoomProperties {
    /**
     * How long the smaller properties shrink a failing scenario. Their scenarios are small already,
     * and a room that fails by never sending a line costs a whole line timeout per rerun.
     */
    private static final Duration SHORT_SHRINKING = Duration.ofSeconds(5);

    @GradedProperty(stage = 3, points = 8, tries = 12)
    @Order(1)
    @DisplayName("every member receives exactly the room's events, in order, for any schedule")
    void everyMemberReceivesTheRoomsEvents(PropertyContext properties) {
        properties.forAll(RoomScenarios.schedules(4, 14, Limits.MAX_LINE_BYTES))
                .check(scenario -> play(properties, scenario));
    }

    @GradedProperty(stage = 3, points = 4, tries = 6)
    @Order(2)
    @DisplayName("members that are cut off, close without [bye] or vanish before joining do not stop the room")
    void departuresDoNotStopTheRoom(PropertyContext properties) {
        properties.forAll(departures()).shrinkingFor(SHORT_SHRINKING).check(scenario -> play(properties, scenario));
    }

    @GradedProperty(stage = 3, points = 4, tries = 6)
    @Order(3)
    @DisplayName("a message's text cannot change whose name it carries: the server adds the sender's nickname")
    void textCannotChangeTheSender(PropertyContext properties) {
        properties.forAll(impersonations()).shrinkingFor(SHORT_SHRINKING).check(scenario -> {
            try {
                play(properties, scenario);
            } catch (AssertionError e) {
                if (e.getMessage().startsWith(ROOM_FAILED)) {
                    throw e;
                }
                throw new AssertionError(e.getMessage() + "\n\nWhatever a member types, even something that "
                        + "looks like another member's line, reaches everyone as \"<its own nickname>: <what it "
                        + "typed>\": the server adds the nickname the member chose when it joined.", e);
            }
        });
    }

    @GradedProperty(stage = 3, points = 5, tries = 5)
    @Order(4)
    @DisplayName("clients arriving together are all answered at once, and join in whatever order they answer")
    void clientsArrivingTogetherAreServedAtOnce(PropertyContext properties) {
        properties.forAll(arrivals()).shrinkingFor(SHORT_SHRINKING).check(arrival -> {
            try (StageUnderTest room = properties.start()) {
                new ArrivalCheck(arrival, properties.lineTimeout()).play(room);
            }
        });
    }

    @GradedProperty(stage = 3, points = 9, tries = 16)
    @Order(5)
    @DisplayName("many members at once: whole lines, each event once to everyone in the room, in one order for all")
    void manyMembersAtOnce(PropertyContext properties) {
        properties.forAll(RoomStress.scenarios(6, 8, 60)).shrinkingFor(SHORT_SHRINKING).check(scenario -> {
            try (StageUnderTest room = properties.start()) {
                stress(room, scenario, properties.lineTimeout());
            }
        });
    }

    /**
     * Plays a room scenario step by step on a fresh room, then checks that the room did not fail.
     * The room is closed before the clients, so that a room whose threads spin at end of stream
     * never sees every client close while it still runs (it would spin on every processor).
     */
    private static void play(PropertyContext properties, RoomScenario scenario) throws Exception {
        try (StageUnderTest room = properties.start()) {
            RoomDriver driver = new RoomDriver(room.address(), properties.lineTimeout());
            try {
                driver.play(scenario);
                closeAndCheck(room);
            } catch (AssertionError e) {
                room.close();
                throw withFailure(e.getMessage(), room, e);
            } finally {
                room.close();
                driver.close();
            }
        }
    }

    /** Plays a stress scenario, checks what everyone received, then that the room did not fail. */
    static void stress(StageUnderTest room, RoomStress.Scenario scenario, Duration lineTimeout) throws Exception {
        RoomStress.Observation seen = RoomStress.run(scenario, room, lineTimeout);
        Optional<String> problem = RoomConsistency.check(scenario, seen); // the room is closed by now
        if (problem.isPresent()) {
            throw withFailure(problem.get(), room, null);
        }
        closeAndCheck(room);
    }

    /**
     * Closes the room and checks that it had not failed meanwhile: a room that throws once its
     * members have what they expected still broke (a thread that died, the room closed on everyone).
     */
    static void closeAndCheck(StageUnderTest room) throws InterruptedException {
        room.close(CLOSE_GRACE);
        Optional<Throwable> failure = room.failure();
        if (failure.isPresent()) {
            throw new AssertionError(ROOM_FAILED + describe(failure.get()) + ".");
        }
    }

    /** {@code problem}, and what the room threw if it failed: often the reason why. */
    private static AssertionError withFailure(String problem, StageUnderTest room, Throwable cause) {
        String failed = problem.startsWith(ROOM_FAILED) ? ""
                : room.failure().map(f -> "\n\nThe room itself failed meanwhile: " + describe(f) + ".").orElse("");
        return new AssertionError(problem + failed, cause);
    }

    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);
    private static final String ROOM_FAILED = "Every member received what it should, but the room failed meanwhile: ";

    /** The exception that ended the room, without the wrappers around it, and where it was thrown. */
    private static String describe(Throwable failure) {
        return StageFailures.describe(failure);
    }

    // ---- departures ----------------------------------------------------------------------------

    private enum Departure { CLOSE, DROP, CLOSE_MID_LINE, VANISH }

    /**
     * A room of two or three members, then departures of every kind (at least one close without
     * {@code [bye]} and one cut connection), each followed by a message of someone still in the
     * room, and now and then a newcomer.
     */
    static Gen<RoomScenario> departures() {
        Gen<List<Departure>> kinds = Gen.listOf(Gen.elementOf(Departure.values()), 0, 3);
        return c -> {
            List<Departure> plan = new ArrayList<>(kinds.generate(c));
            for (Departure needed : List.of(Departure.CLOSE, Departure.DROP)) {
                if (!plan.contains(needed)) {
                    plan.add(c.between(0, plan.size()), needed);
                }
            }
            Room room = new Room(c);
            int first = c.between(2, 3);
            for (int i = 0; i < first; i++) {
                room.join();
            }
            for (Departure d : plan) {
                if (d == Departure.VANISH) {
                    room.vanish();
                } else {
                    if (room.members.size() < 2) {
                        room.join();
                    }
                    String who = room.anyMember();
                    room.members.remove(who);
                    room.steps.add(switch (d) {
                        case DROP -> new RoomStep.Drop(who);
                        case CLOSE -> new RoomStep.Close(who, "");
                        default -> new RoomStep.Close(who, ChatGen.words().generate(c));
                    });
                }
                if (c.chance(0.3)) {
                    room.join();
                }
                room.say(ChatGen.words());
            }
            return new RoomScenario(room.steps);
        };
    }

    /** A scenario under construction: who is in the room, and the steps so far. */
    private static final class Room {
        final Choices c;
        final List<RoomStep> steps = new ArrayList<>();
        final Map<String, String> members = new LinkedHashMap<>();
        int used;

        Room(Choices c) {
            this.c = c;
        }

        void join() {
            if (used < ChatGen.LABELS.size()) {
                String label = ChatGen.LABELS.get(used++);
                String nick = ChatGen.nicknameFor(label).generate(c);
                members.put(label, nick);
                steps.add(new RoomStep.Join(label, nick));
            }
        }

        void vanish() {
            if (used < ChatGen.LABELS.size()) {
                steps.add(new RoomStep.Vanish(ChatGen.LABELS.get(used++)));
            }
        }

        String anyMember() {
            List<String> labels = List.copyOf(members.keySet());
            return labels.get(c.between(0, labels.size() - 1));
        }

        void say(Gen<String> texts) {
            if (!members.isEmpty()) {
                steps.add(new RoomStep.Say(anyMember(), texts.generate(c)));
            }
        }
    }

    // ---- impersonations ------------------------------------------------------------------------

    /** Two or three members, each typing lines made to look like someone else's. */
    static Gen<RoomScenario> impersonations() {
        return c -> {
            Room room = new Room(c);
            int count = c.between(2, 3);
            for (int i = 0; i < count; i++) {
                room.join();
            }
            List<String> nicks = List.copyOf(room.members.values());
            int says = c.between(1, 6);
            for (int i = 0; i < says; i++) {
                String other = nicks.get(c.between(0, nicks.size() - 1));
                String words = ChatGen.words().generate(c);
                List<String> forged = List.of(
                        Protocol.message(other, words), Protocol.joined(other), Protocol.left(other),
                        Protocol.message(other, ""), other + ":" + words, Protocol.CONNECTED, Protocol.NICK,
                        ": " + words, Protocol.message(other, Protocol.message(other, words)));
                room.say(Gen.constant(forged.get(c.between(0, forged.size() - 1))));
            }
            return new RoomScenario(room.steps);
        };
    }

    // ---- arrivals ------------------------------------------------------------------------------

    /**
     * Clients that connect one right after the other, and the order in which they then send their
     * nicknames (a permutation of them).
     */
    record Arrival(List<String> labels, List<String> nicks, List<Integer> order) {
        @Override
        public String toString() {
            return String.join(", ", labels) + " connect, one right after the other; none sends its nickname before "
                    + "all of them have received NICK.\nThen they send their nicknames in this order, each once the "
                    + "previous one is in: " + order.stream().map(i -> labels.get(i) + " (" + Texts.quote(nicks.get(i))
                    + ")").collect(Collectors.joining(", ")) + ".\nFinally " + labels.get(order.getFirst())
                    + " sends " + Texts.quote(RoomDriver.END_MARKER) + ".";
        }
    }

    static Gen<Arrival> arrivals() {
        return c -> {
            int count = c.between(2, 5);
            List<String> labels = ChatGen.LABELS.subList(0, count);
            List<String> nicks = labels.stream().map(l -> ChatGen.nicknameFor(l).generate(c)).toList();
            List<Integer> left = new ArrayList<>(IntStream.range(0, count).boxed().toList());
            List<Integer> order = new ArrayList<>();
            while (!left.isEmpty()) {
                order.add(left.remove(c.between(0, left.size() - 1)));
            }
            return new Arrival(labels, nicks, order);
        };
    }

    /** Plays one {@link Arrival} and checks every line against the protocol's model. */
    private static final class ArrivalCheck {
        private final Arrival arrival;
        private final Duration timeout;
        private final List<ScriptedClient> clients = new ArrayList<>();
        private final Map<String, List<String>> expected = new LinkedHashMap<>();

        ArrivalCheck(Arrival arrival, Duration timeout) {
            this.arrival = arrival;
            this.timeout = timeout;
        }

        void play(StageUnderTest room) throws Exception {
            try {
                for (String label : arrival.labels()) {
                    clients.add(ScriptedClient.connect(label, room.address()));
                    expected.put(label, new ArrayList<>());
                }
                // Measured by when each is first answered: all of them, before any has sent a nickname.
                for (ScriptedClient client : clients) {
                    expect(client, Protocol.NICK, "Every client that connects is answered NICK at once, by a thread "
                            + "of its own, even while the others have not sent their nicknames yet");
                }
                List<ScriptedClient> in = new ArrayList<>();
                for (int i : arrival.order()) {
                    ScriptedClient client = clients.get(i);
                    String nick = arrival.nicks().get(i);
                    client.send(nick);
                    expect(client, Protocol.joined(nick), "A client joins as soon as it sends its nickname, "
                            + "whatever the others do");
                    expect(client, Protocol.CONNECTED, "The newcomer's own joined! is followed by the welcome");
                    for (ScriptedClient member : in) {
                        expect(member, Protocol.joined(nick), "Every member hears of a newcomer");
                    }
                    in.add(client);
                }
                ScriptedClient speaker = in.getFirst();
                speaker.send(RoomDriver.END_MARKER);
                String marker = Protocol.message(arrival.nicks().get(arrival.order().getFirst()), RoomDriver.END_MARKER);
                for (ScriptedClient member : in) {
                    expect(member, marker, "Every member receives every message, nothing else in between");
                }
                closeAndCheck(room);
            } finally {
                room.close(); // before the clients (see play)
                for (ScriptedClient client : clients) {
                    try {
                        client.close();
                    } catch (IOException e) {
                        // closing a test client: nothing more to do
                    }
                }
            }
        }

        private void expect(ScriptedClient client, String line, String rule) throws InterruptedException {
            expected.get(client.label()).add(line);
            String got;
            try {
                got = client.awaitLine(timeout);
            } catch (TimeoutException e) {
                throw new AssertionError(client.label() + " should have received " + Texts.quote(line)
                        + ", but nothing more arrived within " + timeout.toMillis() + " ms. " + rule + ".\n\n"
                        + answered() + "\n\n" + transcripts());
            }
            if (!got.equals(line)) {
                throw new AssertionError(client.label() + " should have received " + Texts.quote(line)
                        + ", but received " + Texts.quote(got) + ". " + rule + ".\n\n" + transcripts());
            }
        }

        /** When each client was first answered, counted from when it connected. */
        private String answered() {
            return "When each client was first answered, after it connected:\n" + clients.stream().map(client -> {
                List<ScriptedClient.Received> lines = client.received();
                return "  " + client.label() + ": " + (lines.isEmpty() ? "not answered"
                        : "after " + Math.max(0, (lines.getFirst().nanos() - client.connectedNanos()) / 1_000_000) + " ms");
            }).collect(Collectors.joining("\n"));
        }

        private String transcripts() {
            return Texts.transcripts(clients, expected);
        }
    }
}
