package chatlab.suite;

import chatlab.protocol.Limits;
import chatlab.protocol.Nicknames;
import chatlab.protocol.Protocol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The protocol's model of a hardened room (stage 4), one step at a time: who is waiting to choose a
 * nickname, who is in the room under which nickname, and, for each step, exactly which lines each
 * client receives and whose connection the server closes. Nicknames are judged by the shared rules
 * of {@link Nicknames}; lines are framed as {@code LineReader} frames them.
 *
 * <p>The scenario generators use it too, to know who is in the room when they draw the next step,
 * so a scenario and its expected outcome come from one model.
 */
final class HardenedRoomOracle {
    private final int maxLineBytes = Limits.MAX_LINE_BYTES;
    private final Set<String> waiting = new LinkedHashSet<>();            // connected, no nickname yet
    private final Map<String, String> members = new LinkedHashMap<>();    // label -> nickname, in joining order
    private final Set<String> unfinished = new LinkedHashSet<>();        // sent half a line: may send no more

    /** What one step causes. */
    static final class Effect {
        final Map<String, List<String>> lines = new LinkedHashMap<>();
        final Map<String, String> why = new LinkedHashMap<>();
        final Set<String> closed = new LinkedHashSet<>();

        void add(String client, String line) {
            lines.computeIfAbsent(client, k -> new ArrayList<>()).add(line);
        }

        void because(String client, String reason) {
            why.put(client, reason);
        }
    }

    /** Whether {@code client} has connected and not chosen a nickname yet. */
    boolean isWaiting(String client) {
        return waiting.contains(client);
    }

    /** Members' labels, in joining order. */
    List<String> members() {
        return List.copyOf(members.keySet());
    }

    /** Clients waiting to choose a nickname. */
    List<String> waiting() {
        return List.copyOf(waiting);
    }

    /** Every client still connected, waiting or in the room, in order of arrival. */
    List<String> connected(List<String> arrivals) {
        return arrivals.stream().filter(c -> waiting.contains(c) || members.containsKey(c)).toList();
    }

    /** The nickname {@code member} joined with. */
    String nickOf(String member) {
        return members.get(member);
    }

    /** The member whose nickname clashes with {@code nick} (ignoring case), if any. */
    Optional<String> holderOf(String nick) {
        String key = Nicknames.key(nick);
        return members.entrySet().stream().filter(e -> Nicknames.key(e.getValue()).equals(key))
                .map(Map.Entry::getKey).findFirst();
    }

