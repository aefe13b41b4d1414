package chatlab.suite;

import chatlab.property.Choices;
import chatlab.property.Gen;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates room schedules: which client joins, speaks, says {@code [bye]}, closes without it,
 * drops or vanishes, in what order. Only steps that make sense are drawn (a member speaks; a
 * newcomer joins), so every scenario, shrunk or not, is one a real room could see.
 */
public final class RoomScenarios {
    private final int maxClients;
    private final int maxSteps;
    private final int maxTextBytes;

    private RoomScenarios(int maxClients, int maxSteps, int maxTextBytes) {
        this.maxClients = maxClients;
        this.maxSteps = maxSteps;
        this.maxTextBytes = maxTextBytes;
    }

    /** Up to {@code maxClients} clients and {@code maxSteps} steps, texts up to {@code maxTextBytes}. */
    public static Gen<RoomScenario> schedules(int maxClients, int maxSteps, int maxTextBytes) {
        RoomScenarios scenarios = new RoomScenarios(Math.min(maxClients, ChatGen.LABELS.size()), maxSteps, maxTextBytes);
        return scenarios::draw;
    }

    private enum Kind { SAY, JOIN, BYE, DROP, CLOSE, VANISH }

    private RoomScenario draw(Choices c) {
        List<RoomStep> steps = new ArrayList<>();
        Map<String, String> members = new LinkedHashMap<>(); // label -> nickname
        int used = 0;                                         // labels used so far
        // The room starts with one member: a scenario with nobody in it tests nothing.
        used = join(c, steps, members, used);
        while (steps.size() < maxSteps && (!members.isEmpty() || used < maxClients) && c.draw(1) == 1) {
            Kind kind = pick(c, members.size(), used < maxClients);
            switch (kind) {
                case JOIN -> used = join(c, steps, members, used);
                case VANISH -> steps.add(new RoomStep.Vanish(ChatGen.LABELS.get(used++)));
                case SAY -> {
                    String who = member(c, members);
                    steps.add(new RoomStep.Say(who, ChatGen.texts(maxTextBytes).generate(c)));
                }
                case BYE -> steps.add(new RoomStep.Bye(leave(c, members)));
                case DROP -> steps.add(new RoomStep.Drop(leave(c, members)));
                case CLOSE -> steps.add(new RoomStep.Close(leave(c, members), unfinished(c)));
            }
        }
        return new RoomScenario(steps);
    }

    private Kind pick(Choices c, int members, boolean newcomers) {
        // Weights: speaking is most common; 0 (the simplest) is SAY when anyone can speak.
        List<Kind> options = new ArrayList<>();
        if (members > 0) {
            options.addAll(List.of(Kind.SAY, Kind.SAY, Kind.SAY, Kind.SAY));
        }
        if (newcomers) {
            options.addAll(List.of(Kind.JOIN, Kind.JOIN, Kind.VANISH));
        }
        if (members > 0) {
            options.addAll(List.of(Kind.BYE, Kind.CLOSE));
        }
        // A cut only with someone left to hear its left!. A member cut off while alone in the room
        // leaves nothing to wait for: the server notices a reset only when it next reads, so a
        // newcomer may join before that and then rightly receive the left! (seen under load).
        if (members > 1) {
            options.add(Kind.DROP);
        }
        return options.get(c.between(0, options.size() - 1));
    }

    /** Usually nothing; sometimes the start of a line its sender never finishes. */
    static String unfinished(Choices c) {
        return c.chance(0.3) ? ChatGen.words().generate(c) : "";
    }

    private int join(Choices c, List<RoomStep> steps, Map<String, String> members, int used) {
        String label = ChatGen.LABELS.get(used);
        String nick = ChatGen.nicknameFor(label).generate(c);
        members.put(label, nick);
        steps.add(new RoomStep.Join(label, nick));
        return used + 1;
    }

    private static String member(Choices c, Map<String, String> members) {
        List<String> labels = List.copyOf(members.keySet());
        return labels.get(c.between(0, labels.size() - 1));
    }

    private static String leave(Choices c, Map<String, String> members) {
        String who = member(c, members);
        members.remove(who);
        return who;
    }
}
