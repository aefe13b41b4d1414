package chatlab.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatlab.driver.ScriptedClient;
import chatlab.protocol.Protocol;
import chatlab.suite.RoomStress.Departure;
import chatlab.suite.RoomStress.Member;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The stress check's rules, on hand-made observations: what a correct room may deliver passes,
 * and each way of going wrong is reported with the rule it breaks.
 */
class RoomConsistencyTest {
    private static final String MARK = RoomStress.MARKER;

    // ann stays; ben joins late and stays; cat is there early and leaves with [bye].
    private final Member ann = new Member("ann", "ann", false, 1, List.of("1 hi", "2 ok"), Departure.STAYS);
    private final Member ben = new Member("ben", "ben", true, 1, List.of("1 yo"), Departure.STAYS);
    private final Member cat = new Member("cat", "cat", false, 1, List.of("1 bye all"), Departure.BYE);
    private final RoomStress.Scenario scenario = new RoomStress.Scenario(List.of(ann, cat, ben));

    /** One order of the room's events that a correct room could produce. */
    private final List<String> room = List.of(
            "ann joined!", "cat joined!", "ann: 1 hi", "ben joined!", "cat: 1 bye all", "ben: 1 yo", "ann: 2 ok",
            "cat left!", "ann: " + MARK, "ben: " + MARK);

    @Test
    void whatACorrectRoomDeliversPasses() {
        assertEquals(Optional.empty(), check(correct()));
    }

    @Test
    void aPieceOfALineIsReported() {
        Map<String, List<String>> got = correct();
        got.get("ben").set(4, "cat: 1 bye");
        assertProblem(got, "ben received a line that is not a whole protocol line: \"cat: 1 bye\" (line 5");
    }

    @Test
    void twoLinesRunTogetherAreReported() {
        Map<String, List<String>> got = correct();
        List<String> ann = got.get("ann");
        ann.set(5, "ann: 1 hiben joined!");
        ann.remove(6);
        assertProblem(got, "ann received a line that is not a whole protocol line: \"ann: 1 hiben joined!\"");
    }

    @Test
    void aNewcomerWithoutItsOwnJoinedIsReported() {
        Map<String, List<String>> got = correct();
        got.get("ben").remove(1);
        assertProblem(got, "ben's line 2 should have been \"ben joined!\", but it was \"Connected to server!\"");
    }

    @Test
    void anEventTwiceIsReported() {
        Map<String, List<String>> got = correct();
        got.get("ben").add(5, "cat: 1 bye all");
        assertProblem(got, "ben received \"cat: 1 bye all\" twice");
    }

    @Test
    void aSendersOrderTurnedAroundIsReported() {
        Map<String, List<String>> got = correct();
        List<String> cat = got.get("cat");
        // cat receives ann's two messages the wrong way round (the room's order otherwise kept)
        cat.set(cat.indexOf("ann: 1 hi"), "ann: 2 ok#");
        cat.set(cat.indexOf("ann: 2 ok"), "ann: 1 hi");
        cat.set(cat.indexOf("ann: 2 ok#"), "ann: 2 ok");
        assertProblem(got, "cat received \"ann: 2 ok\" before \"ann: 1 hi\", but ann sent them in the other order");
    }

    @Test
    void aMessageMissingBetweenTwoOthersOfItsSenderIsReported() {
        Map<String, List<String>> got = correct();
        got.get("ann").remove("ann: 2 ok");
        assertProblem(got, "ann received \"ann: 1 hi\" and then \"ann: (end of scenario)\", but never \"ann: 2 ok\", "
                + "which ann sent between them");
    }

    @Test
    void twoMembersDisagreeingOnTheOrderIsReported() {
        Map<String, List<String>> got = correct();
        List<String> ben = got.get("ben");
        int a = ben.indexOf("cat: 1 bye all");
        int b = ben.indexOf("ben: 1 yo");
        ben.set(a, "ben: 1 yo");
        ben.set(b, "cat: 1 bye all");
        assertProblem(got, "ann received \"cat: 1 bye all\" before \"ben: 1 yo\", but ben received \"ben: 1 yo\" "
                + "before \"cat: 1 bye all\"");
    }

    @Test
    void aMemberMissingAnEventWhileInTheRoomIsReported() {
        Map<String, List<String>> got = correct();
        got.get("ben").remove("cat: 1 bye all");
        assertProblem(got, "ben never received \"cat: 1 bye all\", though it was in the room then");
    }

    @Test
    void aSpeakerMissingItsOwnMessagesIsReported() {
        Map<String, List<String>> got = correct();
        got.get("ben").remove("ben: 1 yo");
        got.get("ben").remove("ben: " + MARK);
        assertProblem(got, "ben never received \"ben: 1 yo\"");
        assertProblem(got, "(a member receives its own messages too)");
    }

    @Test
    void aLeftForAMemberThatStayedIsReported() {
        Map<String, List<String>> got = correct();
        got.get("ann").add(got.get("ann").indexOf("ann: 2 ok"), "ben left!");
        assertProblem(got, "ann received \"ben left!\", but ben never left");
    }

