package chatlab.suite;

import chatlab.property.Gen;
import chatlab.protocol.Protocol;
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

    /** Sessions of up to {@code maxTurns} lines, in any interleaving of the two sides. */
    public static Gen<SessionScenario> sessions(int maxTurns) {
        Gen<ChatTurn> turn = Gen.oneOf(lines().map(ChatTurn.Client::new), lines().map(ChatTurn.Operator::new));
        return clientNames().flatMap(name -> Gen.listOf(turn, 0, maxTurns).flatMap(turns ->
                Gen.elementOf(SessionScenario.Ending.values()).map(ending -> new SessionScenario(name, turns, ending))));
    }

    /** A session with its lines given: for properties about one part of the protocol. */
    public static SessionScenario of(String name, List<ChatTurn> turns, SessionScenario.Ending ending) {
        return new SessionScenario(name, turns, ending);
    }
}
