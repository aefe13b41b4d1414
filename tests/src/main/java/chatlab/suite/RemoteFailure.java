package chatlab.suite;

/**
 * What a stage threw in a JVM of its own, as that JVM reported it: the exception's class name,
 * message and stack trace, and its cause the same way. Properties describe it as they describe an
 * exception thrown in their own JVM (see {@link StageFailures#describe}).
 */
public final class RemoteFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String className;

    public RemoteFailure(String className, String message, StackTraceElement[] stackTrace, RemoteFailure cause) {
        super(message, cause, false, true);
        this.className = className;
        setStackTrace(stackTrace);
    }

    /** The binary name of the exception's class: {@code chatlab.concurrency.TaskScope$FailedException}. */
    public String className() {
        return className;
    }

    /** Its class's simple name, as {@link Class#getSimpleName()} gives it. */
    public String simpleName() {
        String name = className.substring(className.lastIndexOf('.') + 1);
        return name.substring(name.lastIndexOf('$') + 1);
    }

    @Override
    public String toString() {
        return className + (getMessage() == null ? "" : ": " + getMessage());
    }
}
