package chatlab.suite;

import chatlab.driver.ScriptedClient;
import chatlab.protocol.Protocol;
import chatlab.stage.StageHost;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Plays a {@link HardenedScenario} against a running hardened room (stage 4), one step at a time,
 * and checks every line every client receives against the {@link HardenedRoomOracle}.
 *
 * <p>As {@link RoomDriver} does for stage 3: after each step, every client must receive exactly the
 * lines the step causes, in order; a client the server must disconnect must see its connection
 * end with nothing more; and the scenario ends with a marker message that every member must receive
 * as its next line, which proves that nothing else was on its way.
 */
final class HardenedRoomDriver implements AutoCloseable {
    private final InetSocketAddress address;
    private final Duration lineTimeout;
    private final HardenedRoomOracle oracle = new HardenedRoomOracle();
    private final Map<String, ScriptedClient> clients = new LinkedHashMap<>();
    private final Map<String, List<String>> expected = new LinkedHashMap<>();
    private int stepNumber;
    private HardenedStep step;
    private boolean shuttingDown;

    HardenedRoomDriver(InetSocketAddress address, Duration lineTimeout) {
        this.address = address;
        this.lineTimeout = lineTimeout;
    }

    /** Plays the scenario; throws an {@link AssertionError} that tells a student what differed. */
    void play(HardenedScenario scenario) throws Exception {
        for (HardenedStep s : scenario.steps()) {
            stepNumber++;
            step = s;
            perform(s);
        }
        step = null;
        finish();
    }

