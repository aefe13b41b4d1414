package chatlab.suite;

import chatlab.property.Choices;
import chatlab.property.Gen;
import chatlab.protocol.Limits;
import chatlab.protocol.Protocol;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Generates hardened-room scenarios (stage 4): nickname handshakes that break each rule, lines at
 * and over the byte limit, lines that are not UTF-8. Each scenario is built on a
 * {@link HardenedRoomOracle}, so only steps that make sense are drawn (a waiting client proposes a
 * nickname, a member speaks, a taken name is one somebody holds at that moment), and each holds
 * the cases its property must always try, whatever else was drawn: a property must catch a mistake
 * in every run, not in the runs that happened to draw the right case.
 */
final class HardenedScenarios {
    private HardenedScenarios() {
    }

    // ---- nicknames ------------------------------------------------------------------------------

    private enum Attempt { INVALID, RESERVED, TAKEN_IGNORING_CASE, TAKEN, NOT_UTF8, SPELT_UNNORMALISED, VALID, FREED }

    /**
     * Clients choosing nicknames: one or two members first, then newcomers trying invalid,
     * reserved and taken names (the same ignoring case, spelt in another normal form), names that
     * are not UTF-8, and valid names in any script, while members talk and leave (which frees
     * their names). Always at least one name taken ignoring case and one spelt in another normal
     * form than NFC; every client ends in the room.
     */
    static Gen<HardenedScenario> nicknames() {
        return c -> {
            Scenario s = new Scenario(c);
            String anchor = s.connect();
            s.propose(anchor, NicknameGen.fresh(c, NicknameGen.validCased()
                    .filter(n -> !NicknameGen.caseVariants(n).isEmpty()), s.room, "Ana"), false);
            if (c.chance(0.5)) {
                s.propose(s.connect(), NicknameGen.fresh(c, NicknameGen.valid(), s.room, s.nextLabelAsNick()), false);
            }
            List<String> freed = new ArrayList<>();
            while (s.steps.size() < 24 && c.draw(1) == 1) {
                List<String> waiting = s.room.waiting();
                List<String> members = s.room.members();
                int choice = c.between(0, 9);
                if (choice <= 5 && !waiting.isEmpty()) {
                    String who = waiting.get(c.between(0, waiting.size() - 1));
                    s.attempt(who, Gen.elementOf(Attempt.values()).generate(c), freed);
                } else if (choice <= 6 && s.used < ChatGen.LABELS.size() - 2 && waiting.size() < 2) {
                    s.connect();
                } else if (choice <= 8) {
                    String who = members.get(c.between(0, members.size() - 1));
                    s.say(who, ChatGen.words().generate(c));
                } else if (members.size() > 1) {
                    String who = members.get(c.between(1, members.size() - 1)); // the anchor stays
                    freed.add(s.room.nickOf(who));
                    s.send(who, Protocol.BYE, false);
                }
            }
            // Whatever was drawn, each rule is tried at least once.
            for (Attempt needed : List.of(Attempt.TAKEN_IGNORING_CASE, Attempt.RESERVED, Attempt.INVALID)) {
                if (!s.attempted.contains(needed)) {
                    List<String> waiting = s.room.waiting();
                    s.attempt(waiting.isEmpty() ? s.connect() : waiting.getFirst(), needed, freed);
                }
            }
            if (!s.spelt) {
                // A new name spelt with separate accents: it joins in NFC.
                List<String> waiting = s.room.waiting();
                String who = waiting.isEmpty() ? s.connect() : waiting.getFirst();
                String name = NicknameGen.fresh(c, NicknameGen.validCased(), s.room, "Jos\u00e9_" + who);
                if (NicknameGen.unnormalised(name).equals(name)) {
                    name = "Jos\u00e9_" + who;
                }
                s.propose(who, NicknameGen.unnormalised(name), false);
            }
            for (String who : s.room.waiting()) {
                s.propose(who, NicknameGen.fresh(c, NicknameGen.valid(), s.room, s.nextLabelAsNick()), false);
            }
            return new HardenedScenario(s.steps);
        };
    }

    // ---- the line limit -------------------------------------------------------------------------

    private enum LimitEvent {
        AT_THE_LIMIT, NEAR_THE_LIMIT, OVER_THE_LIMIT, NICKNAME_OVER_THE_LIMIT, NEWCOMER, WORDS,
        /** Over the limit with no line end: the server must answer at the 1025th byte. Never drawn, always added. */
        OVER_THE_LIMIT_UNFINISHED
    }

