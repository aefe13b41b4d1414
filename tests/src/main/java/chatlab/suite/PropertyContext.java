package chatlab.suite;

import chatlab.property.Gen;
import chatlab.property.PropertyCheck;
import chatlab.protocol.Limits;
import chatlab.stage.StageId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a {@link GradedProperty} works with: stages of the implementation under test, started fresh
 * for each scenario, and property checks already named, seeded and sized for this run.
 */
public final class PropertyContext {
    private final String name;
    private final StageId stage;
    private final int tries;
    private final long seed;
    private final StageLauncher launcher;
    private final Duration lineTimeout;
    private final Optional<Duration> shrinkBudget;
    private final List<StageUnderTest> started = new ArrayList<>();

    PropertyContext(String name, StageId stage, int tries, long seed, StageLauncher launcher, Duration lineTimeout) {
        this(name, stage, tries, seed, launcher, lineTimeout, Optional.empty());
    }

    PropertyContext(String name, StageId stage, int tries, long seed, StageLauncher launcher, Duration lineTimeout,
                    Optional<Duration> shrinkBudget) {
        this.name = name;
        this.stage = stage;
        this.tries = tries;
        this.seed = seed;
        this.launcher = launcher;
        this.lineTimeout = lineTimeout;
        this.shrinkBudget = shrinkBudget;
    }

    /** The property's stage. */
    public StageId stage() {
        return stage;
    }

    /** How long to wait for a line the protocol says must come, before calling it missing. */
    public Duration lineTimeout() {
        return lineTimeout;
    }

    /** A property check over {@code scenarios}, named after the property, with this run's seed and tries. */
    public <S> PropertyCheck<S> forAll(Gen<S> scenarios) {
        PropertyCheck<S> check = PropertyCheck.forAll(scenarios).named(name).seed(seed).tries(tries);
        return shrinkBudget.map(check::shrinkingFor).orElse(check);
    }

    /** Starts the property's own stage with the protocol's limits. */
    public StageUnderTest start() throws Exception {
        return start(stage, Limits.DEFAULT);
    }

    /** Starts the property's own stage with other limits (a short nickname timeout, say). */
    public StageUnderTest start(Limits limits) throws Exception {
        return start(stage, limits);
    }

    /**
     * Starts another stage (only the across-stages properties need this).
     *
     * @throws StageCrashedError if the JVM of a stage this property started earlier ended under it:
     *                           the property ends there (trying smaller scenarios would only end it again)
     */
    public StageUnderTest start(StageId which, Limits limits) throws Exception {
        Optional<StageCrashedError> crashed = crash();
        if (crashed.isPresent()) {
            throw crashed.get();
        }
        StageUnderTest running = launcher.start(which, limits);
        synchronized (started) {
            started.add(running);
        }
        return running;
    }

    /** How the JVM of a stage this property started ended under it, if one did. */
    Optional<StageCrashedError> crash() {
        return started().stream().flatMap(stage -> stage.failure().stream())
                .filter(StageCrashedError.class::isInstance).map(StageCrashedError.class::cast).findFirst();
    }

    /** Every stage this property started, for the extension to inspect and close. */
    List<StageUnderTest> started() {
        synchronized (started) {
            return List.copyOf(started);
        }
    }
}
