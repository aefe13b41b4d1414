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
 * <p>Both sides send their lines as fast as the scenario says, without waiting for answers, up to
 * the next {@linkplain ChatTurn.Pause pause}; the driver then waits for each line sent so far to
 * arrive, in order, on its side. A server that takes turns, as the seed does, never relays the
 * second of two client lines in a row, and the wait for it fails.
 */
public final class SessionDriver {
    /** The operator's name the harness gives the stage. */
    public static final String OPERATOR = Protocol.DEFAULT_OPERATOR_NAME;

    private final StageUnderTest stage;
    private final Duration timeout;
    private final List<ScriptedClient> clients = new ArrayList<>();
    private String lostOperatorLineNote;

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

    /**
     * From now on, a report of an operator line (or farewell) that did not reach its client ends with
     * {@code note}: what the scenario did that could explain it.
     */
    public void explainLostOperatorLines(String note) {
        this.lostOperatorLineNote = note;
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
        expectLine(client, OPERATOR, session, "after sending its name " + Texts.quote(session.clientName())
                + ", " + client.label() + " should have received the operator's name " + Texts.quote(OPERATOR),
                null, false);
        expectPrinted(Protocol.hasConnected(session.clientName()), session,
                "once " + client.label() + " had sent its name, the console should have shown", null);
    }

    /**
     * Plays the session's turns: sends every line up to the next pause at once, then checks that
     * each arrived, in order, on its side; and so on to the end.
     */
    public void chat(ScriptedClient client, SessionScenario session) throws Exception {
        List<ChatTurn> turns = session.turns();
        int from = 0;
        while (from < turns.size()) {
            int to = from;
            while (to < turns.size() && !(turns.get(to) instanceof ChatTurn.Pause)) {
                to++;
            }
            burst(client, session, from, to);
            from = to + 1;
        }
    }

    /** Sends turns {@code from} (included) to {@code to} (excluded) at once, then checks them. */
    private void burst(ScriptedClient client, SessionScenario session, int from, int to) throws Exception {
        List<ChatTurn> turns = session.turns();
        for (int i = from; i < to; i++) {
            switch (turns.get(i)) {
                case ChatTurn.Operator op -> stage.type(op.text());
                case ChatTurn.Client cl -> client.send(cl.text());
                case ChatTurn.Pause pause -> throw new AssertionError("a burst holds no pause");
            }
        }
        int previous = -1; // the step of the line of the same side checked last in this burst, if any
        for (int i = from; i < to; i++) {
            if (turns.get(i) instanceof ChatTurn.Operator op) {
                expectLine(client, op.text(), session, "at step " + (i + 1) + " the operator typed "
                        + Texts.quote(op.text()) + ", so " + client.label() + " should have received it",
                        turnTakingHint(turns, from, previous, i, false), true);
                previous = i;
            }
        }
        previous = -1;
        for (int i = from; i < to; i++) {
            if (turns.get(i) instanceof ChatTurn.Client cl) {
                expectPrinted(Protocol.clientSaid(session.clientName(), cl.text()), session, "at step " + (i + 1)
                        + " the client sent " + Texts.quote(cl.text()) + ", so the console should have shown",
                        turnTakingHint(turns, from, previous, i, true));
                previous = i;
            }
        }
    }

    /**
     * What a line {@code i} that never arrived says about the server, when the scenario makes it
     * clear: the symptom of a server that takes turns. {@code from} is where the burst began,
     * {@code previous} the line of the same side just checked (and arrived), or -1.
     */
    private static String turnTakingHint(List<ChatTurn> turns, int from, int previous, int i, boolean clientSide) {
        String side = clientSide ? "client" : "operator";
        String other = clientSide ? "operator" : "client";
        if (previous >= 0 && i == previous + 1) {
            return "Step " + (previous + 1) + " did arrive; step " + (i + 1) + " was sent right after it, with no "
                    + other + " line in between. A server that takes turns, as seed 000 does (one operator line, "
                    + "then one client line), never relays two " + side + " lines in a row: each direction needs "
                    + "a thread of its own";
        }
        boolean operatorTypedBefore = turns.subList(from, i).stream().anyMatch(ChatTurn.Operator.class::isInstance);
        if (clientSide && !operatorTypedBefore) {
            return "The operator typed nothing " + (from == 0 ? "before it" : "since the last pause")
                    + ": a client's line must reach the console whether or not the operator types. A server that "
                    + "takes turns, as seed 000 does, waits for the operator's line first: each direction needs a "
                    + "thread of its own";
        }
        return null;
    }

