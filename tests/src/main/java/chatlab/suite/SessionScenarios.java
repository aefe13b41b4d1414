package chatlab.suite;

import chatlab.property.Gen;
import chatlab.property.Gen.Weighted;
import chatlab.protocol.Protocol;
import java.util.ArrayList;
import java.util.List;

/** Generators of one-to-one sessions (stages 1 and 2). */
public final class SessionScenarios {
    private SessionScenarios() {
    }

    /** Client names: a plain one first, then names in other scripts. */
    public static Gen<String> clientNames() {
        return Gen.oneOf(Gen.elementOf("alice", "bob", "shree"), Gen.elementOf(ChatGen.EXOTIC_NICKNAMES),
                ChatGen.words());
    }

    /** Lines either side may send: anything but {@code [bye]} and the client's farewell. */
    public static Gen<String> lines() {
        return ChatGen.texts(200).filter(t -> !t.equals(Protocol.BYE) && !t.equals(Protocol.CLIENT_FAREWELL));
    }

    /**
     * {@code count} different lines, so that a report tells them apart: a line drawn twice gets its
     * number ("hello", "hello (2)", "hello (3)" once shrunk).
     */
    public static Gen<List<String>> differentLines(int count) {
        return Gen.listOf(lines(), count, count).map(drawn -> {
            List<String> different = new ArrayList<>();
            for (String line : drawn) {
                String name = line;
                for (int n = 2; different.contains(name); n++) {
                    name = line + " (" + n + ")";
                }
                different.add(name);
            }
            return different;
        });
    }

    /**
     * Sessions of up to {@code maxTurns} steps, in any interleaving of the two sides, now and then
     * with a pause in which both sides wait for what they sent to arrive.
     */
    public static Gen<SessionScenario> sessions(int maxTurns) {
        Gen<ChatTurn> turn = Gen.frequency(List.of(
                new Weighted<>(4, lines().map(ChatTurn.Client::new)),
                new Weighted<>(4, lines().map(ChatTurn.Operator::new)),
                new Weighted<>(1, Gen.constant(new ChatTurn.Pause()))));
        Gen<SessionScenario.Ending> endings = Gen.elementOf(SessionScenario.Ending.values());
        return clientNames().flatMap(name -> Gen.listOf(turn, 0, maxTurns).flatMap(turns ->
                endings.map(ending -> new SessionScenario(name, turns, ending))));
    }

    /**
     * Sessions of up to {@code maxTurns} steps in any interleaving, that then always test both
     * directions on their own: once every line so far has arrived, the client sends two lines in a
     * row while the operator types nothing; once they have arrived, the operator types two lines in
     * a row while the client sends nothing. A server that takes turns, as seed 000's does, fails
     * every such session, whatever came before. Their end is not played (null ending).
     */
    public static Gen<SessionScenario> fullDuplexSessions(int maxTurns) {
        Gen<List<String>> two = differentLines(2);
        return sessions(maxTurns).flatMap(session -> two.flatMap(client -> two.map(operator -> {
            List<ChatTurn> turns = new ArrayList<>(session.turns());
            turns.add(new ChatTurn.Pause());
            client.forEach(text -> turns.add(new ChatTurn.Client(text)));
            turns.add(new ChatTurn.Pause());
            operator.forEach(text -> turns.add(new ChatTurn.Operator(text)));
            return new SessionScenario(session.clientName(), turns, null);
        })));
    }

    /**
     * Sessions that open with {@code count} operator lines typed one at a time, each once the one
     * before has reached the client, then go on as {@code sessions(maxTurns)}.
     */
    public static Gen<SessionScenario> openedByOperator(int count, int maxTurns) {
        return sessions(maxTurns).flatMap(session -> differentLines(count).map(texts -> {
            List<ChatTurn> turns = new ArrayList<>();
            for (String text : texts) {
                turns.add(new ChatTurn.Operator(text));
                turns.add(new ChatTurn.Pause());
            }
            turns.addAll(session.turns());
            return new SessionScenario(session.clientName(), turns, session.ending());
        }));
    }

    /** The same session with its client named {@code name} (for properties that name their clients). */
    public static SessionScenario renamed(SessionScenario session, String name) {
        return new SessionScenario(name, session.turns(), session.ending());
    }

    /** The same session, ended as {@code ending} says. */
    public static SessionScenario endedBy(SessionScenario session, SessionScenario.Ending ending) {
        return new SessionScenario(session.clientName(), session.turns(), ending);
    }

    /** A session with its lines given: for properties about one part of the protocol. */
    public static SessionScenario of(String name, List<ChatTurn> turns, SessionScenario.Ending ending) {
        return new SessionScenario(name, turns, ending);
    }
}
