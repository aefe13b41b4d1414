package chatlab.suite;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import chatlab.property.PropertyFailure;
import chatlab.stage.StageId;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the graded suite through the JUnit Platform, the way IDEs and Surefire run it, and adds up
 * the points: {@code chatlab check}, the grader and the build's catalogue test all come here.
 */
public final class SuiteRunner {
    private SuiteRunner() {
    }

    /**
     * What to run.
     *
     * @param implementation       the implementation's folder; empty for the classpath (solutions in the build)
     * @param stages               the stages to run
     * @param seed                 the run's seed
     * @param triesFactor          scales each property's tries
     * @param stopAtFirstLostPoint skip a stage's remaining properties once one has failed
     */
    public record Request(Optional<Path> implementation, Set<StageId> stages, long seed, double triesFactor,
                          boolean stopAtFirstLostPoint) {
    }

    /** Told as each property starts and ends, for progress lines. */
    public interface Progress {
        default void started(String property) {
        }

        default void finished(PropertyResult result) {
        }

        /**
         * Told as each property ends, with what it threw (empty when it passed or was skipped): a
         * {@link StageUnavailableException} means its stage could not run at all.
         */
        default void finished(PropertyResult result, Optional<Throwable> failure) {
            finished(result);
        }
    }

    /** Runs the request's properties and returns their results. */
    public static ScoreCard run(Request request, Progress progress) {
        LauncherDiscoveryRequestBuilder builder = LauncherDiscoveryRequestBuilder.request()
                .selectors(classSelectors(request.stages()))
                .configurationParameter(chatlab.property.Seeds.PROPERTY, Long.toString(request.seed()))
                .configurationParameter(GradedPropertyExtension.TRIES_FACTOR, Double.toString(request.triesFactor()))
                .configurationParameter(GradedPropertyExtension.STOP_AT_FIRST_LOST_POINT,
                        Boolean.toString(request.stopAtFirstLostPoint()));
        request.implementation().ifPresent(path ->
                builder.configurationParameter(Implementations.IMPLEMENTATION, path.toAbsolutePath().toString()));
        LauncherDiscoveryRequest discovery = builder.build();
        ScoreCard card = new ScoreCard(request.seed());
        Launcher launcher = LauncherFactory.create();
        launcher.execute(discovery, new Tally(card, progress));
        return card;
    }

    /**
     * The graded properties of {@code stages}, in the order a run executes them, found without
     * running anything (no implementation is compiled or started).
     */
    public static List<PlannedProperty> plan(Set<StageId> stages) {
        LauncherDiscoveryRequest discovery = LauncherDiscoveryRequestBuilder.request()
                .selectors(classSelectors(stages)).build();
        TestPlan testPlan = LauncherFactory.create().discover(discovery);
        List<PlannedProperty> planned = new ArrayList<>();
        for (TestIdentifier root : testPlan.getRoots()) {
            collect(testPlan, root, planned);
        }
        return List.copyOf(planned);
    }

    private static void collect(TestPlan testPlan, TestIdentifier test, List<PlannedProperty> planned) {
        graded(test).ifPresent(g -> planned.add(new PlannedProperty(test.getUniqueId(), g.stage(), test.getDisplayName(),
                g.points())));
        for (TestIdentifier child : testPlan.getChildren(test)) {
            collect(testPlan, child, planned);
        }
    }

    /**
     * Runs the properties with these {@linkplain PlannedProperty#id() ids}, in their suite order,
     * against the implementation {@code implementation} names as {@code --impl} does
     * ({@code solutions}, {@code labs}, or a folder, shown in messages as given), with no stopping
     * at a lost point: whoever calls this decides what to run next.
     */
    public static ScoreCard runProperties(String implementation, List<String> ids, long seed, double triesFactor,
                                          Progress progress) {
        LauncherDiscoveryRequest discovery = LauncherDiscoveryRequestBuilder.request()
                .selectors(ids.stream().map(DiscoverySelectors::selectUniqueId).toList())
                .configurationParameter(chatlab.property.Seeds.PROPERTY, Long.toString(seed))
                .configurationParameter(GradedPropertyExtension.TRIES_FACTOR, Double.toString(triesFactor))
                .configurationParameter(Implementations.IMPLEMENTATION, implementation)
                .build();
        ScoreCard card = new ScoreCard(seed);
        LauncherFactory.create().execute(discovery, new Tally(card, progress));
        return card;
    }

    private static List<ClassSelector> classSelectors(Set<StageId> stages) {
        return stages.stream().sorted()
                .flatMap(stage -> GradedSuite.classesOf(stage).stream()).map(c -> selectClass(c)).toList();
    }

    /** Turns JUnit's events into property results. */
    private static final class Tally implements TestExecutionListener {
        private final ScoreCard card;
        private final Progress progress;
        private final Map<String, Long> startedAt = new ConcurrentHashMap<>();

        Tally(ScoreCard card, Progress progress) {
            this.card = card;
            this.progress = progress;
        }

        @Override
        public void executionStarted(TestIdentifier test) {
            if (graded(test).isPresent()) {
                startedAt.put(test.getUniqueId(), System.nanoTime());
                progress.started(test.getDisplayName());
            }
        }

        @Override
        public void executionSkipped(TestIdentifier test, String reason) {
            graded(test).ifPresent(g -> record(test, g, PropertyResult.Status.NOT_RUN, reason));
        }

        @Override
        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            graded(test).ifPresent(g -> {
                boolean passed = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
                String feedback = passed ? "" : result.getThrowable().map(SuiteRunner::feedback).orElse("failed");
                record(test, g, passed ? PropertyResult.Status.PASSED : PropertyResult.Status.FAILED, feedback,
                        passed ? Optional.empty() : result.getThrowable());
            });
        }

        private void record(TestIdentifier test, GradedProperty graded, PropertyResult.Status status, String feedback) {
            record(test, graded, status, feedback, Optional.empty());
        }

        private void record(TestIdentifier test, GradedProperty graded, PropertyResult.Status status, String feedback,
                            Optional<Throwable> failure) {
            Long start = startedAt.remove(test.getUniqueId());
            long millis = start == null ? 0 : (System.nanoTime() - start) / 1_000_000;
            PropertyResult result = new PropertyResult(graded.stage(), test.getDisplayName(), graded.points(), status,
                    feedback, millis);
            card.add(result);
            progress.finished(result, failure);
        }
    }

    /** The message a student reads for a failed property. */
    static String feedback(Throwable failure) {
        if (failure instanceof PropertyFailure || failure instanceof StageUnavailableException
                || failure instanceof StageCrashedError) {
            return failure.getMessage();
        }
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static final Map<String, Optional<GradedProperty>> CACHE = new HashMap<>();

    /** The {@link GradedProperty} behind a test, if it is one. */
    static synchronized Optional<GradedProperty> graded(TestIdentifier test) {
        return CACHE.computeIfAbsent(test.getUniqueId(), id -> test.getSource()
                .filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                .flatMap(source -> {
                    try {
                        Method method = source.getJavaMethod();
                        return Optional.ofNullable(method.getAnnotation(GradedProperty.class));
                    } catch (RuntimeException e) {
                        return Optional.empty();
                    }
                }));
    }
}