    /**
     * Plays the scenario's steps, then closes the server as the harness does, and checks what the
     * protocol asks of a shutdown: every connection, joined or not, gets {@code ERROR server
     * shutting down} as its next line and nothing else (no {@code left!} while everyone is being
     * disconnected), then sees its connection closed; and the stage returns with no thread left.
     */
    void playAndShutDown(HardenedScenario scenario, StageUnderTest stage, Duration grace) throws Exception {
        for (HardenedStep s : scenario.steps()) {
            stepNumber++;
            step = s;
            perform(s);
        }
        step = null;
        shuttingDown = true;
        List<String> connected = oracle.connected(List.copyOf(clients.keySet()));
        StageHost.Closing closing = stage.close(grace);
        String afterClose = "\n\nWhen the server was closed: serve() " + (closing.serveReturned() ? "returned"
                : "had not returned " + grace.toMillis() + " ms later") + ", and " + closing.threadsAlive()
                + " of the threads it started " + (closing.threadsAlive() == 1 ? "was" : "were") + " still alive.";
        try {
            for (String client : connected) {
                expectNext(client, Protocol.ERROR_SHUTTING_DOWN, "closing the server tells every connection, joined "
                        + "or not, why it ends; nobody is told that others left, since everyone is leaving");
            }
            for (String client : connected) {
                expectClosed(client, "after its last words, every connection is closed");
            }
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + afterClose, e);
        }
        if (!closing.clean()) {
            throw new AssertionError("When the server was closed (after the last step), every client was told and "
                    + "disconnected, but " + (closing.serveReturned() ? "" : "serve() had not returned " + grace.toMillis()
                    + " ms later, and ") + closing.threadsAlive() + " of the threads the stage started "
                    + (closing.threadsAlive() == 1 ? "was" : "were") + " still alive. Closing must end every thread the "
                    + "stage started (each connection's reader and writer too) before serve() returns.\n\n" + transcripts());
        }
    }

    private void perform(HardenedStep s) throws Exception {
        HardenedRoomOracle.Effect effect = oracle.apply(s);
        switch (s) {
            case HardenedStep.Connect connect -> connect(connect.client());
            case HardenedStep.Send send -> {
                try {
                    clients.get(send.client()).sendRaw(send.wire());
                } catch (IOException e) {
                    throw new AssertionError(at() + send.client() + " could not send its line: the connection was "
                            + "already broken (" + e.getMessage() + ").\n\n" + transcripts(), e);
                }
            }
        }
        for (var entry : effect.lines.entrySet()) {
            for (String line : entry.getValue()) {
                expectNext(entry.getKey(), line, effect.why.get(entry.getKey()));
            }
        }
        for (String client : effect.closed) {
            expectClosed(client, effect.why.get(client));
        }
    }

    private void finish() throws Exception {
        List<String> members = oracle.members();
        if (members.isEmpty()) {
            return;
        }
        String speaker = members.getFirst();
        clients.get(speaker).send(RoomDriver.END_MARKER);
        String line = Protocol.message(oracle.nickOf(speaker), RoomDriver.END_MARKER);
        for (String member : members) {
            expectNext(member, line, null);
        }
    }

    private void connect(String label) {
        try {
            clients.put(label, ScriptedClient.connect(label, address));
            expected.put(label, new ArrayList<>());
        } catch (IOException e) {
            throw new AssertionError(at() + label + " could not connect: " + e.getMessage(), e);
        }
    }

    private void expectNext(String label, String line, String why) throws InterruptedException {
        expected.get(label).add(line);
        ScriptedClient client = clients.get(label);
        String because = why == null ? "" : " (" + why + ")";
        String got;
        try {
            got = client.awaitLine(lineTimeout);
        } catch (TimeoutException e) {
            throw new AssertionError(at() + label + " should have received " + Texts.quote(line) + because
                    + ", but nothing more arrived within " + lineTimeout.toMillis() + " ms" + ended(client) + ".\n\n"
                    + transcripts());
        }
        if (!got.equals(line)) {
            throw new AssertionError(at() + label + " should have received " + Texts.quote(line) + because
                    + ", but received " + Texts.quote(got) + lookAlike(line, got) + ".\n\n" + transcripts());
        }
    }

    private void expectClosed(String label, String why) throws InterruptedException {
        ScriptedClient client = clients.get(label);
        String because = why == null ? "" : " (" + why + ")";
        try {
            client.awaitEnd(lineTimeout);
        } catch (TimeoutException e) {
            throw new AssertionError(at() + "the server should have closed " + label + "'s connection" + because
                    + ", but it was still open after " + lineTimeout.toMillis() + " ms.\n\n" + transcripts());
        }
        List<String> lines = client.lines();
        List<String> extra = lines.subList(Math.min(lines.size(), expected.get(label).size()), lines.size());
        if (!extra.isEmpty()) {
            throw new AssertionError(at() + label + "'s connection was over and it should have received nothing more, "
                    + "but received " + Texts.quote(extra.getFirst()) + ".\n\n" + transcripts());
        }
    }

    /** For two lines that look the same on a screen: how they differ. */
    private static String lookAlike(String expected, String got) {
        if (!Normalizer.normalize(got, Normalizer.Form.NFC).equals(Normalizer.normalize(expected, Normalizer.Form.NFC))) {
            return "";
        }
        return " (they look alike, but are spelt with different characters: " + codePoints(expected) + " should have "
                + "come, and " + codePoints(got) + " came)";
    }

    private static String codePoints(String text) {
        return text.codePoints().filter(cp -> cp > 0x7F).mapToObj(cp -> String.format("U+%04X", cp))
                .collect(java.util.stream.Collectors.joining(" ", "[", "]"));
    }

    private String at() {
        if (shuttingDown) {
            return "When the server was closed (after the last step), ";
        }
        return step == null
                ? "At the end (the first member still in the room sends " + Texts.quote(RoomDriver.END_MARKER) + "), "
                : "At step " + stepNumber + " (" + step + "), ";
    }

    private static String ended(ScriptedClient client) {
        return switch (client.ending()) {
            case OPEN, CLOSED_BY_CLIENT -> "";
            case CLOSED_BY_SERVER -> " (the server had closed the connection)";
            case RESET -> " (the connection was reset)";
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
