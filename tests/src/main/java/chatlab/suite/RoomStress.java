package chatlab.suite;

import chatlab.driver.ScriptedClient;
import chatlab.property.Choices;
import chatlab.property.Gen;
import chatlab.protocol.Limits;
import chatlab.protocol.LineWriter;
import chatlab.protocol.Protocol;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The room under load: many members joining, talking and leaving at the same time (stage 3).
 *
 * <p>No single order of lines can be expected here: two members speaking at once may be heard in
 * either order. What a correct room guarantees is checked by {@link RoomConsistency} on what every
 * member received: whole lines, each event once, each sender's order kept, one order of events
 * that all members agree on, and every event for every member that was in the room when it
 * happened.
 *
 * <p>A scenario is played so that the races a room can have get their chance: newcomers join while
 * others talk; then, while those that stay flood the room with messages, those that leave all do
 * so at once, in the order they joined (a room that finds a member by a position taken too early
 * removes the wrong one then).
 *
 * <p>"Nothing more will arrive" is proven without sleeping: once everyone has done what it came
 * to do, the first member (in the room from the start to the end) waits until it has heard every
 * join and every leave; then every member still in the room sends a marker, and each waits until
 * it has received every marker. Every event came before the markers, so it has arrived by then.
 */
public final class RoomStress {
    /** The text of each remaining member's last message. */
    public static final String MARKER = RoomDriver.END_MARKER;

    private RoomStress() {
    }

    /** How a member ends the scenario. */
    public enum Departure {
        STAYS("stays to the end"),
        BYE("then sends [bye]"),
        CLOSE("then closes its connection without [bye]"),
        CUT("then has its connection cut (reset)");

        private final String description;

        Departure(String description) {
            this.description = description;
        }

        /** What the member does last, as a script says it. */
        public String description() {
            return description;
        }

        /** Whether the member leaves during the scenario. */
        public boolean leaves() {
            return this != STAYS;
        }
    }

    /**
     * One member of a stress scenario.
     *
     * @param label         its name in reports
     * @param nick          the nickname it sends
     * @param late          whether it joins during the storm rather than before it
     * @param linesPerWrite how many lines it sends in one write (a late member's first write holds
     *                      its nickname and its first messages)
     * @param texts         its messages, numbered from 1 so that each is unique
     * @param departure     how it ends
     */
    public record Member(String label, String nick, boolean late, int linesPerWrite, List<String> texts,
                         Departure departure) {
        public Member {
            texts = List.copyOf(texts);
        }

        @Override
        public String toString() {
            String sample = texts.size() <= 3
                    ? texts.stream().map(Texts::quote).collect(Collectors.joining(", "))
                    : Texts.quote(texts.get(0)) + ", " + Texts.quote(texts.get(1)) + ", ... "
                    + Texts.quote(texts.get(texts.size() - 1));
            return label + " (nickname " + Texts.quote(nick) + ")" + (late ? " joins during the storm" : "")
                    + ", sends " + texts.size() + " message" + (texts.size() == 1 ? "" : "s") + " (" + sample + "), "
                    + linesPerWrite + (linesPerWrite == 1 ? " line" : " lines") + " per write"
                    + (late && linesPerWrite > 1 ? " (its nickname in the first)" : "") + "; " + departure.description();
        }
    }

    /** A stress scenario: its members, the first of which is in the room from start to end. */
    public record Scenario(List<Member> members) {
        public Scenario {
            members = List.copyOf(members);
        }

        @Override
        public String toString() {
            List<String> early = members.stream().filter(m -> !m.late()).map(Member::label).toList();
            StringBuilder out = new StringBuilder();
            out.append(members.size()).append(" members:\n");
            for (Member m : members) {
                out.append("  ").append(m).append('\n');
            }
            out.append(String.join(", ", early)).append(early.size() == 1 ? " joins" : " join, one after another,")
                    .append(" first. Then, all at the same time, the others join, and those that will leave send "
                            + "their messages (each waits until its last one has come back to it).\nOnce they are all "
                            + "done, those that stay send theirs; once these are sent, while the room is busy with them, "
                            + "those that leave do so, one right after the other, in the order they joined.\nAt the end "
                            + "every member still in "
                            + "the room sends ").append(Texts.quote(MARKER)).append(" and waits for everyone's.");
            return out.toString();
        }
    }

