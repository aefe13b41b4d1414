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

    /** How many operator lines, typed one at a time, open each later session of the operator-lines property. */
    private static final int OPENING_LINES = 3;

    private static final List<String> NAMES = List.of("alice", "bob", "carol", "dave", "erin");

    @GradedProperty(stage = 2, points = 6, tries = 6)
    @DisplayName("clients arriving together are served one at a time, in arrival order, each session complete")
    void servedOneAtATimeInArrivalOrder(PropertyContext properties) {
        properties.forAll(Gen.listOf(SessionScenarios.sessions(3), 2, NAMES.size()).map(s -> named(s, true)))
                .check(scenario -> {
                    List<SessionScenario> sessions = scenario.sessions();
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
        properties.forAll(Gen.listOf(SessionScenarios.sessions(2), 1, NAMES.size()).map(s -> named(s, false)))
                .check(scenario -> {
                    try (StageUnderTest stage = properties.start()) {
                        SessionDriver driver = new SessionDriver(stage, properties.lineTimeout());
                        try {
                            SessionScenario previous = null;
                            for (SessionScenario session : scenario.sessions()) {
                                driver.expectWaiting(previous);
                                driver.play(driver.connect(session.clientName()), session);
                                previous = session;
                            }
                            driver.expectWaiting(previous);
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
        // Sessions 2 and 3 open with operator lines typed one at a time, each once the one before
        // has arrived: by then the session's own console relay is waiting for the operator, and
        // so is a relay an earlier session left behind, which then takes one of these lines.
        Gen<SessionScenario> opened = SessionScenarios.openedByOperator(OPENING_LINES, 3);
        Gen<OperatorScenario> scenarios = opened.flatMap(second ->
                opened.flatMap(third -> between.map(lines -> new OperatorScenario(
                        new SessionScenario("alice", List.of(), SessionScenario.Ending.CLIENT_BYE),
                        SessionScenarios.renamed(second, "bob"), lines, SessionScenarios.renamed(third, "carol")))));
        properties.forAll(scenarios).check(scenario -> {
            try (StageUnderTest stage = properties.start()) {
                SessionDriver driver = new SessionDriver(stage, properties.lineTimeout());
                try {
                    // Session 1 ends because its client leaves: its console relay was waiting for the
                    // operator then, and must not stay behind to steal the next session's first line.
                    driver.play(driver.connect("alice"), scenario.first());
                    driver.expectWaiting(scenario.first());
                    driver.explainLostOperatorLines("Session 1 ended because alice left while its console relay "
                            + "was waiting for the operator. A session is over only once both of its relays have "
                            + "ended: a console relay left waiting takes a line the operator types later, meant "
                            + "for the next client, and sends it to the dead connection");
                    driver.play(driver.connect("bob"), scenario.second());
                    driver.expectWaiting(scenario.second());
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
        properties.forAll(SessionScenarios.sessions(3).map(s -> new BobWaits(SessionScenarios.renamed(s, "alice"))))
                .check(scenario -> {
                    SessionScenario first = scenario.alice();
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
                            expectUnanswered(driver, stage, first, bob, "in the " + BACKLOG_QUIET_WINDOW.toMillis()
                                    + " ms after it connected");
                            driver.chat(alice, first);
                            // Until the driver ends alice's session, a correct server cannot have answered bob:
                            // checked again here, at no cost, over the whole of alice's chat.
                            expectUnanswered(driver, stage, first, bob,
                                    "by the end of alice's chat, before alice's session ended");
                            driver.end(alice, first);
                            driver.greet(bob, new SessionScenario("bob", List.of(), null));
                        } finally {
                            driver.closeClients();
                        }
                    }
                });
    }

    /** alice's session, while bob waits for its turn. */
    record BobWaits(SessionScenario alice) {
        @Override
        public String toString() {
            return alice + "\nbob connects and sends its name as soon as alice has been greeted, then waits for its "
                    + "turn; once alice's session has ended, bob should be greeted";
        }
    }

    /** bob, waiting for its turn, must have received nothing, and the console must not show it as connected. */
    private static void expectUnanswered(SessionDriver driver, StageUnderTest stage, SessionScenario first,
                                         ScriptedClient bob, String when) {
        boolean greeted = stage.printed().contains(Protocol.hasConnected("bob"));
        if (!bob.lines().isEmpty() || greeted) {
            throw driver.failure(first, "bob connected and sent its name while alice was being served; it should "
                    + "have waited, unanswered, until alice's session ended (one client at a time: no thread per "
                    + "client), but " + (bob.lines().isEmpty() ? "the console showed "
                    + Texts.quote(Protocol.hasConnected("bob")) : "it received " + Texts.quote(bob.lines().getFirst()))
                    + " " + when, bob);
        }
    }

    /** Gives generated sessions distinct, readable client names, so the console shows who is who. */
    private static Clients named(List<SessionScenario> sessions, boolean together) {
        List<SessionScenario> named = new ArrayList<>();
        for (int i = 0; i < sessions.size(); i++) {
            named.add(SessionScenarios.renamed(sessions.get(i), NAMES.get(i)));
        }
        return new Clients(named, together);
    }

    /**
     * Clients and their sessions: arriving together (each connects and sends its name at once, in
     * this order) or one after another (each once the session before it has ended).
     */
    record Clients(List<SessionScenario> sessions, boolean together) {
        @Override
        public String toString() {
            String names = sessions.stream().map(s -> s.clientName()).collect(Collectors.joining(", "));
            StringBuilder text = new StringBuilder(sessions.size() == 1 ? names + " connects:" : together
                    ? names + " connect one after another, each sending its name at once; then their sessions, in turn:"
                    : names + " connect one after another, each once the session before has ended:");
            for (SessionScenario session : sessions) {
                text.append("\n").append(session.clientName()).append("'s session: ").append(session);
            }
            return text.toString();
        }
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
