package chatlab.suite;

import chatlab.driver.ScriptedClient;
import chatlab.protocol.Protocol;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Checks what the members of a busy room received, when no single expected order exists.
 *
 * <p>The events of a scenario are known: each member's {@code joined!}, its messages, its
 * {@code left!}. Their order is not: two members speaking at once may be heard either way. So the
 * check asks what every correct room guarantees, one rule after the other, and reports the first
 * rule broken, in words a student can act on:
 * <ol>
 *   <li>every line is one whole event (no piece of a line, no two lines run together);</li>
 *   <li>each member first receives {@code NICK}, its own {@code joined!}, {@code Connected to server!};</li>
 *   <li>no event twice;</li>
 *   <li>each sender's events in the order it caused them, with none missing in between;</li>
 *   <li>any two members that received the same two events received them in the same order, and
 *       one order of all events fits what every member received;</li>
 *   <li>each member received every event that happened while it was in the room (from its own
 *       {@code joined!} until it left), and nothing after it left.</li>
 * </ol>
 */
final class RoomConsistency {

    /** One event of the room: {@code seq} orders one sender's events (0 joined, 1.. messages, then left). */
    private record Event(int member, int seq, String line) {
    }

    private final RoomStress.Scenario scenario;
    private final RoomStress.Observation seen;
    private final List<RoomStress.Member> members;
    private final Map<String, Event> events = new HashMap<>();
    private final List<List<Event>> expectedOf = new ArrayList<>(); // per member: its events, in its order
    private final List<List<Event>> got = new ArrayList<>();        // per member: events received, in order
    private final List<List<Integer>> lineOf = new ArrayList<>();   // per member: line number of each got event

    private RoomConsistency(RoomStress.Scenario scenario, RoomStress.Observation seen) {
        this.scenario = scenario;
        this.seen = seen;
        this.members = scenario.members();
        for (int i = 0; i < members.size(); i++) {
            RoomStress.Member m = members.get(i);
            List<Event> own = new ArrayList<>();
            own.add(new Event(i, 0, Protocol.joined(m.nick())));
            List<String> texts = new ArrayList<>(m.texts());
            if (!m.departure().leaves()) {
                texts.add(RoomStress.MARKER);
            }
            for (String text : texts) {
                own.add(new Event(i, own.size(), Protocol.message(m.nick(), text)));
            }
            own.add(new Event(i, own.size(), Protocol.left(m.nick())));
            for (Event e : own) {
                if (events.put(e.line(), e) != null) {
                    throw new IllegalStateException("a stress scenario must make every line unique: " + e.line());
                }
            }
            expectedOf.add(own);
        }
    }

    /** The first rule that what was received breaks, described for a student; empty if none is. */
    static Optional<String> check(RoomStress.Scenario scenario, RoomStress.Observation seen) {
        return new RoomConsistency(scenario, seen).check();
    }

    private Optional<String> check() {
        Optional<String> problem = wholeLines();
        if (problem.isEmpty()) {
            problem = handshakes();
        }
        if (problem.isEmpty()) {
            problem = nothingTwice();
        }
        if (problem.isEmpty()) {
            problem = eachSendersOrder();
        }
        if (problem.isEmpty()) {
            problem = sameOrderForAll();
        }
        List<Event> order = new ArrayList<>();
        if (problem.isEmpty()) {
            problem = oneOrder(order);
        }
        if (problem.isEmpty()) {
            problem = seen.abandoned(); // what ended the scenario early, if nothing above explains it
        }
        if (problem.isEmpty()) {
            problem = everyEventReachedSomeone(order);
        }
        if (problem.isEmpty()) {
            problem = everyoneGotWhatHappenedWhileIn(order);
        }
        return problem;
    }

    // ---- 1. whole lines ------------------------------------------------------------------------

    private Optional<String> wholeLines() {
        for (RoomStress.Member m : members) {
            List<String> lines = seen.received().get(m.label());
            for (int n = 0; n < lines.size(); n++) {
                String line = lines.get(n);
                if (line.equals(Protocol.NICK) || line.equals(Protocol.CONNECTED) || events.containsKey(line)) {
                    continue;
                }
                String what = line.equals(ScriptedClient.NOT_UTF8)
                        ? " a line that is not valid UTF-8 (a character cut in two?)"
                        : " a line that is not a whole protocol line: " + Texts.quote(line);
                return Optional.of(m.label() + " received" + what + " (line " + (n + 1) + " of what it received). "
                        + "Every line must be one whole event, \"<nick> joined!\", \"<nick>: <text>\" or "
                        + "\"<nick> left!\", as the server means it: never a piece of a line, never two lines run "
                        + "together.\n\n" + excerpt(m.label(), n, n));
            }
        }
        return Optional.empty();
    }