    /**
     * Scenarios of {@code minMembers} to {@code maxMembers} members (at most {@link ChatGen#LABELS}).
     * The first stays to the end; most others leave. Those that stay send 20 to {@code maxMessages}
     * messages, to keep the room busy while the others leave; those that leave send up to half as
     * many. At most one member closes its connection without {@code [bye]}.
     */
    public static Gen<Scenario> scenarios(int minMembers, int maxMembers, int maxMessages) {
        int most = Math.min(maxMembers, ChatGen.LABELS.size());
        return c -> draw(c, minMembers, most, maxMessages);
    }

    /** Most members leave: departures at the same time are what shows a room's races on its member list. */
    private static final List<Departure> DEPARTURES = List.of(Departure.STAYS, Departure.BYE, Departure.CUT,
            Departure.CLOSE, Departure.BYE, Departure.CUT, Departure.STAYS);

    private static Scenario draw(Choices c, int minMembers, int maxMembers, int maxMessages) {
        int count = c.between(minMembers, maxMembers);
        List<Member> members = new ArrayList<>();
        boolean closing = false;
        for (int i = 0; i < count; i++) {
            String label = ChatGen.LABELS.get(i);
            String nick = ChatGen.nicknameFor(label).generate(c);
            boolean late = i > 0 && c.draw(1) == 1;
            Departure departure = i == 0 ? Departure.STAYS : DEPARTURES.get(c.between(0, DEPARTURES.size() - 1));
            if (departure == Departure.CLOSE && closing) {
                // One is enough to see it; and a server that spins on end of stream burns a whole
                // core for each, which could starve the test of the processors it runs on.
                departure = Departure.BYE;
            }
            closing |= departure == Departure.CLOSE;
            int linesPerWrite = c.between(1, 4);
            // Those that stay keep the room busy while the others leave.
            int messages = departure.leaves() ? c.between(1, Math.max(1, maxMessages / 2))
                    : c.between(Math.min(maxMessages, 20), maxMessages);
            List<String> texts = new ArrayList<>();
            for (int k = 1; k <= messages; k++) {
                String number = Integer.toString(k);
                texts.add(number + " " + ChatGen.texts(Limits.MAX_LINE_BYTES - number.length() - 1).generate(c));
            }
            members.add(new Member(label, nick, late, linesPerWrite, texts, departure));
        }
        return new Scenario(members);
    }

    /**
     * What the members received, and what went wrong while they acted.
     *
     * @param received  each member's lines, by label
     * @param endings   how each member's connection had ended when the lines were taken
     * @param sent      how many of its messages each member could send
     * @param markers   the members that sent the marker
     * @param departed  the members that left as their script says
     * @param abandoned why the scenario was cut short, if it was: a line that never came, a line
     *                  that is no line of the protocol, a connection the server closed or did not
     *                  close. Every member's lines are then only the start of what it would have
     *                  received.
     */
    public record Observation(Map<String, List<String>> received, Map<String, ScriptedClient.Ending> endings,
                              Map<String, Integer> sent, Set<String> markers, Set<String> departed,
                              Optional<String> abandoned) {
    }

    /**
     * Plays {@code scenario} against {@code room} and returns what everyone received. Closes the
     * room, then the clients: in that order, a room whose threads spin at end of stream never sees
     * every client close while it still runs.
     */
    public static Observation run(Scenario scenario, StageUnderTest room, Duration lineTimeout)
            throws InterruptedException {
        return new Run(scenario, room, lineTimeout).play();
    }

    /**
     * One play of a scenario. Whatever shows that the room failed (a line that does not come in
     * time, a line the protocol does not have) ends it at once: every wait looks whether the
     * scenario was given up, and the checker reports on what was received until then.
     */
    private static final class Run {
        private final Scenario scenario;
        private final StageUnderTest room;
        private final Duration timeout;
        private final Set<String> protocolLines = new HashSet<>();
        private final Map<String, ScriptedClient> clients = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> sent = new ConcurrentHashMap<>();
        private final Set<String> departed = ConcurrentHashMap.newKeySet();
        private final Set<String> markers = new HashSet<>();
        private final AtomicReference<String> abandoned = new AtomicReference<>();
        private final CountDownLatch start = new CountDownLatch(1);
        /** Newcomers have joined, leavers have said everything: then leavers leave, stayers talk. */
        private final CountDownLatch gate;
        /** Those that stay have sent all their messages: the room is busy broadcasting them. */
        private final CountDownLatch talked;