    /** The nickname a client's line would join as, if the room would take it now: the NFC form. */
    Optional<String> wouldJoinAs(HardenedStep.Send send) {
        String text = HardenedStep.strictUtf8(content(send));
        if (text == null || send.end() == HardenedStep.LineEnd.NONE || tooLong(send)) {
            return Optional.empty();
        }
        String nick = Nicknames.normalize(text);
        if (Nicknames.check(nick) != Nicknames.Verdict.VALID || holderOf(nick).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(nick);
    }

    /** Applies {@code step} to the model and says what it causes. */
    Effect apply(HardenedStep step) {
        Effect effect = new Effect();
        switch (step) {
            case HardenedStep.Connect connect -> {
                waiting.add(connect.client());
                effect.add(connect.client(), Protocol.NICK);
            }
            case HardenedStep.Send send -> {
                if (unfinished.contains(send.client())) {
                    throw new IllegalStateException(send.client() + " left a line unfinished: " + send);
                }
                if (waiting.contains(send.client())) {
                    nickname(send, effect);
                } else if (members.containsKey(send.client())) {
                    line(send, effect);
                } else {
                    throw new IllegalStateException(send.client() + " is not connected: " + send);
                }
            }
        }
        return effect;
    }

    /** The line's content as the server reads it: a {@code \r} just before the {@code \n} is dropped. */
    private static byte[] content(HardenedStep.Send send) {
        byte[] wire = send.wire();
        if (send.end() == HardenedStep.LineEnd.NONE) {
            return wire;
        }
        int length = wire.length - 1;
        if (length > 0 && wire[length - 1] == '\r') {
            length--;
        }
        return java.util.Arrays.copyOf(wire, length);
    }

    /**
     * Whether the server must refuse the line as too long: more content bytes than the limit (a
     * line without its end counts once its bytes are past the limit, unless the last is a
     * {@code \r} that a {@code \n} could still drop).
     */
    private boolean tooLong(HardenedStep.Send send) {
        byte[] content = content(send);
        if (send.end() == HardenedStep.LineEnd.NONE && content.length == maxLineBytes + 1
                && content[maxLineBytes] == '\r') {
            return false;
        }
        return content.length > maxLineBytes;
    }

    private void nickname(HardenedStep.Send send, Effect effect) {
        String client = send.client();
        if (tooLong(send)) {
            waiting.remove(client);
            effect.add(client, Protocol.ERROR_LINE_TOO_LONG);
            effect.closed.add(client);
            effect.because(client, "a line may hold at most " + maxLineBytes + " bytes; this one holds "
                    + content(send).length + ": the server answers at the " + (maxLineBytes + 1)
                    + "th byte, then closes the connection");
            return;
        }
        if (!complete(send)) {
            return;
        }
        String raw = HardenedStep.strictUtf8(content(send));
        if (raw == null) {
            effect.add(client, Protocol.ERROR_INVALID_UTF8);
            effect.add(client, Protocol.NICK);
            effect.because(client, "a line that is not valid UTF-8 is answered with an error and dropped; "
                    + "before joining, NICK follows");
            return;
        }
        String nick = Nicknames.normalize(raw);
        switch (Nicknames.check(nick)) {
            case INVALID -> {
                effect.add(client, Protocol.ERROR_INVALID_NICKNAME);
                effect.add(client, Protocol.NICK);
                effect.because(client, whyInvalid(nick));
            }
            case RESERVED -> {
                effect.add(client, Protocol.ERROR_NICKNAME_RESERVED);
                effect.add(client, Protocol.NICK);
                effect.because(client, Texts.quote(nick) + " is NICK or ERROR in some case: both are reserved in any case");
            }
            case VALID -> {
                Optional<String> holder = holderOf(nick);
                if (holder.isPresent()) {
                    String theirs = members.get(holder.get());
                    effect.add(client, Protocol.ERROR_NICKNAME_TAKEN);
                    effect.add(client, Protocol.NICK);
                    effect.because(client, holder.get() + " is in the room as " + Texts.quote(theirs)
                            + (theirs.equals(nick) ? "" : ", the same nickname ignoring case (both are "
                            + Texts.quote(Nicknames.key(nick)) + " in lower case)"));
                } else {
                    String joined = Protocol.joined(nick);
                    for (String member : members.keySet()) {
                        effect.add(member, joined);
                    }
                    effect.add(client, joined);
                    effect.add(client, Protocol.CONNECTED);
                    effect.because(client, whyValid(raw, nick));
                    waiting.remove(client);
                    members.put(client, nick);
                }
            }
        }
    }

    private void line(HardenedStep.Send send, Effect effect) {
        String client = send.client();
        String nick = members.get(client);
        if (tooLong(send)) {
            members.remove(client);
            effect.add(client, Protocol.ERROR_LINE_TOO_LONG);
            effect.closed.add(client);
            effect.because(client, "a line may hold at most " + maxLineBytes + " bytes; this one holds "
                    + content(send).length + ": the server answers at the " + (maxLineBytes + 1)
                    + "th byte, without waiting for the line's end, then closes the connection");
            for (String member : members.keySet()) {
                effect.add(member, Protocol.left(nick));
                effect.because(member, nick + " was disconnected for its over-long line: the others are told it left");
            }
            return;
        }
        if (!complete(send)) {
            return;
        }
        String text = HardenedStep.strictUtf8(content(send));
        if (text == null) {
            effect.add(client, Protocol.ERROR_INVALID_UTF8);
            effect.because(client, "a line that is not valid UTF-8 is answered with an error and dropped; the "
                    + "connection stays, and nobody else hears of it");
            return;
        }
        if (text.equals(Protocol.BYE)) {
            members.remove(client);
            effect.closed.add(client);
            for (String member : members.keySet()) {
                effect.add(member, Protocol.left(nick));
            }
            return;
        }
        if (text.isEmpty()) {
            return;
        }
        String message = Protocol.message(nick, text);
        for (String member : members.keySet()) {
            effect.add(member, message);
        }
        if (content(send).length == maxLineBytes) {
            effect.because(client, "a line of exactly " + maxLineBytes + " bytes is within the limit"
                    + (send.end() == HardenedStep.LineEnd.CRLF ? " (the \\r before the \\n does not count)" : ""));
        }
    }

    /**
     * Whether the line is finished. An unfinished line within the limit has no effect yet; its
     * client may send nothing more in a scenario (a scenario ends with it, or the server shuts down).
     */
    private boolean complete(HardenedStep.Send send) {
        if (send.end() != HardenedStep.LineEnd.NONE) {
            return true;
        }
        unfinished.add(send.client());
        return false;
    }

    /** Why the rules refuse {@code nick} (already normalised), in a student's words. */
    static String whyInvalid(String nick) {
        int count = nick.codePointCount(0, nick.length());
        if (count == 0) {
            return "an empty nickname is invalid";
        }
        String rule = "a nickname holds 1 to " + Nicknames.MAX_CODE_POINTS
                + " letters, marks or decimal digits of any script, '_' or '-'";
        if (count > Nicknames.MAX_CODE_POINTS) {
            return rule + "; this one holds " + count + " characters (code points)";
        }
        for (int i = 0; i < nick.length(); ) {
            int cp = nick.codePointAt(i);
            String one = new String(Character.toChars(cp));
            if (Nicknames.check(one) == Nicknames.Verdict.INVALID) {
                return rule + "; this one holds " + describe(cp) + ", which is none of those";
            }
            i += Character.charCount(cp);
        }
        return rule;
    }

    private static String whyValid(String raw, String nick) {
        int count = nick.codePointCount(0, nick.length());
        String why = "every character of " + Texts.quote(nick) + " is a letter, mark or decimal digit, '_' or '-', it holds "
                + count + " of them (1 to " + Nicknames.MAX_CODE_POINTS + " are allowed), and nobody in the room has it in any case";
        if (!raw.equals(nick)) {
            why += "; it arrived spelt differently and is normalised to NFC first, which gives " + Texts.quote(nick);
        }
        return why;
    }

    /** A code point as a student can find it: {@code ' ' (U+0020 SPACE)}. */
    static String describe(int cp) {
        String shown = Character.isISOControl(cp) || Character.isWhitespace(cp) || Character.getType(cp) == Character.FORMAT
                ? "" : "'" + new String(Character.toChars(cp)) + "' ";
        String name = Character.getName(cp);
        return shown + "(U+" + String.format("%04X", cp) + (name == null ? "" : " " + name) + ")";
    }
}
