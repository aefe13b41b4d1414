package chatlab.suite;

import chatlab.driver.ScriptedClient;
import chatlab.property.Gen;
import chatlab.protocol.Protocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;

/** The graded properties of stage 1, the one-shot server (20 points). */
@DisplayName("Stage 1: one-shot server")
public class OneShotProperties {

    @GradedProperty(stage = 1, points = 4, tries = 5)
    @DisplayName("names are exchanged both ways: the client's name on the console, the operator's to the client")
    void namesAreExchanged(PropertyContext properties) {
        properties.forAll(SessionScenarios.clientNames()).check(name -> {
            try (StageUnderTest stage = properties.start()) {
                SessionDriver driver = new SessionDriver(stage, properties.lineTimeout());
                try {
                    SessionScenario session = SessionScenarios.of(name, List.of(), null);
                    driver.expectWaiting(null);
                    ScriptedClient client = driver.connect("the client");
                    client.send(name);
                    driver.greet(client, session);
                } finally {
                    driver.closeClients();
                }
            }
        });
    }

    @GradedProperty(stage = 1, points = 7, tries = 10)
    @DisplayName("full duplex: every line reaches the other side in order, whatever the interleaving")
    void fullDuplex(PropertyContext properties) {
        // Any interleaving sent at once, then each side's burst of two lines on its own: a server
        // that takes turns fails every scenario, not only the unbalanced ones.
        properties.forAll(SessionScenarios.fullDuplexSessions(8)).check(session -> {
            try (StageUnderTest stage = properties.start()) {
                SessionDriver driver = new SessionDriver(stage, properties.lineTimeout());
                try {
                    ScriptedClient client = driver.connect("the client");
                    client.send(session.clientName());
                    driver.greet(client, session);
                    driver.chat(client, session);
                } finally {
                    driver.closeClients();
                }
            }
        });
    }

    @GradedProperty(stage = 1, points = 4, tries = 6)
    @DisplayName("[bye] from either side ends the session with the right farewell, and the stage returns")
    void byeEndsTheSession(PropertyContext properties) {
        // Every scenario tries both endings, each on a fresh stage: a mistake in one of them
        // cannot hide behind a run that happened to draw only the other.
        Gen<SessionScenario> sessions = SessionScenarios.sessions(4);
        properties.forAll(sessions.flatMap(first -> sessions.map(second -> new BothEndings(
                SessionScenarios.endedBy(first, SessionScenario.Ending.OPERATOR_BYE),
                SessionScenarios.endedBy(second, SessionScenario.Ending.CLIENT_BYE))))).check(both -> {
            for (SessionScenario session : both.sessions()) {
                try (StageUnderTest stage = properties.start()) {
                    SessionDriver driver = new SessionDriver(stage, properties.lineTimeout());
                    try {
                        driver.play(driver.connect("the client"), session);
                        if (!stage.awaitReturn(properties.lineTimeout())) {
                            throw driver.failure(session, "once the session had ended, the stage's serve() should "
                                    + "have returned (stage 1 calls accept() once: there is no second client), but it "
                                    + "was still running " + properties.lineTimeout().toMillis() + " ms later", null);
                        }
                    } finally {
                        driver.closeClients();
                    }
                }
            }
        });
    }

    @GradedProperty(stage = 1, points = 5, tries = 6)
    @DisplayName("of clients arriving together exactly one is served; the others are never answered, then reset")
    void exactlyOneClientIsServed(PropertyContext properties) {
        Gen<Integer> latecomers = Gen.ints(1, 3);
        properties.forAll(SessionScenarios.sessions(3).flatMap(s -> latecomers.map(k -> new Arrivals(s, k))))
                .check(arrivals -> {
                    try (StageUnderTest stage = properties.start()) {
                        SessionDriver driver = new SessionDriver(stage, properties.lineTimeout());
                        try {
                            ScriptedClient first = driver.connect("the first client");
                            List<ScriptedClient> others = new ArrayList<>();
                            for (int i = 1; i <= arrivals.latecomers(); i++) {
                                // Each connects (into the backlog) and sends its name, as a real client would.
                                ScriptedClient other = driver.connect("client " + (i + 1));
                                other.send("latecomer" + i);
                                others.add(other);
                            }
                            driver.play(first, arrivals.session());
                            if (!stage.awaitReturn(properties.lineTimeout())) {
                                throw driver.failure(arrivals.session(), "once its one session had ended, the "
                                        + "stage's serve() should have returned (stage 1 calls accept() once, outside "
                                        + "any loop), but it was still running " + properties.lineTimeout().toMillis()
                                        + " ms later", null);
                            }
                            for (ScriptedClient other : others) {
                                ScriptedClient.Ending ending = awaitEnd(other, properties.lineTimeout());
                                if (!other.lines().isEmpty() || ending == ScriptedClient.Ending.OPEN) {
                                    throw driver.failure(arrivals.session(), other.label() + " connected while the "
                                            + "first client was served; it should never have been answered, and its "
                                            + "connection should have ended when the stage returned, but "
                                            + (other.lines().isEmpty() ? "its connection was still open "
                                            + properties.lineTimeout().toMillis() + " ms after the stage returned"
                                            : "it received " + Texts.quote(other.lines().getFirst())), other);
                                }
                            }
                        } finally {
                            driver.closeClients();
                        }
                    }
                });
    }

    private static ScriptedClient.Ending awaitEnd(ScriptedClient client, Duration timeout) throws InterruptedException {
        try {
            return client.awaitEnd(timeout);
        } catch (java.util.concurrent.TimeoutException e) {
            return ScriptedClient.Ending.OPEN;
        }
    }

    /** Two sessions, each on a stage of its own: one the operator ends, one the client ends. */
    record BothEndings(SessionScenario operatorLeaves, SessionScenario clientLeaves) {
        List<SessionScenario> sessions() {
            return List.of(operatorLeaves, clientLeaves);
        }

        @Override
        public String toString() {
            return "on a first stage: " + operatorLeaves + "\non a second stage: " + clientLeaves;
        }
    }

    /** A session, and how many more clients arrive while it runs. */
    record Arrivals(SessionScenario session, int latecomers) {
        @Override
        public String toString() {
            return session + "\n" + latecomers + " more client(s) connect while it runs, each sending its name";
        }
    }
}