        Run(Scenario scenario, StageUnderTest room, Duration timeout) {
            this.scenario = scenario;
            this.room = room;
            this.timeout = timeout;
            this.gate = new CountDownLatch(scenario.members().size());
            this.talked = new CountDownLatch((int) scenario.members().stream().filter(m -> !m.departure().leaves())
                    .count());
            protocolLines.addAll(List.of(Protocol.NICK, Protocol.CONNECTED));
            for (Member m : scenario.members()) {
                sent.put(m.label(), new AtomicInteger());
                protocolLines.add(Protocol.joined(m.nick()));
                protocolLines.add(Protocol.left(m.nick()));
                protocolLines.add(Protocol.message(m.nick(), MARKER));
                m.texts().forEach(text -> protocolLines.add(Protocol.message(m.nick(), text)));
            }
        }

        Observation play() throws InterruptedException {
            try {
                if (joinEarlyMembers()) {
                    storm();
                    endWithMarkers();
                }
                return observe();
            } finally {
                room.close();
                closeAll();
            }
        }

        /** The early members join one after another, each once the previous one is in. */
        private boolean joinEarlyMembers() throws InterruptedException {
            for (Member m : scenario.members()) {
                if (!m.late()) {
                    ScriptedClient client = connect(m);
                    // Its own joined! shows it is in: the next may join (its welcome may still be on its way).
                    if (client == null || !awaitAll(m, client, List.of(Protocol.NICK), "after connecting")
                            || !send(m, client, List.of(m.nick()))
                            || !awaitAll(m, client, List.of(Protocol.joined(m.nick())), "after sending its nickname")) {
                        return false;
                    }
                }
            }
            return true;
        }

        /**
         * The storm, on a thread per member: newcomers join and those that will leave say all they
         * have to say; once they are all done (the gate), those that stay say all of theirs, while
         * those that leave do so, one right after the other.
         */
        private void storm() throws InterruptedException {
            List<Thread> threads = new ArrayList<>();
            for (Member m : scenario.members()) {
                threads.add(Thread.ofPlatform().name("stress-" + m.label()).daemon().start(() -> {
                    try {
                        start.await();
                        act(m);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        // A member stops early only when the scenario is given up: nobody waits for it then.
                        while (abandoned.get() != null && gate.getCount() + talked.getCount() > 0) {
                            gate.countDown();
                            talked.countDown();
                        }
                    }
                }));
            }
            start.countDown();
            if (!await(gate)) {
                abandon("not every member had joined and said what it had to say before leaving within "
                        + timeout.toMillis() + " ms.");
            }
            // The departures come while the room is busy: once those that stay have sent all their
            // messages, the room has many of them still to broadcast.
            if (!await(talked)) {
                abandon("the members that stay could not send their messages within " + timeout.toMillis()
                        + " ms: the server had stopped reading them.");
            }
            departures();
            // Each wait of a member is bounded by the line timeout; a member blocked in a write
            // (the server stopped reading it) is not, and is unblocked by closing the room.
            long deadline = System.nanoTime() + 3 * timeout.toNanos();
            for (int i = 0; i < threads.size(); i++) {
                threads.get(i).join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                if (threads.get(i).isAlive()) {
                    String label = scenario.members().get(i).label();
                    abandon(label + " was still blocked sending its messages after " + 3 * timeout.toMillis()
                            + " ms: the server had stopped reading what " + label + " sent.");
                    room.close();
                    threads.get(i).join(timeout);
                }
            }
        }

        private void act(Member m) throws InterruptedException {
            ScriptedClient client;
            List<String> first = new ArrayList<>();
            if (m.late()) {
                client = connect(m);
                if (client == null || !awaitAll(m, client, List.of(Protocol.NICK), "after connecting")) {
                    return;
                }
                first.add(m.nick());
            } else {
                client = clients.get(m.label());
            }
            boolean leaves = m.departure().leaves();
            if (leaves) {
                first.addAll(m.texts());
            }
            if (!sendAll(m, client, first)) {
                return;
            }
            if (m.late() && !awaitAll(m, client, List.of(Protocol.joined(m.nick()), Protocol.CONNECTED),
                    "after sending its nickname")) {
                return;
            }
            // A leaver waits until the server has dealt with all it sent (its last message has come
            // back): then the departures reach the server one right after the other, with nothing of
            // the leavers' before them. (A reset may throw away lines the server has not read yet.)
            if (leaves && !awaitAll(m, client, List.of(Protocol.message(m.nick(), m.texts().getLast())),
                    "(its own last message)")) {
                return;
            }
            gate.countDown();
            if (!leaves && await(gate) && abandoned.get() == null
                    && sendAll(m, client, m.texts())) {
                talked.countDown();
            }
        }

