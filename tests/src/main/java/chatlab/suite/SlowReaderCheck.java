package chatlab.suite;

import chatlab.driver.ScriptedClient;
import chatlab.property.Gen;
import chatlab.protocol.Limits;
import chatlab.protocol.LineWriter;
import chatlab.protocol.Protocol;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * The slow reader of seed 004, as a property of stage 4: a member stops reading while the others
 * talk. The others must keep receiving every line, promptly; the one that stopped must be dropped
 * (with {@code left!} to the others) once more than {@link Limits#MAX_QUEUED_BYTES} of lines wait
 * for it, and not before; a member that reads again before that gets every line it missed.
 *
 * <p>Talk comes in bursts, one talker at a time, and every member that reads must have the whole
 * burst before the next one starts: so each line's place is known exactly, "promptly" means within
 * the line timeout, and the point where the slow member is dropped can be checked against the
 * bytes it had been sent.
 */
final class SlowReaderCheck {
    /** Give up once this much has been sent to a member that never reads: it was never dropped. */
    static final long NEVER_DROPPED = 24L << 20;
    /** Roughly how many bytes one burst holds. */
    private static final int BURST_BYTES = 64 * 1024;

    /**
     * One scenario.
     *
     * @param labels      the members, in joining order
     * @param nicks       their nicknames
     * @param slow        the index of the one that stops reading
     * @param unit        the character the lines are made of
     * @param lineBytes   about how many bytes each line's text holds
     * @param catchUp     bursts sent before it reads again (0: it never does)
     */
    record Scenario(List<String> labels, List<String> nicks, int slow, String unit, int lineBytes, int catchUp) {
        String slowLabel() {
            return labels.get(slow);
        }

        List<String> readers() {
            List<String> readers = new ArrayList<>(labels);
            readers.remove(slow);
            return readers;
        }

        int linesPerBurst() {
            return Math.max(1, BURST_BYTES / lineBytes);
        }

        @Override
        public String toString() {
            StringBuilder script = new StringBuilder();
            int step = 1;
            for (int i = 0; i < labels.size(); i++) {
                script.append(step++).append(". ").append(labels.get(i)).append(" connects and joins as ")
                        .append(Texts.quote(nicks.get(i)));
                if (i == slow) {
                    script.append(", then stops reading (its receive buffer is small: the server's side holds the rest)");
                }
                script.append('\n');
            }
            String talkers = String.join(" and ", readers());
            String send = readers().size() == 1 ? " sends " : " take turns sending ";
            String burst = "bursts of " + linesPerBurst() + " lines of about " + lineBytes + " bytes (\"1 "
                    + unit.repeat(3) + "...\"), each received whole by " + talkers + " before the next";
            if (catchUp > 0) {
                script.append(step++).append(". ").append(talkers).append(send).append(catchUp)
                        .append(' ').append(burst).append('\n');
                script.append(step++).append(". ").append(slowLabel()).append(" reads again: it must receive every line "
                        + "it missed, then says \"back again\", which everyone receives\n");
                script.append(step++).append(". ").append(slowLabel()).append(" stops reading again\n");
            }
            script.append(step++).append(". ").append(talkers).append(send).append(burst)
                    .append(", until ").append(slowLabel()).append(" has more than ").append(Limits.MAX_QUEUED_BYTES / 1024)
                    .append(" KiB of lines waiting and is dropped: \"").append(Protocol.left(nicks.get(slow)))
                    .append("\" to the others\n");
            script.append(step++).append(". ").append(readers().getFirst()).append(" sends ")
                    .append(Texts.quote(RoomDriver.END_MARKER)).append(", which the others must receive next\n");
            script.append(step).append(". ").append(slowLabel()).append(" reads what it was sent: whole lines in order, "
                    + "maybe \"" + Protocol.ERROR_TOO_SLOW + "\", then its connection must be closed");
            return script.toString();
        }
    }

    /** Two to four members, one of which stops reading; lines of 600 to 1000 bytes in some script. */
    static Gen<Scenario> scenarios() {
        return c -> {
            int count = c.between(2, 4);
            List<String> labels = ChatGen.LABELS.subList(0, count);
            List<String> nicks = labels.stream().map(l -> NicknameGen.forStage4(l, ChatGen.nicknameFor(l).generate(c))).toList();
            int slow = c.between(0, count - 1);
            String unit = Gen.elementOf(LineGen.UNITS).generate(c);
            int lineBytes = c.between(600, 1000);
            int catchUp = c.chance(0.5) ? c.between(1, 4) : 0;
            return new Scenario(labels, nicks, slow, unit, lineBytes, catchUp);
        };
    }

    private final Scenario scenario;
    private final StageUnderTest room;
    private final Duration timeout;
    private final List<ScriptedClient> readers = new ArrayList<>();
    private final List<String> readerNicks = new ArrayList<>();
    private final List<String> unread = new ArrayList<>(); // lines sent to the slow member since it last read
    private StalledClient slow;
    private String filler;
    private int lineNumber;

    SlowReaderCheck(Scenario scenario, StageUnderTest room, Duration timeout) {
        this.scenario = scenario;
        this.room = room;
        this.timeout = timeout;
    }

    void play() throws Exception {
        try {
            String unitBytes = scenario.unit();
            int perUnit = unitBytes.getBytes(StandardCharsets.UTF_8).length;
            filler = scenario.unit().repeat(Math.max(1, scenario.lineBytes() / perUnit));
            join();
            for (int i = 0; i < scenario.catchUp(); i++) {
                burst(i, false);
            }
            if (scenario.catchUp() > 0) {
                catchUp();
            }
            dropped();
        } finally {
            for (ScriptedClient reader : readers) {
                try {
                    reader.close();
                } catch (IOException e) {
                    // closing a test client: nothing to do
                }
            }
            if (slow != null) {
                slow.close();
            }
        }
    }

    private void join() throws Exception {
        for (int i = 0; i < scenario.labels().size(); i++) {
            String label = scenario.labels().get(i);
            String nick = scenario.nicks().get(i);
            String joined = Protocol.joined(nick);
            if (i == scenario.slow()) {
                try {
                    slow = StalledClient.join(label, room.address(), nick, timeout);
                } catch (java.net.SocketTimeoutException e) {
                    throw new AssertionError(label + " connected and sent its nickname, but did not receive "
                            + "NICK, its own joined! and the welcome within " + timeout.toMillis() + " ms");
                }
            } else {
                ScriptedClient client = ScriptedClient.connect(label, room.address());
                readers.add(client);
                readerNicks.add(nick);
                expect(client, Protocol.NICK, "joining");
                client.send(nick);
                expect(client, joined, "joining");
                expect(client, Protocol.CONNECTED, "joining");
                if (slow != null) {
                    unread.add(joined);
                }
            }
            for (ScriptedClient earlier : readers.subList(0, readers.size() - (i == scenario.slow() ? 0 : 1))) {
                expect(earlier, joined, "when " + label + " joined");
            }
        }
    }

    /** One burst by the next talker; returns the position of the slow member's left! in it, or -1. */
    private int burst(int number, boolean dropExpected) throws Exception {
        int talker = number % readers.size();
        ScriptedClient speaker = readers.get(talker);
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream burst = new ByteArrayOutputStream();
        for (int i = 0; i < scenario.linesPerBurst(); i++) {
            String text = (++lineNumber) + " " + filler;
            burst.writeBytes(LineWriter.encode(text));
            lines.add(Protocol.message(readerNicks.get(talker), text));
        }
        speaker.sendRaw(burst.toByteArray()); // in one write: the talker is quick, the server must keep up
        String left = Protocol.left(scenario.nicks().get(scenario.slow()));
        int leftAt = -1;
        for (int r = 0; r < readers.size(); r++) {
            ScriptedClient reader = readers.get(r);
            int seenAt = -1;
            for (int i = 0; i < lines.size(); i++) {
                String got = await(reader, lines.get(i), speaker.label(), i);
                if (got.equals(left) && dropExpected && seenAt < 0) {
                    seenAt = i;
                    got = await(reader, lines.get(i), speaker.label(), i);
                }
                if (!got.equals(lines.get(i))) {
                    throw new AssertionError(reader.label() + " should have received " + Texts.quote(lines.get(i))
                            + " (line " + (i + 1) + " of " + speaker.label() + "'s burst), but received " + Texts.quote(got)
                            + "." + context() + "\n\n" + transcript(reader));
                }
            }
            if (r == 0) {
                leftAt = seenAt;
            } else if (seenAt != leftAt) {
                throw new AssertionError("Every member must hear of the room's events in the same order, but "
                        + readers.getFirst().label() + " received " + Texts.quote(left) + (leftAt < 0 ? " not in this burst"
                        : " after line " + leftAt + " of " + speaker.label() + "'s burst") + ", and " + reader.label()
                        + (seenAt < 0 ? " not in this burst" : " after line " + seenAt) + "." + context());
            }
        }
        List<String> forSlow = leftAt < 0 ? lines : lines.subList(0, leftAt);
        unread.addAll(forSlow);
        return leftAt;
    }

    private String await(ScriptedClient reader, String line, String talker, int index) throws InterruptedException {
        try {
            return reader.awaitLine(timeout);
        } catch (TimeoutException e) {
            throw new AssertionError(reader.label() + " should have received " + Texts.quote(line) + " (line "
                    + (index + 1) + " of " + talker + "'s burst), but nothing more arrived within " + timeout.toMillis()
                    + " ms." + context() + " A member that stops reading must not delay anyone else: the server "
                    + "should queue its lines and wait for it on a thread of its own, never while holding what the "
                    + "others need (seed 004 sends to every member while holding the room's lock, so one slow "
                    + "reader stalls the whole room).\n\n" + transcript(reader));
        }
    }

    /** The slow member reads again: it must have every line it missed, and is still in the room. */
    private void catchUp() throws Exception {
        String label = scenario.slowLabel();
        for (int i = 0; i < unread.size(); i++) {
            String line;
            try {
                line = slow.readLine(timeout);
            } catch (java.net.SocketTimeoutException e) {
                line = null;
            }
            if (!unread.get(i).equals(line)) {
                throw new AssertionError(label + " had " + kib(bytes(unread)) + " KiB of lines waiting, less than the "
                        + "limit of " + Limits.MAX_QUEUED_BYTES / 1024 + " KiB, and read again: line " + (i + 1) + " of "
                        + unread.size() + " should have been " + Texts.quote(unread.get(i)) + ", but "
                        + (line == null ? "nothing more came (the connection was closed, or nothing arrived within "
                        + timeout.toMillis() + " ms)" : "it was " + Texts.quote(line))
                        + ". A member that falls behind by less than the limit is never dropped, and gets every line.");
            }
        }
        unread.clear();
        slow.send("back again");
        String back = Protocol.message(scenario.nicks().get(scenario.slow()), "back again");
        for (ScriptedClient reader : readers) {
            expect(reader, back, "after " + label + " read again and said \"back again\"");
        }
        String line = slow.readLine(timeout);
        if (!back.equals(line)) {
            throw new AssertionError(label + " read again and said \"back again\": it should have received "
                    + Texts.quote(back) + ", but received " + (line == null ? "nothing (its connection was closed)"
                    : Texts.quote(line)) + ".");
        }
    }

    /** Bursts until the slow member is dropped, then the checks of what came after. */
    private void dropped() throws Exception {
        int number = scenario.catchUp();
        int leftAt;
        do {
            if (bytes(unread) > NEVER_DROPPED) {
                throw new AssertionError(scenario.slowLabel() + " stopped reading, and " + kib(bytes(unread))
                        + " KiB of lines were sent to it, but it was never dropped: once more than "
                        + Limits.MAX_QUEUED_BYTES / 1024 + " KiB of lines wait for a member, the server drops it "
                        + "(\"ERROR too slow\", then \"<nick> left!\" to the others).");
            }
            leftAt = burst(number++, true);
        } while (leftAt < 0);

        // Never dropped with less than the limit waiting: it had been sent more than that.
        long sent = bytes(unread);
        if (sent <= Limits.MAX_QUEUED_BYTES) {
            throw new AssertionError(scenario.slowLabel() + " was dropped (" + Texts.quote(Protocol.left(
                    scenario.nicks().get(scenario.slow()))) + ") when only " + sent + " bytes of lines had been sent to it "
                    + "since it stopped reading: a member is dropped only once more than " + Limits.MAX_QUEUED_BYTES
                    + " bytes wait for it (1 MiB; bytes in the kernel's socket buffers do not even count).");
        }

        // The room goes on without it, with nothing else to tell.
        ScriptedClient first = readers.getFirst();
        first.send(RoomDriver.END_MARKER);
        String marker = Protocol.message(readerNicks.getFirst(), RoomDriver.END_MARKER);
        for (ScriptedClient reader : readers) {
            expect(reader, marker, "after " + scenario.slowLabel() + " was dropped, " + first.label() + " sent "
                    + Texts.quote(RoomDriver.END_MARKER) + " and the room should go on");
        }

        // What the slow member gets: a part of what it was sent, whole lines in order; then its connection ends.
        StalledClient.Drained drained = slow.drain(timeout);
        List<String> got = drained.lines();
        for (int i = 0; i < got.size(); i++) {
            String line = got.get(i);
            boolean lastWords = i == got.size() - 1 && line.equals(Protocol.ERROR_TOO_SLOW);
            if (!lastWords && (i >= unread.size() || !line.equals(unread.get(i)))) {
                throw new AssertionError("Once dropped, " + scenario.slowLabel() + " read what it had been sent: line "
                        + (i + 1) + " should have been " + (i < unread.size() ? Texts.quote(unread.get(i)) : "nothing more")
                        + (i < unread.size() ? "" : " (or \"" + Protocol.ERROR_TOO_SLOW + "\" as its last line)")
                        + ", but it was " + Texts.quote(line) + ". A member must receive whole lines, in order, and "
                        + "nothing once it has been dropped.");
            }
        }
        if (!drained.ended()) {
            throw new AssertionError(scenario.slowLabel() + " was dropped as too slow and read again, but the server "
                    + "never closed its connection (nothing more arrived within " + timeout.toMillis() + " ms after "
                    + got.size() + " lines" + (got.isEmpty() ? "" : ", the last " + Texts.quote(got.getLast())) + "). "
                    + "A member that is dropped is disconnected, and every thread of its connection ends.");
        }
    }

    private void expect(ScriptedClient client, String line, String when) throws InterruptedException {
        String got;
        try {
            got = client.awaitLine(timeout);
        } catch (TimeoutException e) {
            throw new AssertionError(client.label() + " should have received " + Texts.quote(line) + " (" + when
                    + "), but nothing more arrived within " + timeout.toMillis() + " ms." + context() + "\n\n"
                    + transcript(client));
        }
        if (!got.equals(line)) {
            throw new AssertionError(client.label() + " should have received " + Texts.quote(line) + " (" + when
                    + "), but received " + Texts.quote(got) + "." + context() + "\n\n" + transcript(client));
        }
    }

    private String context() {
        return slow == null ? "" : " (" + scenario.slowLabel() + " was not reading; " + kib(bytes(unread))
                + " KiB of lines had been sent to it since it stopped.)";
    }

    private static String transcript(ScriptedClient client) {
        List<String> lines = client.lines();
        int from = Math.max(0, lines.size() - 6);
        return "The last lines " + client.label() + " received" + (from > 0 ? " (of " + lines.size() + ")" : "") + ":\n"
                + Texts.lines(lines.subList(from, lines.size()), "    ");
    }

    private static long bytes(List<String> lines) {
        long total = 0;
        for (String line : lines) {
            total += line.getBytes(StandardCharsets.UTF_8).length + 1;
        }
        return total;
    }

    private static String kib(long bytes) {
        return Long.toString(bytes / 1024);
    }
}