    // ---- 2. handshakes -------------------------------------------------------------------------

    private Optional<String> handshakes() {
        for (int i = 0; i < members.size(); i++) {
            RoomStress.Member m = members.get(i);
            List<String> lines = seen.received().get(m.label());
            String joined = Protocol.joined(m.nick());
            List<String> first = List.of(Protocol.NICK, joined, Protocol.CONNECTED);
            for (int n = 0; n < first.size(); n++) {
                if (n >= lines.size() && seen.abandoned().isPresent()) {
                    break; // it would have come, had the scenario gone on
                }
                if (n >= lines.size()) {
                    String missing = n == 0 ? m.label() + " connected, but received nothing at all, not even NICK"
                            : m.label() + " should have received " + Texts.quote(first.get(n)) + " after "
                            + Texts.quote(lines.get(n - 1)) + (n == 1 ? " and sending its nickname" : "")
                            + ", but nothing more arrived";
                    return Optional.of(missing + ended(m.label()) + ".\n\n" + excerpt(m.label(), n, n));
                }
                if (!lines.get(n).equals(first.get(n))) {
                    String why = switch (n) {
                        case 0 -> "the server's first line to a new connection is NICK";
                        case 1 -> "after its nickname, a newcomer receives its own " + Texts.quote(joined)
                                + " first, like everyone in the room";
                        default -> "a newcomer receives " + Texts.quote(Protocol.CONNECTED) + " right after its own "
                                + Texts.quote(joined) + ", with nothing between them";
                    };
                    return Optional.of(m.label() + "'s line " + (n + 1) + " should have been "
                            + Texts.quote(first.get(n)) + ", but it was " + Texts.quote(lines.get(n)) + ": " + why
                            + ".\n\n" + excerpt(m.label(), n, n));
                }
            }
            List<Event> mine = new ArrayList<>();
            List<Integer> numbers = new ArrayList<>();
            for (int n = 1; n < lines.size(); n++) {
                String line = lines.get(n);
                if (n > 2 && (line.equals(Protocol.NICK) || line.equals(Protocol.CONNECTED))) {
                    return Optional.of(m.label() + " received " + Texts.quote(line) + " again, at line " + (n + 1)
                            + ": it goes to a newcomer once, when it joins.\n\n" + excerpt(m.label(), n, n));
                }
                if (n != 2) {
                    mine.add(events.get(line));
                    numbers.add(n);
                }
            }
            got.add(mine);
            lineOf.add(numbers);
        }
        return Optional.empty();
    }

    // ---- 3. nothing twice ----------------------------------------------------------------------

    private Optional<String> nothingTwice() {
        for (int i = 0; i < members.size(); i++) {
            Map<Event, Integer> first = new HashMap<>();
            for (int k = 0; k < got.get(i).size(); k++) {
                Integer earlier = first.putIfAbsent(got.get(i).get(k), k);
                if (earlier != null) {
                    String label = members.get(i).label();
                    return Optional.of(label + " received " + Texts.quote(got.get(i).get(k).line()) + " twice (lines "
                            + line(i, earlier) + " and " + line(i, k) + " of what it received): each event reaches "
                            + "each member once.\n\n" + excerpt(label, line(i, k) - 1, line(i, k) - 1));
                }
            }
        }
        return Optional.empty();
    }

    // ---- 4. each sender's order ----------------------------------------------------------------

