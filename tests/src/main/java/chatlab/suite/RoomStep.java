package chatlab.suite;

/**
 * One step of a room scenario (stages 3 and 4), as a student would read it in a failure report.
 */
public sealed interface RoomStep {

    /** The client that acts. */
    String client();

    /** The client connects and answers {@code NICK} with {@code nick}. */
    record Join(String client, String nick) implements RoomStep {
        @Override
        public String toString() {
            return client + " connects and sends nickname " + Texts.quote(nick);
        }
    }

    /** A member sends a line. */
    record Say(String client, String text) implements RoomStep {
        @Override
        public String toString() {
            return client + " sends " + Texts.quote(text);
        }
    }

    /** A member sends {@code [bye]}. */
    record Bye(String client) implements RoomStep {
        @Override
        public String toString() {
            return client + " sends [bye]";
        }
    }

    /** A member's connection is cut abruptly (a reset, as when a laptop lid closes). */
    record Drop(String client) implements RoomStep {
        @Override
        public String toString() {
            return client + "'s connection is cut abruptly";
        }
    }

    /**
     * A member closes its side of the connection without {@code [bye]} (the server reads end of
     * stream), after sending {@code unfinished}, a line without its end, unless that is empty.
     */
    record Close(String client, String unfinished) implements RoomStep {
        @Override
        public String toString() {
            return unfinished.isEmpty()
                    ? client + " closes its connection without [bye]"
                    : client + " sends " + Texts.quote(unfinished) + " with no line end, then closes its connection";
        }
    }

    /** A client connects, receives {@code NICK}, and closes without sending a nickname. */
    record Vanish(String client) implements RoomStep {
        @Override
        public String toString() {
            return client + " connects, then closes before sending a nickname";
        }
    }
}