    /**
     * Two or three members sending lines of exactly 1024 bytes (in characters of one to four bytes,
     * sometimes with a {@code \r} before the {@code \n}) and just under, and members sending lines
     * over the limit, with or without their line end; now and then a newcomer, or a client whose
     * nickname line is over the limit. Always at least one line of exactly 1024 bytes, and one
     * member's line over the limit that never ends (the server must not wait for its end).
     */
    static Gen<HardenedScenario> lineLimit() {
        Gen<List<LimitEvent>> events = Gen.listOf(Gen.elementOf(LimitEvent.AT_THE_LIMIT, LimitEvent.NEAR_THE_LIMIT,
                LimitEvent.OVER_THE_LIMIT, LimitEvent.NICKNAME_OVER_THE_LIMIT, LimitEvent.NEWCOMER, LimitEvent.WORDS), 0, 4);
        return c -> {
            Scenario s = new Scenario(c);
            int first = c.between(2, 3);
            for (int i = 0; i < first; i++) {
                s.join();
            }
            List<LimitEvent> plan = new ArrayList<>(events.generate(c));
            for (LimitEvent needed : List.of(LimitEvent.AT_THE_LIMIT, LimitEvent.OVER_THE_LIMIT_UNFINISHED)) {
                if (!plan.contains(needed)) {
                    plan.add(c.between(0, plan.size()), needed);
                }
            }
            for (LimitEvent event : plan) {
                List<String> members = s.room.members();
                switch (event) {
                    case AT_THE_LIMIT -> s.sendLine(s.anyMember(), LineGen.textOfBytes(Limits.MAX_LINE_BYTES).generate(c),
                            c.chance(0.5) ? HardenedStep.LineEnd.CRLF : HardenedStep.LineEnd.LF);
                    case NEAR_THE_LIMIT -> s.sendLine(s.anyMember(),
                            LineGen.longText(Limits.MAX_LINE_BYTES - 24, Limits.MAX_LINE_BYTES - 1).generate(c),
                            c.chance(0.3) ? HardenedStep.LineEnd.CRLF : HardenedStep.LineEnd.LF);
                    case WORDS -> s.say(s.anyMember(), ChatGen.words().generate(c));
                    case NEWCOMER -> {
                        if (s.labelsLeft(3)) {
                            s.join();
                        }
                    }
                    case NICKNAME_OVER_THE_LIMIT -> {
                        if (s.labelsLeft(3)) {
                            String who = s.connect();
                            s.add(new HardenedStep.Send(who, utf8(LineGen.textOfBytes(LineGen.overLimit().generate(c))
                                    .generate(c)), lineEnd(c), true));
                        }
                    }
                    case OVER_THE_LIMIT, OVER_THE_LIMIT_UNFINISHED -> {
                        if (members.size() < 2 && s.labelsLeft()) {
                            s.join(); // somebody must stay to hear that it left
                        }
                        List<String> now = s.room.members();
                        if (now.size() < 2) {
                            break; // every label used: cannot happen with the reserve kept above
                        }
                        String who = now.get(c.between(1, now.size() - 1)); // the first member stays
                        s.add(new HardenedStep.Send(who, utf8(LineGen.textOfBytes(LineGen.overLimit().generate(c))
                                .generate(c)), event == LimitEvent.OVER_THE_LIMIT ? lineEnd(c) : HardenedStep.LineEnd.NONE,
                                false));
                    }
                }
            }
            return new HardenedScenario(s.steps);
        };
    }

    /** Over the limit, the line's end hardly matters: the server must not wait for it. */
    private static HardenedStep.LineEnd lineEnd(Choices c) {
        return Gen.elementOf(HardenedStep.LineEnd.NONE, HardenedStep.LineEnd.LF, HardenedStep.LineEnd.CRLF).generate(c);
    }

    // ---- UTF-8 ----------------------------------------------------------------------------------

    private enum Utf8Event { MEMBER_NOT_UTF8, NICKNAME_NOT_UTF8, MEMBER_SAYS, NEWCOMER }

