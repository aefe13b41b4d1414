package chatlab.suite;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines a {@link SuiteWorker} and its parent exchange: one message per line, its fields
 * separated by tabs, each field escaped so that a feedback of many lines stays on one.
 *
 * <pre>
 * parent to worker:  run      seed  property-id
 * worker to parent:  ready
 *                    note     text    (while a property runs: something the student should read,
 *                                      whatever the outcome, e.g. that the stage printed too much)
 *                    result   property-id  PASSED|FAILED|NOT_RUN  millis  unavailable|crashed|-  feedback
 * </pre>
 *
 * ({@code unavailable}: the stage cannot run at all; {@code crashed}: the JVM running the stage, a
 * JVM of its own, ended under the property.) The worker writes nothing else on its standard output;
 * whatever the code under test prints goes to its standard error.
 *
 * <p>{@link #encode} and {@link #decode} are public: the student's JVM and its driver
 * ({@code chatlab.grading.host}) frame their lines the same way.
 */
public final class WorkerProtocol {
    static final String RUN = "run";
    static final String READY = "ready";
    static final String RESULT = "result";
    static final String NOTE = "note";
    static final String UNAVAILABLE = "unavailable";
    static final String CRASHED = "crashed";
    static final String AVAILABLE = "-";

    private WorkerProtocol() {
    }

    /** One line (without its end) carrying {@code fields}. */
    public static String encode(String... fields) {
        StringBuilder line = new StringBuilder();
        for (String field : fields) {
            if (!line.isEmpty()) {
                line.append('\t');
            }
            for (int i = 0; i < field.length(); i++) {
                char c = field.charAt(i);
                switch (c) {
                    case '\\' -> line.append("\\\\");
                    case '\t' -> line.append("\\t");
                    case '\n' -> line.append("\\n");
                    case '\r' -> line.append("\\r");
                    default -> line.append(c);
                }
            }
        }
        return line.toString();
    }

    /** The fields of a line {@link #encode} made. */
    public static List<String> decode(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\t') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\\' && i + 1 < line.length()) {
                char next = line.charAt(++i);
                field.append(switch (next) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