    @Test
    void aLeaverReceivingEventsAfterItLeftIsReported() {
        Map<String, List<String>> got = correct();
        got.get("cat").add("ann: " + MARK);
        assertProblem(got, "cat received \"ann: (end of scenario)\" after it had left");
    }

    @Test
    void aLeaverTellingItselfItLeftIsReported() {
        Map<String, List<String>> got = correct();
        got.get("cat").add("cat left!");
        assertProblem(got, "cat received its own \"cat left!\"");
    }

    @Test
    void aLeaveNobodyHeardOfIsReported() {
        Map<String, List<String>> got = correct();
        got.values().forEach(lines -> lines.remove("cat left!"));
        assertProblem(got, "cat sent [bye], but nobody received \"cat left!\"");
    }

    @Test
    void noOrderFittingEveryoneIsReportedEvenWithoutAPairThatDisagrees() {
        // Each pair of members agrees on what both received, yet x < y (ann), y < z (ben), z < x (cat).
        Member ann = new Member("ann", "ann", false, 1, List.of(), Departure.STAYS);
        Member ben = new Member("ben", "ben", false, 1, List.of("1 x"), Departure.STAYS);
        Member cat = new Member("cat", "cat", false, 1, List.of("1 y"), Departure.STAYS);
        Member dan = new Member("dan", "dan", false, 1, List.of("1 z"), Departure.STAYS);
        RoomStress.Scenario four = new RoomStress.Scenario(List.of(ann, ben, cat, dan));
        Map<String, List<String>> got = new LinkedHashMap<>();
        got.put("ann", member("ann", "ben joined!", "cat joined!", "dan joined!", "ben: 1 x", "cat: 1 y"));
        got.put("ben", member("ben", "cat joined!", "dan joined!", "cat: 1 y", "dan: 1 z"));
        got.put("cat", member("cat", "dan joined!", "dan: 1 z", "ben: 1 x"));
        got.put("dan", member("dan"));
        Optional<String> problem = RoomConsistency.check(four, observation(four, got));
        assertTrue(problem.isPresent() && problem.get().startsWith("No single order of the room's events fits"),
                () -> "reported instead: " + problem);
    }

    @Test
    void aScenarioCutShortReportsWhyWhenTheLinesThemselvesAreFine() {
        Map<String, List<String>> got = correct();
        got.get("ben").subList(3, got.get("ben").size()).clear();
        RoomStress.Observation cut = new RoomStress.Observation(got, endings(scenario), sent(scenario),
                Set.of("ann", "ben"), Set.of("cat"), Optional.of("ben should have received \"cat: 1 bye all\" ..."));
        assertEquals(Optional.of("ben should have received \"cat: 1 bye all\" ..."), RoomConsistency.check(scenario, cut));
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** What each member receives from a correct room: its handshake, then the room's events while in it. */
    private Map<String, List<String>> correct() {
        Map<String, List<String>> got = new LinkedHashMap<>();
        got.put("ann", member("ann", room.subList(1, room.size()).toArray(String[]::new)));
        got.put("cat", member("cat", room.subList(2, room.indexOf("cat left!")).toArray(String[]::new)));
        got.put("ben", member("ben", room.subList(room.indexOf("ben joined!") + 1, room.size()).toArray(String[]::new)));
        return got;
    }

    private static List<String> member(String nick, String... after) {
        List<String> lines = new ArrayList<>(List.of(Protocol.NICK, Protocol.joined(nick), Protocol.CONNECTED));
        lines.addAll(List.of(after));
        return lines;
    }

    private Optional<String> check(Map<String, List<String>> got) {
        return RoomConsistency.check(scenario, observation(scenario, got));
    }

    private void assertProblem(Map<String, List<String>> got, String expected) {
        Optional<String> problem = check(got);
        assertTrue(problem.isPresent() && problem.get().contains(expected),
                () -> "expected a report containing\n  " + expected + "\nbut got\n  " + problem.orElse("(nothing)"));
    }

    private static RoomStress.Observation observation(RoomStress.Scenario scenario, Map<String, List<String>> got) {
        Set<String> markers = new HashSet<>();
        Set<String> departed = new HashSet<>();
        for (Member m : scenario.members()) {
            (m.departure().leaves() ? departed : markers).add(m.label());
        }
        return new RoomStress.Observation(got, endings(scenario), sent(scenario), markers, departed, Optional.empty());
    }

    private static Map<String, ScriptedClient.Ending> endings(RoomStress.Scenario scenario) {
        Map<String, ScriptedClient.Ending> endings = new LinkedHashMap<>();
        scenario.members().forEach(m -> endings.put(m.label(), m.departure().leaves()
                ? ScriptedClient.Ending.CLOSED_BY_SERVER : ScriptedClient.Ending.OPEN));
        return endings;
    }

    private static Map<String, Integer> sent(RoomStress.Scenario scenario) {
        Map<String, Integer> sent = new LinkedHashMap<>();
        scenario.members().forEach(m -> sent.put(m.label(), m.texts().size()));
        return sent;
    }
}