        /** Those that leave do so one right after the other, in the order they joined. */
        private void departures() throws InterruptedException {
            if (abandoned.get() != null) {
                return;
            }
            List<String> joinedLines = clients.get(scenario.members().getFirst().label()).lines();
            List<Member> leavers = scenario.members().stream().filter(m -> m.departure().leaves())
                    .sorted(Comparator.comparingInt(m -> joinedLines.indexOf(Protocol.joined(m.nick()))))
                    .toList();
            for (Member m : leavers) {
                ScriptedClient client = clients.get(m.label());
                try {
                    switch (m.departure()) {
                        case BYE -> client.send(Protocol.BYE);
                        case CLOSE -> client.shutdownOutput();
                        case CUT -> client.abort();
                        case STAYS -> throw new IllegalStateException("a member that stays does not leave");
                    }
                    departed.add(m.label());
                } catch (IOException e) {
                    abandon(m.label() + " could not leave: " + ended(client) + ", though " + m.label()
                            + " had not left yet.");
                    return;
                }
            }
        }

        /** The markers: each member still in the room says it is done; all wait for every marker. */
        private void endWithMarkers() throws InterruptedException {
            if (abandoned.get() != null) {
                return;
            }
            // The first member is in the room all along: once it has heard of every join and every
            // leave, those events are over, and the markers come after all of them.
            Member first = scenario.members().getFirst();
            Map<String, String> news = new LinkedHashMap<>(); // line -> why it is due
            for (Member m : scenario.members()) {
                if (m.late()) {
                    news.put(Protocol.joined(m.nick()), m.label() + " joins during the scenario");
                }
                if (departed.contains(m.label())) {
                    news.put(Protocol.left(m.nick()), m.label() + " " + m.departure().description()
                            .replaceFirst("^then ", "") + " during the scenario");
                }
            }
            if (!awaitAll(first, clients.get(first.label()), List.copyOf(news.keySet()), "", news,
                    System.nanoTime() + timeout.toNanos())) {
                return;
            }
            // The server ends the connection of a member that sent [bye] or closed its side.
            for (Member m : scenario.members()) {
                if (departed.contains(m.label()) && m.departure() != Departure.CUT
                        && !awaitEnd(clients.get(m.label()))) {
                    abandon(m.label() + " " + (m.departure() == Departure.BYE ? "sent [bye]" : "closed its side "
                            + "of the connection") + ", but the server had not closed its connection "
                            + timeout.toMillis() + " ms later.");
                    return;
                }
            }
            Map<Member, ScriptedClient> remaining = new LinkedHashMap<>();
            for (Member m : scenario.members()) {
                if (!m.departure().leaves()) {
                    ScriptedClient client = clients.get(m.label());
                    if (!send(m, client, List.of(MARKER))) {
                        return;
                    }
                    markers.add(m.label());
                    remaining.put(m, client);
                }
            }
            List<String> all = remaining.keySet().stream().map(m -> Protocol.message(m.nick(), MARKER)).toList();
            long deadline = System.nanoTime() + timeout.toNanos();
            for (var entry : remaining.entrySet()) {
                if (!awaitAll(entry.getKey(), entry.getValue(), all, "(every member still in the room sent "
                        + Texts.quote(MARKER) + " once everything else was over)", Map.of(), deadline)) {
                    return;
                }
            }
        }

        private Observation observe() {
            Map<String, List<String>> received = new LinkedHashMap<>();
            Map<String, ScriptedClient.Ending> endings = new LinkedHashMap<>();
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (Member m : scenario.members()) {
                ScriptedClient client = clients.get(m.label());
                received.put(m.label(), client == null ? List.of() : client.lines());
                endings.put(m.label(), client == null ? ScriptedClient.Ending.OPEN : client.ending());
                counts.put(m.label(), sent.get(m.label()).get());
            }
            return new Observation(received, endings, counts, Set.copyOf(markers), Set.copyOf(departed),
                    Optional.ofNullable(abandoned.get()));
        }

        private ScriptedClient connect(Member m) {
            if (abandoned.get() != null) {
                return null;
            }
            try {
                ScriptedClient client = ScriptedClient.connect(m.label(), room.address());
                clients.put(m.label(), client);
                return client;
            } catch (IOException e) {
                abandon(m.label() + " could not connect: " + e.getMessage());
                return null;
            }
        }

        /** Sends {@code lines} in writes of the member's number of lines per write. */
        private boolean sendAll(Member m, ScriptedClient client, List<String> lines) {
            for (int from = 0; from < lines.size(); from += m.linesPerWrite()) {
                if (!send(m, client, lines.subList(from, Math.min(lines.size(), from + m.linesPerWrite())))) {
                    return false;
                }
            }
            return true;
        }