    /**
     * One to three members and newcomers, sending lines and nicknames that are not valid UTF-8
     * between valid ones. Always at least one member's line and one nickname that are not UTF-8.
     */
    static Gen<HardenedScenario> invalidUtf8() {
        Gen<List<Utf8Event>> events = Gen.listOf(Gen.elementOf(Utf8Event.values()), 0, 5);
        return c -> {
            Scenario s = new Scenario(c);
            int first = c.between(1, 3);
            for (int i = 0; i < first; i++) {
                s.join();
            }
            List<Utf8Event> plan = new ArrayList<>(events.generate(c));
            for (Utf8Event needed : List.of(Utf8Event.MEMBER_NOT_UTF8, Utf8Event.NICKNAME_NOT_UTF8)) {
                if (!plan.contains(needed)) {
                    plan.add(c.between(0, plan.size()), needed);
                }
            }
            for (Utf8Event event : plan) {
                switch (event) {
                    case MEMBER_NOT_UTF8 -> {
                        String who = s.anyMember();
                        s.add(new HardenedStep.Send(who, LineGen.invalidUtf8().generate(c),
                                c.chance(0.3) ? HardenedStep.LineEnd.CRLF : HardenedStep.LineEnd.LF, false));
                        if (c.chance(0.5)) {
                            s.say(who, ChatGen.texts(200).generate(c)); // and it is still in the room
                        }
                    }
                    case NICKNAME_NOT_UTF8 -> {
                        if (s.labelsLeft()) {
                            String who = s.connect();
                            s.add(new HardenedStep.Send(who, LineGen.invalidUtf8().generate(c), HardenedStep.LineEnd.LF, true));
                            s.propose(who, NicknameGen.fresh(c, ChatGen.nicknameFor(who), s.room, who), false);
                        }
                    }
                    case MEMBER_SAYS -> s.say(s.anyMember(), ChatGen.texts(200).generate(c));
                    case NEWCOMER -> {
                        if (s.labelsLeft(3)) {
                            s.join();
                        }
                    }
                }
            }
            return new HardenedScenario(s.steps);
        };
    }

    // ---- shutdown -------------------------------------------------------------------------------

    private enum BeforeShutdown { NEWCOMER, WAITING, SAYS, LEAVES, FUMBLES, HALF_A_LINE }

    /**
     * A room as the server finds it when it is closed: members (one to four), clients that have not
     * chosen a nickname yet (always at least one), some talk, a member that left, and now and then
     * a client in the middle of a line.
     */
    static Gen<HardenedScenario> beforeShutdown() {
        Gen<List<BeforeShutdown>> events = Gen.listOf(Gen.elementOf(BeforeShutdown.values()), 0, 6);
        return c -> {
            Scenario s = new Scenario(c);
            s.join();
            List<BeforeShutdown> plan = new ArrayList<>(events.generate(c));
            if (!plan.contains(BeforeShutdown.WAITING)) {
                plan.add(c.between(0, plan.size()), BeforeShutdown.WAITING);
            }
            List<String> unfinished = new ArrayList<>();
            for (BeforeShutdown event : plan) {
                List<String> talking = s.room.members().stream().filter(m -> !unfinished.contains(m)).toList();
                List<String> waiting = s.room.waiting().stream().filter(m -> !unfinished.contains(m)).toList();
                switch (event) {
                    case NEWCOMER -> {
                        if (s.labelsLeft()) {
                            s.join();
                        }
                    }
                    case WAITING -> {
                        if (s.labelsLeft()) {
                            s.connect();
                        }
                    }
                    case SAYS -> {
                        if (!talking.isEmpty()) {
                            s.say(talking.get(c.between(0, talking.size() - 1)), ChatGen.texts(200).generate(c));
                        }
                    }
                    case LEAVES -> {
                        if (talking.size() > 1) {
                            s.say(talking.get(c.between(1, talking.size() - 1)), Protocol.BYE);
                        }
                    }
                    case FUMBLES -> {
                        if (!waiting.isEmpty()) {
                            s.propose(waiting.get(c.between(0, waiting.size() - 1)), NicknameGen.invalid().generate(c), false);
                        }
                    }
                    case HALF_A_LINE -> {
                        List<String> anyone = new ArrayList<>(talking);
                        anyone.addAll(waiting);
                        if (!anyone.isEmpty()) {
                            String who = anyone.get(c.between(0, anyone.size() - 1));
                            s.add(new HardenedStep.Send(who, utf8(ChatGen.words().generate(c)), HardenedStep.LineEnd.NONE,
                                    s.room.isWaiting(who)));
                            unfinished.add(who);
                        }
                    }
                }
            }
            if (s.room.waiting().isEmpty() && s.labelsLeft()) {
                s.connect(); // NEWCOMERs took every label: the last one stays waiting
            }
            return new HardenedScenario(s.steps);
        };
    }

