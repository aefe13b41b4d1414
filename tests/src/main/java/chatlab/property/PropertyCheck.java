package chatlab.property;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks that a property holds for generated scenarios: the entry point of ChatLab's property engine.
 *
 * <pre>{@code
 * PropertyCheck.forAll(RoomScenarios.schedules())
 *     .named("every member receives exactly the room's events")
 *     .tries(20)
 *     .check(scenario -> RoomOracle.verify(server, scenario));
 * }</pre>
 *
 * <p>Each setting returns a new, immutable check, so a partly configured one can be shared. The
 * terminal verb {@link #check} runs up to {@code tries} scenarios; the first that fails is
 * {@linkplain Shrinker shrunk} to a smaller scenario that still fails, within a time budget, and
 * reported by a {@link PropertyFailure} that names the property, the seed that reproduces it, the
 * scenario as a short script and what went wrong.
 *
 * @param <S> the type of the scenarios
 */
public final class PropertyCheck<S> {
    private final Gen<S> scenarios;
    private final String name;
    private final long runSeed;
    private final int tries;
    private final Duration shrinkBudget;

    private PropertyCheck(Gen<S> scenarios, String name, long runSeed, int tries, Duration shrinkBudget) {
        this.scenarios = scenarios;
        this.name = name;
        this.runSeed = runSeed;
        this.tries = tries;
        this.shrinkBudget = shrinkBudget;
    }

    /** A check of scenarios drawn from {@code scenarios}: 10 tries, the run's seed, 10 s of shrinking. */
    public static <S> PropertyCheck<S> forAll(Gen<S> scenarios) {
        return new PropertyCheck<>(Objects.requireNonNull(scenarios, "scenarios"), "property", Seeds.runSeed(), 10,
                Duration.ofSeconds(10));
    }

    /** The property's name, as a student reads it. */
    public PropertyCheck<S> named(String propertyName) {
        return new PropertyCheck<>(scenarios, Objects.requireNonNull(propertyName, "name"), runSeed, tries, shrinkBudget);
    }

    /** The run's seed (by default {@link Seeds#runSeed()}). */
    public PropertyCheck<S> seed(long seed) {
        return new PropertyCheck<>(scenarios, name, seed, tries, shrinkBudget);
    }

    /** How many scenarios to try at most. */
    public PropertyCheck<S> tries(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("tries must be at least 1");
        }
        return new PropertyCheck<>(scenarios, name, runSeed, count, shrinkBudget);
    }

    /** How long shrinking a failing scenario may take; {@code Duration.ZERO} reports it unshrunk. */
    public PropertyCheck<S> shrinkingFor(Duration budget) {
        return new PropertyCheck<>(scenarios, name, runSeed, tries, Objects.requireNonNull(budget, "budget"));
    }

    /**
     * Runs the property: for each try, draws a scenario and hands it to {@code checker}, which
     * throws (an {@code AssertionError}, a timeout, anything) when the property does not hold.
     *
     * @throws PropertyFailure for the first scenario that fails, after shrinking it
     */
    public void check(Checker<? super S> checker) {
        Objects.requireNonNull(checker, "checker");
        long propertySeed = Seeds.forProperty(runSeed, name);
        for (int attempt = 1; attempt <= tries; attempt++) {
            Choices choices = Choices.random(Seeds.forTry(propertySeed, attempt));
            S scenario = scenarios.generate(choices);
            Throwable failure = run(checker, scenario);
            if (failure != null) {
                throw shrinkAndReport(checker, attempt, choices.drawn(), scenario, failure);
            }
        }
    }

    private PropertyFailure shrinkAndReport(Checker<? super S> checker, int attempt, long[] drawn, S original,
                                            Throwable originalFailure) {
        Shrinker shrinker = new Shrinker(drawn, candidate -> {
            Choices replay = Choices.replay(candidate);
            S scenario = scenarios.generate(replay);
            return run(checker, scenario) == null ? Optional.empty() : Optional.of(replay.drawn());
        }, shrinkBudget);
        long[] smallest = shrinkBudget.isZero() ? drawn : shrinker.shrink();
        S shrunk = original;
        Throwable failure = originalFailure;
        if (smallest != drawn) {
            // Run the smallest once more to report its own failure (it failed during shrinking; a
            // race may make it pass now, in which case the original is reported).
            S candidate = scenarios.generate(Choices.replay(smallest));
            Throwable again = run(checker, candidate);
            if (again != null) {
                shrunk = candidate;
                failure = again;
            }
        }
        return new PropertyFailure(name, runSeed, attempt, tries, original, shrunk, shrinker.runs(), failure);
    }

    private static <S> Throwable run(Checker<? super S> checker, S scenario) {
        try {
            checker.check(scenario);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking a property", e);
        } catch (Exception | AssertionError e) {
            return e;
        }
    }

    /**
     * What a property says of one scenario: return when it holds, throw when it does not.
     *
     * @param <S> the type of the scenarios
     */
    @FunctionalInterface
    public interface Checker<S> {
        void check(S scenario) throws Exception;
    }
}
