package chatlab.suite;

import chatlab.driver.ScriptedClient;
import chatlab.protocol.Protocol;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Plays a {@link RoomScenario} against a running room, one step at a time, and checks every line
 * every client receives against the protocol's model of the room (the oracle).
 *
 * <p>Steps run in sequence: after each one the driver waits until every client has received
 * exactly the lines the step should cause, in order, and nothing else. So the expected lines are
 * exact, and a difference is reported at the step that caused it. "Nothing else" needs no sleep:
 * the lines are read in order, so an extra line shows up as the wrong next line, and the scenario
 * ends with a marker message that every remaining member must receive as its next line.
 *
 * <p>What may differ, however: the concurrent behaviour of a room (several members speaking at once)
 * is checked by {@code RoomStress}, since no single expected order exists there.
 *
 * <p>Close the room before the driver: a room whose threads spin at end of stream (seed 001's
 * bug) would otherwise see every client close while it still runs, and spin on every processor.
 */
public final class RoomDriver implements AutoCloseable {
    /** The text of the last message, which proves that nothing else was on its way. */
    public static final String END_MARKER = "(end of scenario)";

    private final InetSocketAddress address;
    private final Duration lineTimeout;
    private final Map<String, ScriptedClient> clients = new LinkedHashMap<>();
    private final Map<String, List<String>> expected = new LinkedHashMap<>();
    private final Map<String, String> members = new LinkedHashMap<>(); // label -> nickname, in joining order
    private int stepNumber;
    private RoomStep step;

    /**
     * @param address     where the room listens
     * @param lineTimeout how long to wait for each expected line before calling it missing
     */
    public RoomDriver(InetSocketAddress address, Duration lineTimeout) {
        this.address = address;
        this.lineTimeout = lineTimeout;
    }

    /** Plays the scenario; throws an {@link AssertionError} that tells a student what differed. */
    public void play(RoomScenario scenario) throws Exception {
        for (RoomStep s : scenario.steps()) {
            stepNumber++;
            step = s;
            perform(s);
        }
        step = null;
        finish();
    }

    private void perform(RoomStep s) throws Exception {
        switch (s) {
            case RoomStep.Join join -> {
                ScriptedClient client = connect(join.client());
                expectNext(join.client(), Protocol.NICK);
                client.send(join.nick());
                String joined = Protocol.joined(join.nick());
                expect(join.client(), joined, Protocol.CONNECTED);
                for (String other : members.keySet()) {
                    expect(other, joined);
                }
                members.put(join.client(), join.nick());
            }
            case RoomStep.Say say -> {
                clients.get(say.client()).send(say.text());
                if (!say.text().isEmpty()) {
                    String line = Protocol.message(members.get(say.client()), say.text());
                    for (String member : members.keySet()) {
                        expect(member, line);
                    }
                }
            }
            case RoomStep.Bye bye -> {
                ScriptedClient client = clients.get(bye.client());
                client.send(Protocol.BYE);
                String nick = members.remove(bye.client());
                expectClosed(bye.client(), "after its [bye]");
                for (String member : members.keySet()) {
                    expect(member, Protocol.left(nick));
                }
            }
            case RoomStep.Drop drop -> {
                clients.get(drop.client()).abort();
                String nick = members.remove(drop.client());
                for (String member : members.keySet()) {
                    expect(member, Protocol.left(nick));
                }
            }
            case RoomStep.Close close -> {
                ScriptedClient client = clients.get(close.client());
                if (!close.unfinished().isEmpty()) {
                    client.sendRaw(close.unfinished().getBytes(StandardCharsets.UTF_8));
                }
                // A half-close: the server reads end of stream, and this client still sees what follows.
                client.shutdownOutput();
                String nick = members.remove(close.client());
                for (String member : members.keySet()) {
                    expect(member, Protocol.left(nick));
                }
                expectClosed(close.client(), "once it had closed its side");
            }
            case RoomStep.Vanish vanish -> {
                ScriptedClient client = connect(vanish.client());
                expectNext(vanish.client(), Protocol.NICK);
                client.close();
            }
        }
    }

    private void finish() throws Exception {
        if (members.isEmpty()) {
            return;
        }
        String speaker = members.keySet().iterator().next();
        clients.get(speaker).send(END_MARKER);
        String line = Protocol.message(members.get(speaker), END_MARKER);
        for (String member : members.keySet()) {
            expect(member, line);
        }
    }

    private ScriptedClient connect(String label) throws IOException {
        try {
            ScriptedClient client = ScriptedClient.connect(label, address);
            clients.put(label, client);
            expected.put(label, new ArrayList<>());
            return client;
        } catch (IOException e) {
            throw new AssertionError(at() + label + " could not connect: " + e.getMessage(), e);
        }
    }

    private void expect(String label, String... lines) throws InterruptedException {
        for (String line : lines) {
            expectNext(label, line);
        }
    }

    /** Records that {@code label} should receive {@code line} next, and checks that it does. */
    private void expectNext(String label, String line) throws InterruptedException {
        expected.get(label).add(line);
        ScriptedClient client = clients.get(label);
        String got;
        try {
            got = client.awaitLine(lineTimeout);
        } catch (TimeoutException e) {
            throw new AssertionError(at() + label + " should have received " + Texts.quote(line)
                    + ", but nothing more arrived within " + lineTimeout.toMillis() + " ms"
                    + ended(client) + ".\n\n" + transcripts());
        }
        if (!got.equals(line)) {
            throw new AssertionError(at() + label + " should have received " + Texts.quote(line)
                    + ", but received " + Texts.quote(got) + ".\n\n" + transcripts());
        }
    }

    private void expectClosed(String label, String after) throws InterruptedException {
        ScriptedClient client = clients.get(label);
        try {
            client.awaitEnd(lineTimeout);
        } catch (TimeoutException e) {
            throw new AssertionError(at() + "the server should have closed " + label + "'s connection "
                    + after + ", but it was still open after " + lineTimeout.toMillis() + " ms.\n\n" + transcripts());
        }
        List<String> extra = client.lines().subList(expected.get(label).size(), client.lines().size());
        if (!extra.isEmpty()) {
            throw new AssertionError(at() + label + " had left and should have received nothing more, but received "
                    + Texts.quote(extra.get(0)) + ".\n\n" + transcripts());
        }
    }

    private String at() {
        return step == null
                ? "At the end (the first member still in the room sends " + Texts.quote(END_MARKER) + "), "
                : "At step " + stepNumber + " (" + step + "), ";
    }

    private static String ended(ScriptedClient client) {
        return switch (client.ending()) {
            case OPEN -> "";
            case CLOSED_BY_SERVER -> " (the server had closed the connection)";
            case RESET -> " (the connection was reset)";
            case CLOSED_BY_CLIENT -> "";
        };
    }

    /** Per client: what it should have received so far, and what it did receive. */
    private String transcripts() {
        return Texts.transcripts(clients.values(), expected);
    }

    @Override
    public void close() {
        for (ScriptedClient client : clients.values()) {
            try {
                client.close();
            } catch (IOException e) {
                // closing a test client: nothing to do
            }
        }
    }
}
