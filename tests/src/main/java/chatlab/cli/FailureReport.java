package chatlab.cli;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An exception told briefly: the exception and its causes, each with the stack frames that are
 * worth reading (those of the student's stage, when there are any) rather than a wall of them.
 */
final class FailureReport {
    private static final int FRAMES_WHEN_NONE_MATCH = 3;

    private FailureReport() {
    }

    /**
     * {@code failure} and its causes, each followed by its frames in classes whose names start with
     * {@code interestingPrefix} (or its top few frames, when none does).
     */
    static String describe(Throwable failure, String interestingPrefix) {
        StringBuilder text = new StringBuilder();
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t != failure) {
                text.append(System.lineSeparator()).append("Caused by: ");
            }
            text.append(t);
            List<StackTraceElement> frames = Arrays.stream(t.getStackTrace())
                    .filter(f -> !interestingPrefix.isEmpty() && f.getClassName().startsWith(interestingPrefix))
                    .toList();
            if (frames.isEmpty()) {
                frames = Arrays.stream(t.getStackTrace()).limit(FRAMES_WHEN_NONE_MATCH).toList();
            }
            for (StackTraceElement frame : frames) {
                text.append(System.lineSeparator()).append("    at ").append(frame);
            }
        }
        return text.toString();
    }
}
