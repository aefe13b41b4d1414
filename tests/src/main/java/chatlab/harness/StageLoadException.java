package chatlab.harness;

/** A compiled stage that cannot be loaded or made: its message says why, for a person. */
public final class StageLoadException extends Exception {
    private static final long serialVersionUID = 1L;

    public StageLoadException(String message) {
        super(message);
    }

    public StageLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
