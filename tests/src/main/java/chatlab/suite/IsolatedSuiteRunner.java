package chatlab.suite;

import chatlab.grading.host.Sandbox;
import chatlab.harness.ChatLabHome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Runs graded properties in a child JVM ({@link SuiteWorker}) that this one watches: the
 * implementation under test runs there, so a stage that hangs, calls {@code System.exit} or runs out
 * of memory costs one property, never the run. Each property has a time limit, and so does the
 * whole run; a property past its limit has its JVM (with every process it started) killed and is
 * reported as timed out. The next property then gets a fresh JVM.
 *
 * <p>The worker answers each property as it ends, so whatever happens later, what has been
 * answered stays answered. One worker serves property after property, run after run (the seed is
 * given per property), until one kills it; {@link #close()} stops it.
 *
 * <p>With {@link Settings#withStudentJvm()} the worker is only the properties' driver: the
 * implementation runs in a JVM of its own that the worker starts ({@code chatlab.grading.host}), so
 * nothing it does (write on standard output, end its JVM) reaches what the worker answers; a stage
 * whose JVM ends loses the property that was running, reported as {@link PropertyOutcome.Kind#CRASHED}.
 * With {@link Settings#withSandbox()} both run in Linux namespaces, where allowed ({@link #whyNotIsolated()}).
 *
 * <p>{@code chatlab check} grades a student's labs with it, the flakiness tally runs the suite many
 * times with it, and the grader can run submissions with it.
 */
public final class IsolatedSuiteRunner implements AutoCloseable {
    /** How long one property may run, unless the settings say otherwise. */
    public static final Duration DEFAULT_PROPERTY_TIMEOUT = Duration.ofSeconds(60);
    /** How long the worker may take to start (no student code runs yet). */
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(30);
    /** The worker's memory cap, and what else it starts with. */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx512m", "-XX:+ExitOnOutOfMemoryError");
    private static final int CRASH_LINES_SHOWN = 5;

    /**
     * How to start the worker and what it runs.
     *
     * @param implementation  the implementation under test, as {@code --impl} names it ({@code solutions},
     *                        {@code labs}, a folder: relative to this process's working directory)
     * @param home            the checkout (its {@code solutions/}, {@code labs/} and compile cache)
     * @param triesFactor     scales every property's tries
     * @param propertyTimeout how long one property may run before its JVM is killed
     * @param startupTimeout  how long the worker may take to say it is ready
     * @param java            the {@code java} to start it with
     * @param classpath       its class path (the suite, {@code common/}, JUnit)
     * @param jvmOptions      its JVM options: the memory cap
     * @param studentJvm      whether the implementation runs in a JVM of its own, started by the worker,
     *                        rather than in the worker (see {@code chatlab.grading.host}): then the worker
     *                        is a trusted driver that nothing the implementation does can reach
     * @param sandbox         whether to run the worker (and the student's JVM it starts) in a network
     *                        namespace of its own with only loopback up, and the student's JVM in a mount
     *                        namespace where only a scratch folder is writable, where Linux allows it
     *                        (see {@link #whyNotIsolated()})
     */
    public record Settings(String implementation, ChatLabHome home, double triesFactor, Duration propertyTimeout,
                           Duration startupTimeout, Path java, String classpath, List<String> jvmOptions,
                           boolean studentJvm, boolean sandbox) {
        public Settings {
            Objects.requireNonNull(implementation, "implementation");
            Objects.requireNonNull(home, "home");
            jvmOptions = List.copyOf(jvmOptions);
        }

        /** Settings whose implementation runs in the worker, without a sandbox. */
        public Settings(String implementation, ChatLabHome home, double triesFactor, Duration propertyTimeout,
                        Duration startupTimeout, Path java, String classpath, List<String> jvmOptions) {
            this(implementation, home, triesFactor, propertyTimeout, startupTimeout, java, classpath, jvmOptions,
                    false, false);
        }

        /** A worker like this JVM (same {@code java}, same class path) with the default limits. */
        public static Settings likeThisJvm(String implementation, ChatLabHome home) {
            return new Settings(implementation, home, 1.0, DEFAULT_PROPERTY_TIMEOUT, DEFAULT_STARTUP_TIMEOUT,
                    Path.of(System.getProperty("java.home"), "bin", "java"), System.getProperty("java.class.path"),
                    DEFAULT_JVM_OPTIONS);
        }

        public Settings withPropertyTimeout(Duration timeout) {
            return new Settings(implementation, home, triesFactor, timeout, startupTimeout, java, classpath, jvmOptions,
                    studentJvm, sandbox);
        }

        /** The same with one more JVM option for the worker: {@code -Dchatlab.shrink.budget.ms=0}, say. */
        public Settings withJvmOption(String option) {
            List<String> options = new ArrayList<>(jvmOptions);
            options.add(option);
            return new Settings(implementation, home, triesFactor, propertyTimeout, startupTimeout, java, classpath,
                    options, studentJvm, sandbox);
        }

        public Settings withTriesFactor(double factor) {
            return new Settings(implementation, home, factor, propertyTimeout, startupTimeout, java, classpath,
                    jvmOptions, studentJvm, sandbox);
        }

        /** The same, with the implementation in a JVM of its own ({@code on}) or in the worker. */
        public Settings studentJvm(boolean on) {
            return new Settings(implementation, home, triesFactor, propertyTimeout, startupTimeout, java, classpath,
                    jvmOptions, on, sandbox);
        }

        /** The same, with the implementation in a JVM of its own: what the grader runs untrusted code with. */
        public Settings withStudentJvm() {
            return studentJvm(true);
        }

        /** The same, in namespaces of their own where Linux allows it ({@code on}), or not. */
        public Settings sandbox(boolean on) {
            return new Settings(implementation, home, triesFactor, propertyTimeout, startupTimeout, java, classpath,
                    jvmOptions, studentJvm, on);
        }

        /** The same, in namespaces of their own where Linux allows it. */
        public Settings withSandbox() {
            return sandbox(true);
        }
    }

    /**
     * When to stop running a stage's properties early (they are then reported as not run). A stage
     * that cannot run at all (does not compile, is not done yet) always stops at its first property.
     *
     * @param stopStageAtFirstLoss  after the first property of the stage that loses points
     * @param stopStageAfterTimeout after a property of the stage timed out: its others would most
     *                              likely hang too, each for the whole time limit
     */
    public record Policy(boolean stopStageAtFirstLoss, boolean stopStageAfterTimeout) {
        /** Every property counts, but a stage that hung is not waited for again. */
        public static final Policy EVERY_PROPERTY = new Policy(false, true);
        /** One lost point is all a stage needs to show (a catalogued mistake). */
        public static final Policy FIRST_LOST_POINT = new Policy(true, true);
    }

    /** Told as each property starts and ends. */
    public interface Listener {
        /** A property is about to run ({@code index} from 1 to {@code total}). */
        default void started(PlannedProperty property, int index, int total) {
        }

        /** A property ended, or will not run (then without {@link #started} first). */
        default void finished(PropertyOutcome outcome, int index, int total) {
        }
    }

    /**
     * The outcome of a run.
     *
     * @param seed     its seed
     * @param outcomes each property's outcome, in the order of the plan
     * @param elapsed  its wall time (a first run includes starting the worker)
     */
    public record Run(long seed, List<PropertyOutcome> outcomes, Duration elapsed) {
        public Run {
            outcomes = List.copyOf(outcomes);
        }

        public int earned() {
            return outcomes.stream().mapToInt(PropertyOutcome::earned).sum();
        }

        public int available() {
            return outcomes.stream().mapToInt(o -> o.property().points()).sum();
        }

        /** Whether every property passed. */
        public boolean fullMarks() {
            return outcomes.stream().allMatch(o -> o.kind() == PropertyOutcome.Kind.PASSED);
        }

        /** The same as the suite's score card. */
        public ScoreCard scoreCard() {
            ScoreCard card = new ScoreCard(seed);
            outcomes.forEach(o -> card.add(o.result()));
            return card;
        }
    }

    private final Settings settings;
    private WorkerProcess worker; // kept from property to property until one kills it

    public IsolatedSuiteRunner(Settings settings) {
        this.settings = settings;
    }

    /**
     * Runs {@code plan} (properties in suite order: a stage's properties together) with {@code seed},
     * within {@code timeLimit} in all; what the limit leaves no time for is reported as not run.
     *
     * @throws IllegalStateException if the worker JVM cannot be started at all
     */
    public Run run(List<PlannedProperty> plan, long seed, Duration timeLimit, Policy policy, Listener listener)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeLimit.toNanos();
        Map<Integer, String> stopped = new HashMap<>(); // stage -> why its other properties do not run
        List<PropertyOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            PlannedProperty property = plan.get(i);
            PropertyOutcome outcome;
            if (stopped.containsKey(property.stage())) {
                outcome = new PropertyOutcome(property, PropertyOutcome.Kind.NOT_RUN, stopped.get(property.stage()), 0);
            } else if (System.nanoTime() - deadline >= 0) {
                outcome = new PropertyOutcome(property, PropertyOutcome.Kind.NOT_RUN,
                        "not run: the run's time limit (" + seconds(timeLimit) + ") was used up", 0);
            } else {
                listener.started(property, i + 1, plan.size());
                outcome = runOne(property, seed, deadline, timeLimit);
            }
            outcomes.add(outcome);
            listener.finished(outcome, i + 1, plan.size());
            String why = switch (outcome.kind()) {
                case STAGE_UNAVAILABLE -> "not run: stage " + property.stage() + " cannot run";
                case TIMED_OUT -> policy.stopStageAfterTimeout()
                        ? "not run: an earlier property of stage " + property.stage() + " timed out" : null;
                case FAILED, CRASHED -> policy.stopStageAtFirstLoss()
                        ? "not run: an earlier property of stage " + property.stage() + " already lost points" : null;
                case PASSED, NOT_RUN -> null;
            };
            if (why != null) {
                stopped.putIfAbsent(property.stage(), why);
            }
        }
        return new Run(seed, outcomes, Duration.ofNanos(System.nanoTime() - start));
    }

    private PropertyOutcome runOne(PlannedProperty property, long seed, long deadline, Duration runLimit)
            throws InterruptedException {
        WorkerProcess running = worker();
        long begin = System.nanoTime();
        long propertyDeadline = begin + settings.propertyTimeout().toNanos();
        boolean runLimitFirst = deadline - propertyDeadline < 0;
        long limit = runLimitFirst ? deadline : propertyDeadline;
        running.send(WorkerProtocol.RUN, Long.toString(seed), property.id());
        Set<String> notes = new LinkedHashSet<>(); // what the student should read, whatever the outcome
        while (true) {
            WorkerProcess.Message message = running.next(limit - System.nanoTime());
            long millis = (System.nanoTime() - begin) / 1_000_000;
            switch (message) {
                case null -> {
                    stopWorker();
                    String why = runLimitFirst
                            ? "timed out: the run's time limit (" + seconds(runLimit) + ") was used up while this property ran"
                            : "timed out: still running after " + seconds(settings.propertyTimeout())
                                    + ", the limit for one property, so it was stopped. Is the stage stuck somewhere: "
                                    + "an endless loop, a lock never released, a blocking call that ignores interruption?";
                    return withNotes(new PropertyOutcome(property, PropertyOutcome.Kind.TIMED_OUT, why, millis), notes);
                }
                case WorkerProcess.Message.Note note -> notes.add(note.text());
                case WorkerProcess.Message.Result result when result.id().equals(property.id()) -> {
                    PropertyOutcome.Kind kind = switch (result.status()) {
                        case PASSED -> PropertyOutcome.Kind.PASSED;
                        case NOT_RUN -> PropertyOutcome.Kind.NOT_RUN;
                        case FAILED -> result.crashed() ? PropertyOutcome.Kind.CRASHED
                                : result.unavailable() ? PropertyOutcome.Kind.STAGE_UNAVAILABLE : PropertyOutcome.Kind.FAILED;
                    };
                    return withNotes(new PropertyOutcome(property, kind, result.feedback(), result.millis()), notes);
                }
                case WorkerProcess.Message.Ended ended -> {
                    worker = null;
                    running.forget();
                    return withNotes(new PropertyOutcome(property, PropertyOutcome.Kind.CRASHED, crashed(ended, running),
                            millis), notes);
                }
                default -> {
                    // a late answer to an earlier question: not this property's
                }
            }
        }
    }

    /** The outcome with the notes told while it ran put first in its feedback (a passed property has none to show). */
    private static PropertyOutcome withNotes(PropertyOutcome outcome, Set<String> notes) {
        if (notes.isEmpty() || outcome.kind() == PropertyOutcome.Kind.PASSED) {
            return outcome;
        }
        String feedback = String.join(System.lineSeparator(), notes) + System.lineSeparator() + outcome.feedback();
        return new PropertyOutcome(outcome.property(), outcome.kind(), feedback, outcome.millis());
    }

    private String crashed(WorkerProcess.Message.Ended ended, WorkerProcess running) throws InterruptedException {
        List<String> tail = running.errorTail();
        String memory = settings.jvmOptions().stream().filter(o -> o.startsWith("-Xmx")).map(o -> o.substring(4))
                .findFirst().orElse("its default");
        String why = tail.stream().anyMatch(line -> line.contains("OutOfMemoryError"))
                ? "the JVM running this property ran out of memory (it may use " + memory + ") and ended. "
                        + "Does the stage keep everything it reads, or start threads without end?"
                : "the JVM running this property ended (exit code " + ended.exitCode() + ") before the property did. "
                        + "Does the code call System.exit? A stage must never end the JVM: return from serve instead.";
        List<String> shown = tail.subList(Math.max(0, tail.size() - CRASH_LINES_SHOWN), tail.size());
        if (!shown.isEmpty()) {
            why += System.lineSeparator() + "Its last output:" + System.lineSeparator() + "  "
                    + String.join(System.lineSeparator() + "  ", shown);
        }
        return why;
    }

    private WorkerProcess worker() throws InterruptedException {
        if (worker == null) {
            worker = WorkerProcess.start(settings);
        }
        return worker;
    }

    private void stopWorker() throws InterruptedException {
        if (worker != null) {
            worker.kill();
            worker = null;
        }
    }

    /**
     * Why the properties do not run in a network namespace of their own, if they do not: the
     * settings ask for no sandbox, or this system does not allow one (not Linux, no unprivileged user
     * namespaces); one line, for the grader to print. Empty when they do.
     */
    public Optional<String> whyNotIsolated() {
        if (!settings.sandbox()) {
            return Optional.of("no sandbox was asked for");
        }
        return Sandbox.whyNotIsolated();
    }

    /** Stops the worker, if one is running. */
    @Override
    public void close() {
        if (worker != null) {
            worker.finish();
            worker = null;
        }
    }

    private static String seconds(Duration duration) {
        long s = duration.toSeconds();
        return s >= 120 && s % 60 == 0 ? s / 60 + " min" : s + " s";
    }
}