    /** Ends the session as the scenario says and checks the farewell. */
    public void end(ScriptedClient client, SessionScenario session) throws Exception {
        if (session.ending() == null) {
            throw new IllegalArgumentException("this session's end is not part of its scenario: " + session);
        }
        switch (session.ending()) {
            case OPERATOR_BYE -> {
                stage.type(Protocol.BYE);
                expectLine(client, Protocol.SERVER_FAREWELL, session, "when the operator typed " + Protocol.BYE
                        + ", " + client.label() + " should have received the farewell "
                        + Texts.quote(Protocol.SERVER_FAREWELL), null, true);
                try {
                    client.awaitEnd(timeout);
                } catch (TimeoutException e) {
                    throw failure(session, "after sending its farewell the server should have closed the connection "
                            + "(the operator's " + Protocol.BYE + " ends the session), but the connection was still "
                            + "open " + timeout.toMillis() + " ms later", client);
                }
            }
            case CLIENT_BYE -> {
                client.send(Protocol.CLIENT_FAREWELL);
                client.close();
                expectPrinted(Protocol.clientSaid(session.clientName(), Protocol.CLIENT_FAREWELL), session,
                        "when " + client.label() + " sent its farewell and closed, the console should have shown",
                        null);
            }
        }
    }

    /**
     * Waits for {@code client}'s next line and checks it is {@code line}. {@code what} says what
     * should have happened, naming the line; {@code hint} explains a line that never came;
     * {@code operatorLine} says that it was the operator's.
     */
    private void expectLine(ScriptedClient client, String line, SessionScenario session, String what, String hint,
                            boolean operatorLine) throws InterruptedException {
        String note = operatorLine && lostOperatorLineNote != null ? withHint(lostOperatorLineNote) : "";
        String got;
        try {
            got = client.awaitLine(timeout);
        } catch (TimeoutException e) {
            String why = switch (client.ending()) {
                case OPEN -> "nothing more arrived within " + timeout.toMillis() + " ms" + withHint(hint);
                case CLOSED_BY_SERVER -> "the server closed the connection without sending it";
                case RESET -> "the connection was reset without it";
                case CLOSED_BY_CLIENT -> "nothing more arrived before the client closed";
            };
            throw failure(session, what + ", but " + why + note, client);
        }
        if (!got.equals(line)) {
            throw failure(session, what + " as its next line, but received "
                    + Texts.quote(got) + " instead" + note, client);
        }
    }

    private void expectPrinted(String line, SessionScenario session, String what, String hint)
            throws InterruptedException {
        try {
            stage.expectPrinted(line, timeout);
        } catch (TimeoutException e) {
            throw failure(session, what + " " + Texts.quote(line) + ", in order after the lines expected before it, "
                    + "but it did not within " + timeout.toMillis() + " ms" + withHint(hint), null);
        }
    }

    /**
     * The console shows the waiting line: when the stage starts ({@code ended} is null), and again
     * after each session (stage 2), once the server is back in {@code accept()} for the next client.
     */
    public void expectWaiting(SessionScenario ended) throws InterruptedException {
        try {
            stage.expectPrinted(Protocol.WAITING, timeout);
        } catch (TimeoutException e) {
            if (ended == null) {
                throw new AssertionError("when the stage started, the console should have shown "
                        + Texts.quote(Protocol.WAITING) + ", but it did not within " + timeout.toMillis()
                        + " ms.\n\nThe console printed:\n" + Texts.lines(stage.printed(), "   "));
            }
            throw failure(ended, "once the session of " + Texts.quote(ended.clientName()) + " had ended, the console "
                    + "should have shown " + Texts.quote(Protocol.WAITING) + " again (the server goes back to "
                    + "accept() for the next client), but it did not within " + timeout.toMillis() + " ms. Only a "
                    + "waiting line printed after the session's end counts: the next client is accepted only "
                    + "once this session is over" + (stage.awaitReturn(Duration.ZERO) ? ". (The stage's serve() had "
                    + "returned: it accepts no more clients. Is accept() inside the loop?)" : ""), null);
        }
    }

    private static String withHint(String hint) {
        return hint == null ? "" : ".\n" + hint;
    }

    /** A failure a student can read: what went wrong, in whose session, and what each side saw. */
    AssertionError failure(SessionScenario session, String what, ScriptedClient client) {
        StringBuilder text = new StringBuilder(what).append(".\n\n(In the session of ")
                .append(Texts.quote(session.clientName())).append(".)");
        text.append("\nThe console printed:\n").append(Texts.lines(stage.printed(), "   "));
        for (ScriptedClient c : clients) {
            if (client == null || c == client) {
                text.append("\n").append(c.label()).append(" received:\n").append(Texts.lines(c.lines(), "   "))
                        .append("\n   ").append(describe(c.ending()));
            }
        }
        return new AssertionError(text.toString());
    }

    private static String describe(ScriptedClient.Ending ending) {
        return switch (ending) {
            case OPEN -> "(its connection still open)";
            case CLOSED_BY_SERVER -> "(then the server closed the connection)";
            case RESET -> "(then the connection was reset)";
            case CLOSED_BY_CLIENT -> "(then it closed its connection)";
        };
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
