package chatlab.suite;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One session of a one-to-one chat (stages 1 and 2): a client's name, the lines both sides send
 * (sent as fast as they come, without waiting for answers: the server must be full duplex), and how
 * the session ends.
 *
 * @param clientName the name the client sends first
 * @param turns      the lines, in the order they are sent
 * @param ending     who leaves, and how
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

    public SessionScenario {
        turns = List.copyOf(turns);
    }

    @Override
    public String toString() {
        String lines = IntStream.range(0, turns.size())
                .mapToObj(i -> "   " + (i + 1) + ". " + turns.get(i)).collect(Collectors.joining("\n"));
        return "a client named " + Texts.quote(clientName) + " connects and sends its name"
                + (turns.isEmpty() ? "" : "\n" + lines)
                + "\n   then " + ending;
    }
}