    private Optional<String> eachSendersOrder() {
        // A "left!" for a member that had not left: the room removed the wrong one.
        for (int i = 0; i < members.size(); i++) {
            for (int k = 0; k < got.get(i).size(); k++) {
                Event e = got.get(i).get(k);
                RoomStress.Member sender = members.get(e.member());
                if (e.equals(expectedOf.get(e.member()).getLast()) && !seen.departed().contains(sender.label())) {
                    String label = members.get(i).label();
                    return Optional.of(label + " received " + Texts.quote(e.line()) + ", but " + sender.label()
                            + " never left: it " + (sender.departure().leaves() ? "was still in the room"
                            : "stayed in the room to the end") + ". The room must announce the member that "
                            + "leaves, and only that one.\n\n" + excerpt(label, line(i, k) - 1, line(i, k) - 1));
                }
            }
        }
        for (int i = 0; i < members.size(); i++) {
            String label = members.get(i).label();
            Map<Integer, Integer> last = new HashMap<>(); // sender -> index in got of its latest event
            for (int k = 0; k < got.get(i).size(); k++) {
                Event e = got.get(i).get(k);
                Integer before = last.put(e.member(), k);
                if (before != null && e.seq() < got.get(i).get(before).seq()) {
                    Event previous = got.get(i).get(before);
                    String sender = members.get(e.member()).label();
                    return Optional.of(label + " received " + Texts.quote(previous.line()) + " before "
                            + Texts.quote(e.line()) + ", but " + sender + " " + happenedInOrder(e, previous)
                            + ": the room must keep each member's events in the order they happened.\n\n"
                            + excerpt(label, line(i, before) - 1, line(i, k) - 1));
                }
            }
        }
        for (int i = 0; i < members.size(); i++) {
            String label = members.get(i).label();
            Map<Integer, Integer> last = new HashMap<>();
            for (int k = 0; k < got.get(i).size(); k++) {
                Event e = got.get(i).get(k);
                Integer before = last.put(e.member(), k);
                if (before != null && e.seq() > got.get(i).get(before).seq() + 1) {
                    Event previous = got.get(i).get(before);
                    String sender = members.get(e.member()).label();
                    List<Event> skipped = expectedOf.get(e.member()).subList(previous.seq() + 1, e.seq());
                    return Optional.of(label + " received " + Texts.quote(previous.line()) + " and then "
                            + Texts.quote(e.line()) + ", but never " + Texts.quote(skipped.getFirst().line())
                            + (skipped.size() > 1 ? " (nor " + (skipped.size() - 1) + " more)" : "") + ", which "
                            + sender + " sent between them: a member in the room receives every message.\n\n"
                            + excerpt(label, line(i, before) - 1, line(i, k) - 1));
                }
            }
        }
        return Optional.empty();
    }

    /** Why {@code first} comes before {@code later} (both of one sender). */
    private String happenedInOrder(Event first, Event later) {
        int last = expectedOf.get(first.member()).size() - 1;
        if (first.seq() == 0) {
            return "joined before it sent anything";
        }
        if (later.seq() == last) {
            return "sent " + Texts.quote(first.line()) + " before it left";
        }
        return "sent them in the other order";
    }

    // ---- 5. one order for all ------------------------------------------------------------------

