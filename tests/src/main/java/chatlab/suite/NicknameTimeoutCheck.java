package chatlab.suite;

import chatlab.driver.ScriptedClient;
import chatlab.property.Choices;
import chatlab.property.Gen;
import chatlab.protocol.Protocol;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The nickname deadline of stage 4, as a property: clients that never give a valid nickname (they
 * say nothing, or only invalid and reserved names, or leave a name unfinished) get
 * {@code ERROR no nickname} once the timeout has passed, not before, and are disconnected; clients
 * that joined in time stay members however long they then keep quiet.
 *
 * <p>Each client sends everything it will ever send in one write, as it connects: no step has to
 * race the timeout. Members join first, so that by the time the others have timed out, a member's
 * own deadline has passed too: one that was never lifted shows.
 */
final class NicknameTimeoutCheck {

    /** One client: what it sends at once as it connects, and whether that gets it into the room. */
    record Client(String label, List<HardenedStep.Send> lines, boolean joins) {
        byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (HardenedStep.Send line : lines) {
                out.writeBytes(line.wire());
            }
            return out.toByteArray();
        }

        @Override
        public String toString() {
            if (lines.isEmpty()) {
                return label + " connects and sends nothing";
            }
            return label + " connects and sends, at once: " + lines.stream().map(l -> l.toString().substring(
                    (label + " sends nickname ").length())).collect(Collectors.joining(", then "));
        }
    }

    /**
     * @param timeout the nickname timeout the stage runs with
     * @param members clients that join in time, in order
     * @param waiters clients that never do
     */
    record Scenario(Duration timeout, List<Client> members, List<Client> waiters) {
        @Override
        public String toString() {
            StringBuilder script = new StringBuilder("The server's nickname timeout is " + timeout.toMillis()
                    + " ms in this test (30 s by default).\n");
            int step = 1;
            for (Client client : members) {
                script.append(step++).append(". ").append(client).append('\n');
            }
            for (Client client : waiters) {
                script.append(step++).append(". ").append(client).append('\n');
            }
            String who = waiters.stream().map(Client::label).collect(Collectors.joining(" and "));
            script.append(step++).append(". ").append(who).append(waiters.size() == 1 ? " has no valid nickname: it"
                            : " have no valid nickname: each")
                    .append(" must receive NICK and the answers to its attempts, then \"")
                    .append(Protocol.ERROR_NO_NICKNAME).append("\" once ").append(timeout.toMillis())
                    .append(" ms have passed since it connected, and be disconnected\n");
            script.append(step).append(". ").append(members.stream().map(Client::label).collect(Collectors.joining(" and ")))
                    .append(", who joined in time, must still be in: each sends \"still here\", then ")
                    .append(members.getFirst().label()).append(" sends ").append(Texts.quote(RoomDriver.END_MARKER))
                    .append(", and every member receives each of these lines");
            return script.toString();
        }
    }

    private enum Waiting { SILENT, FUMBLES, HALF_A_NICKNAME, FUMBLES_THEN_HALF }

    /** One or two members, one to three clients that never choose a nickname. */
    static Gen<Scenario> scenarios(Duration timeout) {
        return c -> {
            int used = 0;
            HardenedRoomOracle room = new HardenedRoomOracle();
            List<Client> members = new ArrayList<>();
            int memberCount = c.between(1, 2);
            for (int i = 0; i < memberCount; i++) {
                String label = ChatGen.LABELS.get(used++);
                List<HardenedStep.Send> lines = new ArrayList<>(attempts(c, label, c.between(0, 2)));
                String nick = NicknameGen.fresh(c, ChatGen.nicknameFor(label), room, label);
                HardenedStep.Send join = HardenedStep.Send.text(label, nick, true);
                room.apply(new HardenedStep.Connect(label));
                lines.forEach(room::apply);
                room.apply(join);
                lines.add(join);
                members.add(new Client(label, lines, true));
            }
            List<Client> waiters = new ArrayList<>();
            int waiterCount = c.between(1, 3);
            for (int i = 0; i < waiterCount; i++) {
                String label = ChatGen.LABELS.get(used++);
                List<HardenedStep.Send> lines = new ArrayList<>();
                switch (Gen.elementOf(Waiting.values()).generate(c)) {
                    case SILENT -> { }
                    case FUMBLES -> lines.addAll(attempts(c, label, c.between(1, 3)));
                    case HALF_A_NICKNAME -> lines.add(half(c, label));
                    case FUMBLES_THEN_HALF -> {
                        lines.addAll(attempts(c, label, c.between(1, 2)));
                        lines.add(half(c, label));
                    }
                }
                waiters.add(new Client(label, lines, false));
            }
            return new Scenario(timeout, members, waiters);
        };
    }

    /** Attempts that no room takes: invalid, reserved, or not UTF-8. */
    private static List<HardenedStep.Send> attempts(Choices c, String label, int count) {
        List<HardenedStep.Send> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add(switch (c.between(0, 2)) {
                case 0 -> HardenedStep.Send.text(label, NicknameGen.invalid().generate(c), true);
                case 1 -> HardenedStep.Send.text(label, NicknameGen.reserved().generate(c), true);
                default -> new HardenedStep.Send(label, LineGen.invalidUtf8().generate(c), HardenedStep.LineEnd.LF, true);
            });
        }
        return lines;
    }

    /** The start of a valid nickname, never finished. */
    private static HardenedStep.Send half(Choices c, String label) {
        String nick = NicknameGen.valid().generate(c);
        return new HardenedStep.Send(label, nick.getBytes(StandardCharsets.UTF_8), HardenedStep.LineEnd.NONE, true);
    }

    private final Scenario scenario;
    private final StageUnderTest room;
    private final Duration lineTimeout;
    private final List<ScriptedClient> clients = new ArrayList<>();

    NicknameTimeoutCheck(Scenario scenario, StageUnderTest room, Duration lineTimeout) {
        this.scenario = scenario;
        this.room = room;
        this.lineTimeout = lineTimeout;
    }

    void play() throws Exception {
        try {
            List<ScriptedClient> members = new ArrayList<>();
            List<String> nicks = new ArrayList<>();
            for (Client member : scenario.members()) {
                ScriptedClient client = connect(member);
                List<String> answers = answers(member);
                for (String line : answers) {
                    expect(client, line, "joining in time");
                }
                String joined = answers.get(answers.size() - 2);
                for (ScriptedClient earlier : members) {
                    expect(earlier, joined, "when " + member.label() + " joined");
                }
                members.add(client);
                nicks.add(joined.substring(0, joined.length() - Protocol.joined("").length()));
            }
            List<ScriptedClient> waiters = new ArrayList<>();
            for (Client waiter : scenario.waiters()) {
                waiters.add(connect(waiter));
            }
            for (int i = 0; i < waiters.size(); i++) {
                timedOut(waiters.get(i), answers(scenario.waiters().get(i)));
            }
            // Each member speaks, then the first speaks again: by then every member's own deadline
            // has passed for certain (members connected first), and each has read a line since.
            for (int i = 0; i <= members.size(); i++) {
                int speaker = i % members.size();
                String text = i < members.size() ? "still here" : RoomDriver.END_MARKER;
                members.get(speaker).send(text);
                String line = Protocol.message(nicks.get(speaker), text);
                for (ScriptedClient member : members) {
                    expect(member, line, "the members that joined in time stay, however long they keep quiet, and hear "
                            + "nothing of clients that never joined");
                }
            }
        } finally {
            for (ScriptedClient client : clients) {
                try {
                    client.close();
                } catch (IOException e) {
                    // closing a test client: nothing to do
                }
            }
        }
    }

    private ScriptedClient connect(Client client) throws IOException {
        ScriptedClient connected = ScriptedClient.connect(client.label(), room.address());
        clients.add(connected);
        byte[] bytes = client.bytes();
        if (bytes.length > 0) {
            connected.sendRaw(bytes);
        }
        return connected;
    }

    /** What the protocol answers to a client's lines: NICK, then an answer to each line. */
    private static List<String> answers(Client client) {
        HardenedRoomOracle oracle = new HardenedRoomOracle();
        List<String> lines = new ArrayList<>(oracle.apply(new HardenedStep.Connect(client.label())).lines.get(client.label()));
        for (HardenedStep.Send send : client.lines()) {
            lines.addAll(oracle.apply(send).lines.getOrDefault(client.label(), List.of()));
        }
        return lines;
    }

    private void timedOut(ScriptedClient client, List<String> answers) throws Exception {
        long timeoutNanos = scenario.timeout().toNanos();
        try {
            client.awaitEnd(scenario.timeout().plus(lineTimeout));
        } catch (TimeoutException e) {
            throw failure(client, answers, "its connection was still open " + (scenario.timeout().plus(lineTimeout)).toMillis()
                    + " ms after it connected: a client with no valid nickname when the timeout has passed gets \""
                    + Protocol.ERROR_NO_NICKNAME + "\" and is disconnected");
        }
        List<ScriptedClient.Received> received = client.received();
        List<String> got = received.stream().map(ScriptedClient.Received::line).toList();
        if (got.isEmpty() || !got.getLast().equals(Protocol.ERROR_NO_NICKNAME)) {
            throw failure(client, answers, "its connection was closed, but its last line was not \""
                    + Protocol.ERROR_NO_NICKNAME + "\"");
        }
        // The answers to its attempts, as far as the server got before the timeout (all of them, in practice).
        List<String> before = got.subList(0, got.size() - 1);
        if (before.isEmpty() || before.size() > answers.size() || !answers.subList(0, before.size()).equals(before)) {
            throw failure(client, answers, "before \"" + Protocol.ERROR_NO_NICKNAME + "\", it should have received NICK "
                    + "and the answer to each of its attempts, each followed by NICK again");
        }
        long after = received.getLast().nanos() - client.connectedNanos();
        // A little slack: the client's clock starts just after the server's may have.
        if (after < timeoutNanos - timeoutNanos / 20) {
            throw failure(client, answers, "\"" + Protocol.ERROR_NO_NICKNAME + "\" came " + after / 1_000_000
                    + " ms after it connected, before the timeout of " + scenario.timeout().toMillis() + " ms had passed");
        }
    }

    private AssertionError failure(ScriptedClient client, List<String> answers, String what) {
        List<String> expected = new ArrayList<>(answers);
        expected.add(Protocol.ERROR_NO_NICKNAME);
        return new AssertionError(client.label() + " never gave a valid nickname: " + what + ".\n\n  " + client.label()
                + " should have received:\n" + Texts.lines(expected, "      ") + "\n  then seen its connection closed.\n  "
                + client.label() + " received:\n" + Texts.lines(client.lines(), "      ") + "\n  and its connection "
                + switch (client.ending()) {
                    case OPEN -> "was still open.";
                    case CLOSED_BY_SERVER -> "was closed by the server.";
                    case RESET -> "was reset.";
                    case CLOSED_BY_CLIENT -> "was closed.";
                });
    }

    private void expect(ScriptedClient client, String line, String when) throws InterruptedException {
        String got;
        try {
            got = client.awaitLine(lineTimeout);
        } catch (TimeoutException e) {
            throw new AssertionError(client.label() + " should have received " + Texts.quote(line) + " (" + when
                    + "), but nothing more arrived within " + lineTimeout.toMillis() + " ms"
                    + (client.ending() == ScriptedClient.Ending.OPEN ? "" : " (its connection had been closed)")
                    + ". It received:\n" + Texts.lines(client.lines(), "    "));
        }
        if (!got.equals(line)) {
            throw new AssertionError(client.label() + " should have received " + Texts.quote(line) + " (" + when
                    + "), but received " + Texts.quote(got) + ". It received:\n" + Texts.lines(client.lines(), "    "));
        }
    }
}
