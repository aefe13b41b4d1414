package chatlab.suite;

import chatlab.stage.ChatStage;
import chatlab.stage.StageId;
import java.util.Optional;

/**
 * Where the graded suite finds the implementation under test.
 *
 * <p>The JUnit configuration parameter (or system property) {@value #IMPLEMENTATION} names a
 * folder laid out like {@code labs/}; without it, the stage classes are loaded from the classpath,
 * which is how {@code mvn verify} runs the suite against the reference solutions.
 */
public final class Implementations {
    /** The configuration parameter naming the implementation's folder. */
    public static final String IMPLEMENTATION = "chatlab.impl";

    private Implementations() {
    }

    /** Stages from the classpath: the reference solutions when the build puts them there. */
    public static StageLauncher fromClasspath(ClassLoader loader) {
        return (stage, limits) -> LocalStage.start(stage, instantiate(stage, loader), limits);
    }

    /** Makes a new instance of {@code stage}'s server class from {@code loader}. */
    public static ChatStage instantiate(StageId stage, ClassLoader loader) throws StageUnavailableException {
        Class<?> type;
        try {
            type = Class.forName(stage.className(), true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new StageUnavailableException(stage + ": class " + stage.className() + " not found ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (!ChatStage.class.isAssignableFrom(type)) {
            throw new StageUnavailableException(stage + ": " + stage.className() + " does not implement ChatStage");
        }
        try {
            return (ChatStage) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new StageUnavailableException(stage + ": cannot create " + stage.className() + ": " + cause);
        }
    }

    /** The implementation folder named by configuration, if any. */
    static Optional<String> configuredFolder(java.util.function.Function<String, Optional<String>> parameters) {
        return parameters.apply(IMPLEMENTATION).filter(s -> !s.isBlank());
    }
}
