package chatlab.suite;

/** One line of a one-to-one chat (stages 1 and 2), typed by the operator or sent by the client. */
public sealed interface ChatTurn {

    /** The line's text. */
    String text();

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
}
