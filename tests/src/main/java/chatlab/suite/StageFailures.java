package chatlab.suite;

import chatlab.concurrency.TaskScope;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/** Says what a stage threw, in one line a student can act on, whichever JVM it was thrown in. */
final class StageFailures {
    /** Exceptions that only carry their cause: a scope's, a future's, a plain RuntimeException. */
    private static final Set<String> WRAPPERS = Set.of(TaskScope.FailedException.class.getName(),
            ExecutionException.class.getName(), RuntimeException.class.getName());

    private StageFailures() {
    }

    /** The exception that ended the stage, without the wrappers around it, and where it was thrown. */
    static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause && WRAPPERS.contains(className(cause))) {
            cause = cause.getCause();
        }
        String where = Arrays.stream(cause.getStackTrace())
                .filter(frame -> frame.getClassName().startsWith("chatlab.stage"))
                .findFirst().map(frame -> " (in " + frame.getClassName().replaceFirst("^.*\\.", "") + "."
                        + frame.getMethodName() + ", " + frame.getFileName() + " line " + frame.getLineNumber() + ")")
                .orElse("");
        String type = cause instanceof RemoteFailure remote ? remote.simpleName() : cause.getClass().getSimpleName();
        return type + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + where;
    }

    private static String className(Throwable t) {
        return t instanceof RemoteFailure remote ? remote.className() : t.getClass().getName();
    }
}
