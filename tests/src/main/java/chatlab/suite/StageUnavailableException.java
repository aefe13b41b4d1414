package chatlab.suite;

/**
 * The implementation under test has no stage to run: it does not compile, is not done yet, or
 * cannot be loaded. Its message is the one line a student needs; a property that meets it fails
 * with that line rather than with a stack trace.
 */
public final class StageUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public StageUnavailableException(String message) {
        super(message, null, false, false);
    }
}
