package chatlab.suite;

import chatlab.driver.ScriptedClient;
import chatlab.protocol.Protocol;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Plays one-to-one sessions (stages 1 and 2) against a running stage and checks them against the
 * protocol: the names exchanged, every line in order in both directions, the farewells.
 *
 * <p>Both sides send their lines as fast as the scenario says, without waiting for answers; the
 * driver then waits for each expected line in order. A server that takes turns, as the seed does,
 * never shows the second of two client lines in a row, and the wait for it fails.
 */
public final class SessionDriver {
    /** The operator's name the harness gives the stage. */
    public static final String OPERATOR = Protocol.DEFAULT_OPERATOR_NAME;

    private final StageUnderTest stage;
    private final Duration timeout;
    private final List<ScriptedClient> clients = new ArrayList<>();

    public SessionDriver(StageUnderTest stage, Duration timeout) {
        this.stage = stage;
        this.timeout = timeout;
    }

    /** Connects a client (its connect may complete into the listen backlog). */
    public ScriptedClient connect(String label) throws IOException {
        ScriptedClient client = ScriptedClient.connect(label, stage.address());
        clients.add(client);
        return client;
    }

    /** Plays a whole session on a client that is connected and about to be served. */
    public void play(ScriptedClient client, SessionScenario session) throws Exception {
        client.send(session.clientName());
        greet(client, session);
        chat(client, session);
        end(client, session);
    }

    /** The greeting: the client has sent its name; the operator's name comes back; the console says who came. */
    public void greet(ScriptedClient client, SessionScenario session) throws InterruptedException {
        expectLine(client, OPERATOR, session, "after sending its name, " + client.label()
                + " should have received the operator's name");
        expectPrinted(Protocol.hasConnected(session.clientName()), session, "the console should have shown");
    }

    /** Sends every line of the session at once, then checks that each arrived, in order, on its side. */
    public void chat(ScriptedClient client, SessionScenario session) throws Exception {
        for (ChatTurn turn : session.turns()) {
            switch (turn) {
                case ChatTurn.Operator op -> stage.type(op.text());
                case ChatTurn.Client cl -> client.send(cl.text());
            }
        }
        for (ChatTurn turn : session.turns()) {
            if (turn instanceof ChatTurn.Operator op) {
                expectLine(client, op.text(), session, client.label() + " should have received the operator's line");
            }
        }
        for (ChatTurn turn : session.turns()) {
            if (turn instanceof ChatTurn.Client cl) {
                expectPrinted(Protocol.clientSaid(session.clientName(), cl.text()), session,
                        "the console should have shown the client's line");
            }
        }
    }

    /** Ends the session as the scenario says and checks the farewell. */
    public void end(ScriptedClient client, SessionScenario session) throws Exception {
        switch (session.ending()) {
            case OPERATOR_BYE -> {
                stage.type(Protocol.BYE);
                expectLine(client, Protocol.SERVER_FAREWELL, session,
                        "after the operator's [bye], " + client.label() + " should have received");
                try {
                    client.awaitEnd(timeout);
                } catch (TimeoutException e) {
                    throw failure(session, "after its farewell the server should have closed the connection, "
                            + "but it was still open after " + timeout.toMillis() + " ms", client);
                }
            }
            case CLIENT_BYE -> {
                client.send(Protocol.CLIENT_FAREWELL);
                client.close();
                expectPrinted(Protocol.clientSaid(session.clientName(), Protocol.CLIENT_FAREWELL), session,
                        "the console should have shown the client's farewell");
            }
        }
    }

    private void expectLine(ScriptedClient client, String line, SessionScenario session, String what)
            throws InterruptedException {
        String got;
        try {
            got = client.awaitLine(timeout);
        } catch (TimeoutException e) {
            throw failure(session, what + " " + Texts.quote(line) + ", but nothing more arrived within "
                    + timeout.toMillis() + " ms" + (client.ending() == ScriptedClient.Ending.OPEN ? "" :
                    " (the connection had ended: " + client.ending() + ")"), client);
        }
        if (!got.equals(line)) {
            throw failure(session, what + " " + Texts.quote(line) + ", but received " + Texts.quote(got), client);
        }
    }

    private void expectPrinted(String line, SessionScenario session, String what) throws InterruptedException {
        try {
            stage.expectPrinted(line, timeout);
        } catch (TimeoutException e) {
            throw failure(session, what + " " + Texts.quote(line) + " within " + timeout.toMillis()
                    + " ms, in order after the lines before it", null);
        }
    }

    /** A failure a student can read: what went wrong, the session, and what each side saw. */
    AssertionError failure(SessionScenario session, String what, ScriptedClient client) {
        StringBuilder text = new StringBuilder(what).append(".\n\nThe session:\n   ").append(session);
        text.append("\n\nThe console printed:\n").append(Texts.lines(stage.printed(), "   "));
        for (ScriptedClient c : clients) {
            if (client == null || c == client) {
                text.append("\n").append(c.label()).append(" received:\n").append(Texts.lines(c.lines(), "   "));
            }
        }
        return new AssertionError(text.toString());
    }

    /** Closes every client this driver connected. */
    public void closeClients() {
        for (ScriptedClient client : clients) {
            try {
                client.close();
            } catch (IOException e) {
                // a test client: nothing to do
            }
        }
    }
}
