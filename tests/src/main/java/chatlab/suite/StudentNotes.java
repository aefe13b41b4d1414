package chatlab.suite;

import java.util.function.Consumer;

/**
 * Things the student should read about the property that is running, said as they happen, not
 * when it ends: that the stage printed more than the grader keeps, say. A property that then runs
 * out of time is killed with its JVM, and its note must reach the grader before that: in a
 * {@link SuiteWorker}, a note goes to the parent at once, and is put at the top of the property's
 * feedback whatever its outcome (a property that passes shows none). Elsewhere (a local run)
 * notes go nowhere.
 */
public final class StudentNotes {
    private static volatile Consumer<String> sink = text -> { };

    private StudentNotes() {
    }

    /** Tells the student {@code text} (one line), about the property that is running. */
    public static void tell(String text) {
        sink.accept(text);
    }

    /** Where notes go from now on. */
    static void sendTo(Consumer<String> where) {
        sink = where;
    }
}
