package chatlab.suite;

import chatlab.driver.ScriptedClient;
import chatlab.property.Gen;
import chatlab.protocol.Protocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;

/** The graded properties of stage 2, the accept loop (20 points). */
@DisplayName("Stage 2: accept loop")
public class AcceptLoopProperties {
    /**
     * The one place the suite waits for nothing: a client parked in the listen backlog has no way to
     * show that it was <em>not</em> answered, so the property watches it for this long. Bounded and
     * named, and used only there.
     */
    static final Duration BACKLOG_QUIET_WINDOW = Duration.ofMillis(300);

    private static final List<String> NAMES = List.of("alice", "bob", "carol", "dave");

    @GradedProperty(stage = 2, points = 6, tries = 6)
    @DisplayName("clients arriving together are served one at a time, in arrival order, each session complete")
    void servedOneAtATimeInArrivalOrder(PropertyContext properties) {
        properties.forAll(Gen.listOf(SessionScenarios.sessions(3), 2, NAMES.size()).map(AcceptLoopProperties::named))
                .check(sessions -> {
                    try (StageUnderTest stage = properties.start()) {
                        SessionDriver driver = new SessionDriver(stage, properties.lineTimeout());
                        try {
                            List<ScriptedClient> clients = new ArrayList<>();
                            for (SessionScenario session : sessions) {
                                // Connect in order, each once the previous connect returned: that is the arrival order.
                                ScriptedClient client = driver.connect(session.clientName());
                                client.send(session.clientName());
                                clients.add(client);
                            }
                            for (int i = 0; i < sessions.size(); i++) {
                                // The console shows who is served; "has connected." for the next client may
                                // only come after the previous session's end, and operator lines reach only
                                // the client being served.
                                driver.greet(clients.get(i), sessions.get(i));
                                driver.chat(clients.get(i), sessions.get(i));
                                driver.end(clients.get(i), sessions.get(i));
                            }
                        } finally {
                            driver.closeClients();
                        }
                    }
                });
    }

    @GradedProperty(stage = 2, points = 5, tries = 5)
    @DisplayName("the server keeps accepting after any number of sessions")
    void keepsAccepting(PropertyContext properties) {
        properties.forAll(Gen.listOf(SessionScenarios.sessions(2), 1, 5).map(AcceptLoopProperties::named))
                .check(sessions -> {
                    try (StageUnderTest stage = properties.start()) {
                        SessionDriver driver = new SessionDriver(stage, properties.lineTimeout());
                        try {
                            for (SessionScenario session : sessions) {
                                stage.expectPrinted(Protocol.WAITING, properties.lineTimeout());
                                driver.play(driver.connect(session.clientName()), session);
                            }
                            stage.expectPrinted(Protocol.WAITING, properties.lineTimeout());
                        } finally {
                            driver.closeClients();
                        }
                    }
                });
    }

    @GradedProperty(stage = 2, points = 5, tries = 5)
    @DisplayName("each session gets the operator's lines from its start; lines typed between sessions go to nobody")
    void operatorLinesReachTheirOwnSession(PropertyContext properties) {
        Gen<List<String>> between = Gen.listOf(Gen.oneOf(SessionScenarios.lines(), Gen.constant(Protocol.BYE)), 1, 3);
        Gen<SessionScenario> startsWithOperatorLine = SessionScenarios.sessions(3).flatMap(s ->
                SessionScenarios.lines().map(first -> {
                    List<ChatTurn> turns = new ArrayList<>();
                    turns.add(new ChatTurn.Operator(first));
                    turns.addAll(s.turns());
                    return new SessionScenario(s.clientName(), turns, s.ending());
                }));
        Gen<OperatorScenario> scenarios = startsWithOperatorLine.flatMap(second ->
                startsWithOperatorLine.flatMap(third -> between.map(lines -> new OperatorScenario(
                        new SessionScenario("alice", List.of(), SessionScenario.Ending.CLIENT_BYE),
                        rename(second, "bob"), lines, rename(third, "carol")))));
        properties.forAll(scenarios).check(scenario -> {
            try (StageUnderTest stage = properties.start()) {
                SessionDriver driver = new SessionDriver(stage, properties.lineTimeout());
                try {
                    // Session 1 ends because its client leaves: its console relay was waiting for the
                    // operator then, and must not stay behind to steal the next session's first line.
                    driver.play(driver.connect("alice"), scenario.first());
                    stage.expectPrinted(Protocol.WAITING, properties.lineTimeout());
                    driver.play(driver.connect("bob"), scenario.second());
                    stage.expectPrinted(Protocol.WAITING, properties.lineTimeout());
                    scenario.between().forEach(stage::type);
                    driver.play(driver.connect("carol"), scenario.third());
                } finally {
                    driver.closeClients();
                }
            }
        });
    }

    @GradedProperty(stage = 2, points = 4, tries = 3)
    @DisplayName("a waiting client is answered only after the previous session has ended")
    void waitingClientIsAnsweredOnlyAfterwards(PropertyContext properties) {
        properties.forAll(SessionScenarios.sessions(3).map(s -> rename(s, "alice"))).check(first -> {
            try (StageUnderTest stage = properties.start()) {
                SessionDriver driver = new SessionDriver(stage, properties.lineTimeout());
                try {
                    ScriptedClient alice = driver.connect("alice");
                    alice.send("alice");
                    driver.greet(alice, first);
                    ScriptedClient bob = driver.connect("bob");
                    bob.send("bob");
                    // bob waits in the backlog: only a bounded quiet window can show that nobody answers.
                    Thread.sleep(BACKLOG_QUIET_WINDOW.toMillis());
                    if (!bob.lines().isEmpty()) {
                        throw driver.failure(first, "bob connected while alice was being served and was answered "
                                + "at once; it should have waited until alice's session ended", bob);
                    }
                    driver.chat(alice, first);
                    driver.end(alice, first);
                    driver.greet(bob, new SessionScenario("bob", List.of(), SessionScenario.Ending.OPERATOR_BYE));
                } finally {
                    driver.closeClients();
                }
            }
        });
    }

    /** Gives generated sessions distinct, readable client names, so the console shows who is who. */
    private static List<SessionScenario> named(List<SessionScenario> sessions) {
        List<SessionScenario> named = new ArrayList<>();
        for (int i = 0; i < sessions.size(); i++) {
            named.add(rename(sessions.get(i), NAMES.get(i)));
        }
        return named;
    }

    private static SessionScenario rename(SessionScenario session, String name) {
        return new SessionScenario(name, session.turns(), session.ending());
    }

    /** Three sessions in a row, with lines typed between the second and the third. */
    record OperatorScenario(SessionScenario first, SessionScenario second, List<String> between,
                            SessionScenario third) {
        @Override
        public String toString() {
            return "session 1: " + first + "\nsession 2 (no line typed before it): " + second
                    + "\nbetween sessions 2 and 3 the operator types "
                    + between.stream().map(Texts::quote).collect(Collectors.joining(", "))
                    + " (for nobody)\nsession 3: " + third;
        }
    }
}
