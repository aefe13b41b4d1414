package chatlab.property;

/**
 * A property did not hold. Its message is written for the student who reads it: which property,
 * the scenario (shrunk) as a short script, what went wrong, and the seed that reproduces it.
 */
public final class PropertyFailure extends AssertionError {
    private static final long serialVersionUID = 1L;

    private final String property;
    private final long seed;
    private final transient Object scenario;
    private final String whatWentWrong;

    PropertyFailure(String property, long seed, int attempt, int tries, Object original, Object shrunk,
                    int shrinkRuns, Throwable failure) {
        super(report(property, seed, attempt, tries, original, shrunk, shrinkRuns, failure), failure);
        this.property = property;
        this.seed = seed;
        this.scenario = shrunk;
        this.whatWentWrong = describe(failure);
    }

    /** The property's name. */
    public String property() {
        return property;
    }

    /** The run's seed: {@code ./chatlab check --seed} (or {@code -Dchatlab.seed=}) this value repeats the run. */
    public long seed() {
        return seed;
    }

    /** The (shrunk) scenario that failed. */
    public Object scenario() {
        return scenario;
    }

    /** What went wrong in that scenario, without the header. */
    public String whatWentWrong() {
        return whatWentWrong;
    }

    private static String report(String property, long seed, int attempt, int tries, Object original, Object shrunk,
                                 int shrinkRuns, Throwable failure) {
        StringBuilder text = new StringBuilder();
        text.append("Property failed: ").append(property).append('\n');
        text.append("Seed ").append(seed).append(", scenario ").append(attempt).append(" of ").append(tries)
                .append(" (repeat it: ./chatlab check --seed ").append(seed).append(", or -D").append(Seeds.PROPERTY)
                .append('=').append(seed).append(" under Maven)\n");
        if (shrunk != original) {
            text.append("The failing scenario was made smaller (").append(shrinkRuns)
                    .append(" reruns) while it still failed.\n");
        }
        text.append("\nScenario:\n").append(indent(String.valueOf(shrunk)));
        text.append("\nWhat went wrong:\n").append(indent(describe(failure)));
        return text.toString();
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        if (failure instanceof AssertionError && message != null) {
            return message;
        }
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static String indent(String block) {
        StringBuilder out = new StringBuilder();
        for (String line : block.strip().split("\n", -1)) {
            out.append("  ").append(line).append('\n');
        }
        return out.toString();
    }
}
