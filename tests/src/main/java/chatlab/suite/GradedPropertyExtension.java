package chatlab.suite;

import chatlab.property.Seeds;
import chatlab.stage.StageId;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Runs {@link GradedProperty graded properties}: hands each a {@link PropertyContext}, turns what a
 * stage threw into one line a student can act on, and closes whatever stage a property left running.
 *
 * <p>Configuration parameters (JUnit's, or system properties of the same name):
 * {@value Implementations#IMPLEMENTATION} (the implementation under test),
 * {@value Implementations#STUDENT_JVM} (run it in a JVM of its own),
 * {@value Seeds#PROPERTY} (the run's seed), {@value #TRIES_FACTOR} (scales every property's tries),
 * {@value #LINE_TIMEOUT} (milliseconds to wait for an expected line) and
 * {@value #STOP_AT_FIRST_LOST_POINT}.
 */
public final class GradedPropertyExtension
        implements ParameterResolver, TestExecutionExceptionHandler, AfterEachCallback, ExecutionCondition {
    /** Multiplies every property's number of tries: 0.5 for a quick run, 5 for a soak. */
    public static final String TRIES_FACTOR = "chatlab.tries.factor";
    /** "true": once a property of a stage fails, skip the stage's others (a mistake needs one lost point). */
    public static final String STOP_AT_FIRST_LOST_POINT = "chatlab.stopAtFirstLostPoint";
    /** How long to wait for a line the protocol says must come, in milliseconds. */
    public static final String LINE_TIMEOUT = "chatlab.line.timeout.ms";
    /**
     * How long shrinking a failing scenario may take, in milliseconds (0: report it unshrunk); by
     * default the property engine's own budget. A run that only counts lost points (the flakiness
     * tally) saves the time: shrinking never turns a failure into a pass.
     */
    public static final String SHRINK_BUDGET = "chatlab.shrink.budget.ms";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(GradedPropertyExtension.class);
    private static final Duration DEFAULT_LINE_TIMEOUT = Duration.ofSeconds(3);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PropertyContext.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        GradedProperty graded = method.getAnnotation(GradedProperty.class);
        if (graded == null) {
            throw new ParameterResolutionException(method + " is not a @GradedProperty");
        }
        double factor = context.getConfigurationParameter(TRIES_FACTOR).map(Double::parseDouble).orElse(1.0);
        int tries = Math.max(1, (int) Math.round(graded.tries() * factor));
        long seed = context.getConfigurationParameter(Seeds.PROPERTY).map(String::trim).map(Long::parseLong)
                .orElse(Seeds.runSeed());
        Duration lineTimeout = context.getConfigurationParameter(LINE_TIMEOUT).map(Long::parseLong)
                .map(Duration::ofMillis).orElse(DEFAULT_LINE_TIMEOUT);
        Optional<Duration> shrinkBudget = context.getConfigurationParameter(SHRINK_BUDGET).map(String::trim)
                .map(Long::parseLong).map(Duration::ofMillis);
        PropertyContext properties = new PropertyContext(context.getDisplayName(), StageId.of(graded.stage()), tries,
                seed, launcher(context), lineTimeout, shrinkBudget);
        context.getStore(NAMESPACE).put(PropertyContext.class, properties);
        return properties;
    }

    /** One launcher per implementation and run, so that each stage is compiled once. */
    private static StageLauncher launcher(ExtensionContext context) {
        String spec = context.getConfigurationParameter(Implementations.IMPLEMENTATION).filter(s -> !s.isBlank())
                .orElse("solutions");
        boolean studentJvm = context.getConfigurationParameter(Implementations.STUDENT_JVM, Boolean::parseBoolean)
                .orElse(false);
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent("launcher:" + studentJvm + ":" + spec,
                key -> Implementations.launcher(spec, studentJvm), StageLauncher.class);
    }

    /**
     * A property that failed because its stage could not run, or was a skeleton not filled in yet,
     * is reported with that one line rather than with the symptoms it caused.
     */
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        if (thrown instanceof StageUnavailableException || thrown instanceof StageCrashedError) {
            throw thrown;
        }
        PropertyContext properties = context.getStore(NAMESPACE).get(PropertyContext.class, PropertyContext.class);
        if (properties != null) {
            // A stage whose JVM ended explains whatever the property saw next (a reset, a silence).
            Optional<StageCrashedError> crashed = properties.crash();
            if (crashed.isPresent()) {
                throw crashed.get();
            }
            for (StageUnderTest stage : properties.started()) {
                Optional<String> notDone = stage.notDoneYet();
                if (notDone.isPresent()) {
                    throw new StageUnavailableException(notDone.get());
                }
            }
        }
        throw thrown;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<GradedProperty> graded = context.getTestMethod().map(m -> m.getAnnotation(GradedProperty.class));
        if (graded.isEmpty() || !context.getConfigurationParameter(STOP_AT_FIRST_LOST_POINT, Boolean::parseBoolean).orElse(false)) {
            return ConditionEvaluationResult.enabled("graded property");
        }
        boolean lost = context.getRoot().getStore(NAMESPACE).get(lostKey(graded.get().stage())) != null;
        return lost ? ConditionEvaluationResult.disabled("an earlier property of this stage already failed")
                : ConditionEvaluationResult.enabled("no point lost yet");
    }

    private static String lostKey(int stage) {
        return "lost-stage-" + stage;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        context.getExecutionException().ifPresent(e -> context.getTestMethod()
                .map(m -> m.getAnnotation(GradedProperty.class))
                .ifPresent(g -> context.getRoot().getStore(NAMESPACE).put(lostKey(g.stage()), Boolean.TRUE)));
        PropertyContext properties = context.getStore(NAMESPACE).get(PropertyContext.class, PropertyContext.class);
        if (properties != null) {
            for (StageUnderTest stage : properties.started()) {
                stage.close();
            }
            // A JVM that ended once the property had seen all it needed still ended: not a pass.
            Optional<StageCrashedError> crashed = properties.crash();
            if (crashed.isPresent() && context.getExecutionException().isEmpty()) {
                throw crashed.get();
            }
        }
    }
}