    private Optional<String> sameOrderForAll() {
        for (int a = 0; a < members.size(); a++) {
            Map<Event, Integer> positionInA = positions(a);
            for (int b = a + 1; b < members.size(); b++) {
                Map<Event, Integer> positionInB = positions(b);
                Event previous = null;
                for (Event e : got.get(a)) {
                    if (!positionInB.containsKey(e)) {
                        continue;
                    }
                    if (previous != null && positionInB.get(e) < positionInB.get(previous)) {
                        String la = members.get(a).label();
                        String lb = members.get(b).label();
                        return Optional.of(la + " received " + Texts.quote(previous.line()) + " before "
                                + Texts.quote(e.line()) + ", but " + lb + " received " + Texts.quote(e.line())
                                + " before " + Texts.quote(previous.line()) + ": every member must receive the "
                                + "room's events in one and the same order.\n\n"
                                + excerpt(la, line(a, positionInA.get(previous)) - 1, line(a, positionInA.get(e)) - 1)
                                + "\n" + excerpt(lb, line(b, positionInB.get(e)) - 1,
                                line(b, positionInB.get(previous)) - 1));
                    }
                    previous = e;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Puts in {@code order} one order of every event anyone received that fits every member's
     * lines, preferring the first member's order (it was in the room throughout); reports when
     * no order fits.
     */
    private Optional<String> oneOrder(List<Event> order) {
        Map<Event, Set<Event>> after = new LinkedHashMap<>();
        Map<Event, Integer> before = new HashMap<>();
        Map<List<Event>, String> edgeWitness = new HashMap<>();
        for (int i = 0; i < members.size(); i++) {
            List<Event> seq = got.get(i);
            for (int k = 0; k < seq.size(); k++) {
                after.computeIfAbsent(seq.get(k), e -> new HashSet<>());
                before.putIfAbsent(seq.get(k), 0);
                if (k > 0 && after.get(seq.get(k - 1)).add(seq.get(k))) {
                    before.merge(seq.get(k), 1, Integer::sum);
                    edgeWitness.putIfAbsent(List.of(seq.get(k - 1), seq.get(k)), members.get(i).label());
                }
            }
        }
        Map<Event, Integer> rank = positions(0);
        Comparator<Event> preference = Comparator.<Event>comparingInt(e -> rank.getOrDefault(e, Integer.MAX_VALUE))
                .thenComparingInt(Event::member).thenComparingInt(Event::seq);
        PriorityQueue<Event> ready = new PriorityQueue<>(preference);
        before.forEach((e, n) -> {
            if (n == 0) {
                ready.add(e);
            }
        });
        while (!ready.isEmpty()) {
            Event e = ready.poll();
            order.add(e);
            for (Event next : after.get(e)) {
                if (before.merge(next, -1, Integer::sum) == 0) {
                    ready.add(next);
                }
            }
        }
        if (order.size() == after.size()) {
            return Optional.empty();
        }
        List<Event> cycle = cycle(after, new HashSet<>(order));
        StringBuilder text = new StringBuilder("No single order of the room's events fits what the members received:");
        for (int k = 0; k < cycle.size() && k < 6; k++) {
            Event from = cycle.get(k);
            Event to = cycle.get((k + 1) % cycle.size());
            text.append("\n  ").append(edgeWitness.get(List.of(from, to))).append(" received ")
                    .append(Texts.quote(from.line())).append(" just before ").append(Texts.quote(to.line()));
        }
        if (cycle.size() > 6) {
            text.append("\n  ... (").append(cycle.size() - 6).append(" more)");
        }
        text.append("\nand so on back to the first: every member must receive the room's events in one and the same order.");
        return Optional.of(text.toString());
    }

    /**
     * A cycle among the events not in {@code done}. Sorting stopped there, so each of them has an
     * earlier event not done either: walking back from one to such an earlier one must come back.
     */
    private static List<Event> cycle(Map<Event, Set<Event>> after, Set<Event> done) {
        Map<Event, Event> earlier = new HashMap<>();
        after.forEach((from, tos) -> {
            if (!done.contains(from)) {
                tos.stream().filter(to -> !done.contains(to)).forEach(to -> earlier.putIfAbsent(to, from));
            }
        });
        Event e = after.keySet().stream().filter(x -> !done.contains(x)).findFirst().orElseThrow();
        Map<Event, Integer> visited = new HashMap<>();
        List<Event> path = new ArrayList<>();
        while (!visited.containsKey(e)) {
            visited.put(e, path.size());
            path.add(e);
            e = earlier.get(e);
        }
        List<Event> cycle = new ArrayList<>(path.subList(visited.get(e), path.size()));
        Collections.reverse(cycle); // walked backwards: put it in the order received
        return cycle;
    }

    // ---- 6. every event, to everyone in the room -----------------------------------------------

    private Optional<String> everyEventReachedSomeone(List<Event> order) {
        Set<Event> received = new HashSet<>(order);
        for (int i = 0; i < members.size(); i++) {
            RoomStress.Member m = members.get(i);
            List<Event> own = expectedOf.get(i);
            int messages = seen.sent().get(m.label()) + (seen.markers().contains(m.label()) ? 1 : 0);
            for (int k = 1; k <= messages; k++) {
                if (!received.contains(own.get(k))) {
                    String text = k <= m.texts().size() ? m.texts().get(k - 1) : RoomStress.MARKER;
                    return Optional.of(m.label() + " sent " + Texts.quote(text) + ", but nobody received "
                            + Texts.quote(own.get(k).line()) + ", not even " + m.label() + " itself.");
                }
            }
            Event left = own.getLast();
            if (seen.departed().contains(m.label()) && !received.contains(left)) {
                Optional<String> someone = firstStillIn(i);
                if (someone.isPresent()) {
                    return Optional.of(m.label() + " " + departed(m) + ", but nobody received "
                            + Texts.quote(left.line()) + " (" + someone.get() + " was in the room to the end)"
                            + ": the members that remain are told when one leaves, however it goes.");
                }
            }
        }
        return Optional.empty();
    }

    private Optional<String> firstStillIn(int leaver) {
        for (int i = 0; i < members.size(); i++) {
            if (i != leaver && seen.markers().contains(members.get(i).label())) {
                return Optional.of(members.get(i).label());
            }
        }
        return Optional.empty();
    }

    private static String departed(RoomStress.Member m) {
        return switch (m.departure()) {
            case BYE -> "sent [bye]";
            case CLOSE -> "closed its connection without [bye]";
            case CUT -> "had its connection cut";
            case STAYS -> "stayed";
        };
    }

    private Optional<String> everyoneGotWhatHappenedWhileIn(List<Event> order) {
        Map<Event, Integer> at = new HashMap<>();
        for (int k = 0; k < order.size(); k++) {
            at.put(order.get(k), k);
        }
        for (int i = 0; i < members.size(); i++) {
            RoomStress.Member m = members.get(i);
            List<Event> mine = got.get(i);
            Event joined = expectedOf.get(i).getFirst();
            Event left = expectedOf.get(i).getLast();
            int from = at.get(joined);
            boolean leftKnown = m.departure().leaves() && at.containsKey(left);
            int to = leftKnown ? at.get(left) : order.size();
            List<Event> due = order.subList(from, to);
            boolean mayStopEarly = m.departure() == RoomStress.Departure.CUT || !seen.departed().contains(m.label())
                    && m.departure().leaves();
            for (int k = 0; k < Math.max(mine.size(), due.size()); k++) {
                if (k < mine.size() && k < due.size() && mine.get(k).equals(due.get(k))) {
                    continue;
                }
                if (k < due.size() && (k < mine.size() || !mayStopEarly)) {
                    Event missed = due.get(k);
                    String own = missed.member() == i && missed.seq() > 0 ? " (a member receives its own messages "
                            + "too)" : "";
                    String until = leftKnown ? " and before " + Texts.quote(left.line()) : "";
                    String near = k < mine.size() ? excerpt(m.label(), line(i, k) - 2, line(i, k) - 1)
                            : excerpt(m.label(), line(i, k - 1) - 1, line(i, k - 1) - 1);
                    return Optional.of(m.label() + " never received " + Texts.quote(missed.line()) + ", though it was "
                            + "in the room then: in the order in which the members received the room's events, it "
                            + "came after " + Texts.quote(joined.line()) + until + own + ended(m.label()) + ".\n\n"
                            + near);
                }
                if (k < mine.size() && k >= due.size()) {
                    Event extra = mine.get(k);
                    String what = extra.equals(left)
                            ? m.label() + " received its own " + Texts.quote(left.line()) + ": that goes only to the "
                            + "members that remain"
                            : m.label() + " received " + Texts.quote(extra.line()) + " after it had left (in the order "
                            + "the others received the room's events, it came after " + Texts.quote(left.line()) + ")";
                    return Optional.of(what + ".\n\n" + excerpt(m.label(), line(i, k) - 1, line(i, k) - 1));
                }
                break; // a member that cut its connection may have read less: what it read was right
            }
        }
        return Optional.empty();
    }

    // ---- helpers -------------------------------------------------------------------------------

    private Map<Event, Integer> positions(int member) {
        Map<Event, Integer> positions = new HashMap<>();
        List<Event> seq = got.get(member);
        for (int k = 0; k < seq.size(); k++) {
            positions.put(seq.get(k), k);
        }
        return positions;
    }

    /** The line number (from 1) of the k-th event member i received. */
    private int line(int member, int k) {
        return lineOf.get(member).get(k) + 1;
    }

    private String ended(String label) {
        return switch (seen.endings().get(label)) {
            case CLOSED_BY_SERVER -> " (the server had closed " + label + "'s connection)";
            case RESET -> " (" + label + "'s connection had been reset)";
            case OPEN, CLOSED_BY_CLIENT -> "";
        };
    }

    /** A few of what {@code label} received around lines {@code from} to {@code to} (from 0). */
    private String excerpt(String label, int from, int to) {
        List<String> lines = seen.received().get(label);
        int first = Math.max(0, Math.min(from, to) - 2);
        int last = Math.min(lines.size() - 1, Math.max(from, to) + 2);
        StringBuilder out = new StringBuilder(label + " received (" + lines.size() + " lines in all):");
        if (first > 0) {
            out.append("\n      ...");
        }
        for (int n = first; n <= last; n++) {
            if (n > first + 3 && n < Math.max(from, to) - 2) {
                out.append("\n      ...");
                n = Math.max(from, to) - 3;
                continue;
            }
            out.append(String.format("%n  %3d %s", n + 1, Texts.quote(lines.get(n))));
        }
        if (last < lines.size() - 1) {
            out.append("\n      ...");
        }
        if (lines.isEmpty()) {
            out.append("\n      (nothing)");
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "RoomConsistency[" + scenario.members().size() + " members]";
    }
}
