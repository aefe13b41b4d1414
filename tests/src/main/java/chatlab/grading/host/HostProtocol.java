package chatlab.grading.host;

import chatlab.suite.RemoteFailure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The lines a driver and its {@link SubmissionHost} exchange over the host's standard input and
 * output, framed as {@link chatlab.suite.WorkerProtocol} frames them (one message per line, fields
 * separated by tabs, escaped).
 *
 * <pre>
 * driver to host:  start    request  stage-number  classes-folder  max-line-bytes  max-queued-bytes  nickname-timeout-ms
 *                  type     request  stage  line
 *                  threads  request  stage
 *                  close    request  stage  grace-ms
 * host to driver:  ready
 *                  started  request  port
 *                  refused  request  load|io  reason
 *                  typed    request
 *                  threads  request  count
 *                  closed   request  serve-returned  threads-alive
 *                  printed  stage  line                              (as the stage prints it)
 *                  returned stage  todo  [class  message  frames]... (serve returned; what it threw, outermost first)
 * </pre>
 *
 * A stage is named by the request that started it. Every request gets exactly one answer, in the
 * host's own time; events ({@code printed}, {@code returned}) come as they happen.
 *
 * <p>The host runs the student's code, so what it says is never trusted with a grade: a driver
 * skips lines it cannot read, and the properties judge a stage by what its clients receive.
 */
final class HostProtocol {
    static final String START = "start";
    static final String TYPE = "type";
    static final String THREADS = "threads";
    static final String CLOSE = "close";

    static final String READY = "ready";
    static final String STARTED = "started";
    static final String REFUSED = "refused";
    static final String TYPED = "typed";
    static final String CLOSED = "closed";
    static final String PRINTED = "printed";
    static final String RETURNED = "returned";

    /** Why a stage did not start: its classes cannot be loaded or made, or its socket cannot be bound. */
    static final String LOAD = "load";
    static final String IO = "io";

    private static final int MAX_CAUSES = 8;
    private static final int MAX_FRAMES = 40;

    private HostProtocol() {
    }

    /**
     * {@code failure} and its causes as fields: class, message (empty when it has none, otherwise
     * prefixed with {@code =}) and stack frames, for each. Whatever a student's exception does in
     * {@code getMessage} or {@code getStackTrace}, this returns.
     */
    static List<String> encodeFailure(Throwable failure) {
        List<String> fields = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t) && seen.size() <= MAX_CAUSES; t = causeOf(t)) {
            fields.add(t.getClass().getName());
            fields.add(messageOf(t));
            fields.add(framesOf(t));
        }
        return fields;
    }

    /** The failure {@link #encodeFailure} encoded, from {@code fields} starting at {@code from}; null when none. */
    static RemoteFailure decodeFailure(List<String> fields, int from) {
        RemoteFailure cause = null;
        for (int i = from + 3 * ((fields.size() - from) / 3) - 3; i >= from; i -= 3) {
            String message = fields.get(i + 1);
            cause = new RemoteFailure(fields.get(i), message.isEmpty() ? null : message.substring(1),
                    frames(fields.get(i + 2)), cause);
        }
        return cause;
    }

    private static Throwable causeOf(Throwable t) {
        try {
            return t.getCause();
        } catch (RuntimeException | Error e) {
            return null;
        }
    }

    private static String messageOf(Throwable t) {
        try {
            String message = t.getMessage();
            return message == null ? "" : "=" + message;
        } catch (RuntimeException | Error e) {
            return "";
        }
    }

    /** One frame a line: {@code class/method/line/file}. */
    private static String framesOf(Throwable t) {
        StackTraceElement[] trace;
        try {
            trace = t.getStackTrace();
        } catch (RuntimeException | Error e) {
            return "";
        }
        StringBuilder frames = new StringBuilder();
        for (int i = 0; i < Math.min(MAX_FRAMES, trace.length); i++) {
            StackTraceElement frame = trace[i];
            if (i > 0) {
                frames.append('\n');
            }
            frames.append(frame.getClassName()).append('/').append(frame.getMethodName()).append('/')
                    .append(frame.getLineNumber()).append('/').append(frame.getFileName() == null ? "" : frame.getFileName());
        }
        return frames.toString();
    }

    private static StackTraceElement[] frames(String field) {
        if (field.isEmpty()) {
            return new StackTraceElement[0];
        }
        List<StackTraceElement> frames = new ArrayList<>();
        for (String line : field.split("\n")) {
            String[] parts = line.split("/", 4);
            if (parts.length == 4) {
                try {
                    frames.add(new StackTraceElement(parts[0], parts[1], parts[3].isEmpty() ? null : parts[3],
                            Integer.parseInt(parts[2])));
                } catch (RuntimeException e) {
                    // not a frame the host wrote: left out
                }
            }
        }
        return frames.toArray(StackTraceElement[]::new);
    }
}
