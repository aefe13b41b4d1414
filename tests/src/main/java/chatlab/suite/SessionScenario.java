package chatlab.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One session of a one-to-one chat (stages 1 and 2): a client's name, the lines both sides send
 * (sent as fast as they come, without waiting for answers: the server must be full duplex; a
 * {@linkplain ChatTurn.Pause pause} waits until every line so far has arrived), and how the session
 * ends.
 *
 * @param clientName the name the client sends first
 * @param turns      the lines, in the order they are sent
 * @param ending     who leaves, and how; null when the property does not play the session's end
 */
public record SessionScenario(String clientName, List<ChatTurn> turns, Ending ending) {

    /** How a session ends. */
    public enum Ending {
        /** The operator types {@code [bye]}. */
        OPERATOR_BYE("the operator types [bye]"),
        /** The client sends its farewell and closes, as the terminal client does on {@code [bye]}. */
        CLIENT_BYE("the client sends its farewell \"Leaving the Chat room\" and closes");

        private final String description;

        Ending(String description) {
            this.description = description;
        }

        @Override
        public String toString() {
            return description;
        }
    }

    /** Drops pauses that change nothing: at the start, right after another pause, at the end. */
    public SessionScenario {
        List<ChatTurn> kept = new ArrayList<>();
        for (ChatTurn turn : turns) {
            if (!(turn instanceof ChatTurn.Pause) || !kept.isEmpty() && !(kept.getLast() instanceof ChatTurn.Pause)) {
                kept.add(turn);
            }
        }
        if (!kept.isEmpty() && kept.getLast() instanceof ChatTurn.Pause) {
            kept.removeLast();
        }
        turns = List.copyOf(kept);
    }

    @Override
    public String toString() {
        String lines = IntStream.range(0, turns.size())
                .mapToObj(i -> "   " + (i + 1) + ". " + turns.get(i)).collect(Collectors.joining("\n"));
        return "a client named " + Texts.quote(clientName) + " connects and sends its name"
                + (turns.isEmpty() ? "" : "\n" + lines)
                + (ending == null ? "" : "\n   then " + ending);
    }
}
