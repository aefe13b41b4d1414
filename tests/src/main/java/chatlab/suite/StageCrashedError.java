package chatlab.suite;

/**
 * The JVM that ran a stage ended under it ({@code System.exit}, out of memory): the stage, and
 * anything a property was waiting for from it, is gone. Its message is what a student reads.
 *
 * <p>Why an {@code Error}: nothing more can be learnt from the property once the stage's JVM is gone,
 * and a property check catches exceptions and assertion errors (to shrink the failing scenario), not
 * this. It therefore ends the property at once, like the crash of a JVM the property ran in; the
 * property is reported as crashed, with this message.
 */
public final class StageCrashedError extends Error {
    private static final long serialVersionUID = 1L;

    public StageCrashedError(String message) {
        super(message, null, false, false);
    }
}
