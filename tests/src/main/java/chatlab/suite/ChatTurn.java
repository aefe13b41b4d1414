package chatlab.suite;

/**
 * One step of a one-to-one chat (stages 1 and 2): a line typed by the operator or sent by the
 * client, or a pause in which both sides wait until every line sent so far has arrived.
 *
 * <p>Lines between two pauses are sent as fast as they come, without waiting for answers. A pause
 * makes a burst that follows it stand alone: when the client then sends two lines in a row, the
 * operator has typed nothing the server could still be waiting to relay.
 */
public sealed interface ChatTurn {

    /** The operator types a line at the console. */
    record Operator(String text) implements ChatTurn {
        @Override
        public String toString() {
            return "the operator types " + Texts.quote(text);
        }
    }

    /** The client sends a line. */
    record Client(String text) implements ChatTurn {
        @Override
        public String toString() {
            return "the client sends " + Texts.quote(text);
        }
    }

    /** Both sides wait until every line sent so far has arrived, and only then go on. */
    record Pause() implements ChatTurn {
        @Override
        public String toString() {
            return "both sides wait until every line so far has arrived";
        }
    }
}