    // ---- building a scenario --------------------------------------------------------------------

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A scenario under construction, with the oracle's room that it would produce. */
    private static final class Scenario {
        final Choices c;
        final List<HardenedStep> steps = new ArrayList<>();
        final HardenedRoomOracle room = new HardenedRoomOracle();
        int used;
        boolean spelt; // a nickname was sent spelt in another normal form than NFC
        final Set<Attempt> attempted = EnumSet.noneOf(Attempt.class);

        Scenario(Choices c) {
            this.c = c;
        }

        boolean labelsLeft() {
            return labelsLeft(1);
        }

        /** Whether {@code count} more clients can connect: a few are kept for the cases a scenario must hold. */
        boolean labelsLeft(int count) {
            return used + count <= ChatGen.LABELS.size();
        }

        String connect() {
            String label = ChatGen.LABELS.get(used++);
            add(new HardenedStep.Connect(label));
            return label;
        }

        /** The next label, as a nickname of last resort (labels are valid and distinct). */
        String nextLabelAsNick() {
            return ChatGen.LABELS.get(Math.min(used, ChatGen.LABELS.size() - 1)) + "_" + used;
        }

        /** A newcomer connects and joins with a nickname the room takes. */
        void join() {
            String label = connect();
            propose(label, NicknameGen.fresh(c, ChatGen.nicknameFor(label), room, label), false);
        }

        void propose(String who, String nick, boolean crlf) {
            add(new HardenedStep.Send(who, utf8(nick), crlf ? HardenedStep.LineEnd.CRLF : HardenedStep.LineEnd.LF, true));
        }

        void say(String who, String text) {
            send(who, text, false);
        }

        void send(String who, String text, boolean nickname) {
            add(HardenedStep.Send.text(who, text, nickname));
        }

        void sendLine(String who, String text, HardenedStep.LineEnd end) {
            add(new HardenedStep.Send(who, utf8(text), end, false));
        }

        String anyMember() {
            List<String> members = room.members();
            return members.get(c.between(0, members.size() - 1));
        }

        /** One nickname attempt of a waiting client. */
        void attempt(String who, Attempt kind, List<String> freed) {
            attempted.add(kind);
            List<String> members = room.members();
            String holder = members.get(c.between(0, members.size() - 1));
            String theirs = room.nickOf(holder);
            switch (kind) {
                case INVALID -> propose(who, NicknameGen.invalid().generate(c), false);
                case RESERVED -> {
                    String word = NicknameGen.reserved().generate(c);
                    // Not always in capitals: "nick" and "Error" are reserved too.
                    propose(who, word.equals(word.toUpperCase(Locale.ROOT)) && c.chance(0.7)
                            ? word.toLowerCase(Locale.ROOT) : word, c.chance(0.3));
                }
                case TAKEN -> propose(who, theirs, false);
                case TAKEN_IGNORING_CASE -> {
                    // Someone whose nickname has case: the anchor always has.
                    String target = NicknameGen.caseVariants(theirs).isEmpty() ? room.nickOf(members.getFirst()) : theirs;
                    List<String> variants = NicknameGen.caseVariants(target);
                    propose(who, variants.get(c.between(0, variants.size() - 1)), c.chance(0.3));
                }
                case SPELT_UNNORMALISED -> {
                    // Somebody's name spelt another way (taken), or a new name spelt another way (joins).
                    String name = c.chance(0.5) ? theirs
                            : NicknameGen.fresh(c, NicknameGen.validCased(), room, nextLabelAsNick());
                    spelt |= !NicknameGen.unnormalised(name).equals(name);
                    propose(who, NicknameGen.unnormalised(name), false);
                }
                case NOT_UTF8 -> add(new HardenedStep.Send(who, LineGen.invalidUtf8().generate(c), HardenedStep.LineEnd.LF, true));
                case VALID -> propose(who, NicknameGen.fresh(c, NicknameGen.valid(), room, nextLabelAsNick()), c.chance(0.3));
                case FREED -> {
                    // The name of a member who left, in another case: free again.
                    if (freed.isEmpty()) {
                        propose(who, NicknameGen.invalid().generate(c), false);
                    } else {
                        String name = freed.get(c.between(0, freed.size() - 1));
                        List<String> variants = NicknameGen.caseVariants(name);
                        propose(who, variants.isEmpty() ? name : variants.get(c.between(0, variants.size() - 1)), false);
                    }
                }
            }
        }

        void add(HardenedStep step) {
            steps.add(step);
            room.apply(step);
        }
    }
}
