package chatlab.suite;

/**
 * The outcome of one graded property.
 *
 * @param stage    the stage it counts in
 * @param name     its readable name
 * @param points   what it is worth
 * @param status   how it went
 * @param feedback for a failure, what went wrong (the shrunk scenario); empty otherwise
 * @param millis   how long it ran
 */
public record PropertyResult(int stage, String name, int points, Status status, String feedback, long millis) {

    /** How a property went. */
    public enum Status {
        PASSED, FAILED, NOT_RUN
    }

    /** The points it earned: all or nothing. */
    public int earned() {
        return status == Status.PASSED ? points : 0;
    }
}