        /** Sends {@code lines} in one write; counts the member's messages among them. */
        private boolean send(Member m, ScriptedClient client, List<String> lines) {
            if (abandoned.get() != null) {
                return false;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (String line : lines) {
                bytes.writeBytes(LineWriter.encode(line));
            }
            try {
                client.sendRaw(bytes.toByteArray());
            } catch (IOException e) {
                abandon(m.label() + " could not send (after " + sent.get(m.label()).get() + " of its "
                        + m.texts().size() + " messages): " + ended(client) + ", though " + m.label()
                        + " had not left.");
                return false;
            }
            int messages = (int) lines.stream().filter(m.texts()::contains).count();
            sent.get(m.label()).addAndGet(messages);
            return true;
        }

        private boolean awaitAll(Member m, ScriptedClient client, List<String> wanted, String context)
                throws InterruptedException {
            return awaitAll(m, client, wanted, context, Map.of(), System.nanoTime() + timeout.toNanos());
        }

        /**
         * Waits until {@code client} has received every line of {@code wanted} (in any order, at
         * any time so far); gives the scenario up if the deadline passes, the connection ends, the
         * scenario is given up meanwhile, or a line arrives that is no line of the protocol.
         */
        private boolean awaitAll(Member m, ScriptedClient client, List<String> wanted, String context,
                                 Map<String, String> why, long deadline) throws InterruptedException {
            int checked = 0;
            while (abandoned.get() == null) {
                List<String> lines = client.lines();
                for (; checked < lines.size(); checked++) {
                    if (!protocolLines.contains(lines.get(checked))) {
                        abandon(m.label() + " received a line that is no line of the protocol.");
                        return false;
                    }
                }
                if (lines.containsAll(wanted)) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                boolean over = left <= 0;
                if (!over) {
                    try {
                        client.awaitLine(Duration.ofNanos(Math.min(left, POLL.toNanos())));
                    } catch (TimeoutException e) {
                        over = client.ending() != ScriptedClient.Ending.OPEN;
                    }
                }
                if (over && !client.lines().containsAll(wanted)) {
                    List<String> missing = wanted.stream().filter(w -> !client.lines().contains(w)).toList();
                    abandon(m.label() + " should have received " + quoted(missing, why) + (context.isEmpty() ? "" : " ")
                            + context + ", but "
                            + (client.ending() == ScriptedClient.Ending.OPEN
                            ? (missing.size() == 1 ? "it" : "they") + " had not arrived " + timeout.toMillis() + " ms later"
                            : ended(client)) + ".");
                    return false;
                }
            }
            return false;
        }

        /** Gives the scenario up; the first reason is the one reported. */
        private void abandon(String why) {
            abandoned.compareAndSet(null, why);
        }

        /** Waits for {@code latch} at most the line timeout; false if it did not open or the scenario was given up. */
        private boolean await(CountDownLatch latch) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (abandoned.get() == null && System.nanoTime() < deadline) {
                if (latch.await(Math.min(POLL.toNanos(), deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    return true;
                }
            }
            return false;
        }

        /** Waits at most the line timeout for the server to end the connection; false if it does not. */
        private boolean awaitEnd(ScriptedClient client) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (abandoned.get() == null && System.nanoTime() < deadline) {
                try {
                    client.awaitEnd(POLL);
                    return true;
                } catch (TimeoutException e) {
                    // not yet: look again whether the scenario was given up meanwhile
                }
            }
            return abandoned.get() != null;
        }

        private void closeAll() {
            for (ScriptedClient client : clients.values()) {
                try {
                    client.close();
                } catch (IOException e) {
                    // closing a test client: nothing more to do
                }
            }
        }
    }

    /**
     * How often a wait looks whether the scenario was given up meanwhile: a bound on how late a
     * member notices, not a pause (a line that arrives ends the wait at once).
     */
    private static final Duration POLL = Duration.ofMillis(20);

    /** Up to three lines, quoted, each with why it was due when that is known. */
    private static String quoted(List<String> lines, Map<String, String> why) {
        String shown = lines.stream().limit(3)
                .map(line -> Texts.quote(line) + (why.containsKey(line) ? " (" + why.get(line) + ")" : ""))
                .collect(Collectors.joining(", "));
        return lines.size() > 3 ? shown + " and " + (lines.size() - 3) + " more" : shown;
    }

    private static String ended(ScriptedClient client) {
        return switch (client.ending()) {
            case CLOSED_BY_SERVER -> "the server had closed its connection";
            case RESET -> "its connection had been reset";
            case OPEN, CLOSED_BY_CLIENT -> "its connection had broken";
        };
    }
}
