package chatlab.suite;

/**
 * How one graded property went when run in a child JVM: a {@link PropertyResult} with what can only
 * happen there (the property timed out, the JVM ended under it) told apart from a plain failure.
 *
 * @param property the property
 * @param kind     how it went
 * @param feedback what went wrong, for a student to read; for {@link Kind#NOT_RUN}, why it did not run;
 *                 empty when it passed
 * @param millis   how long it ran
 */
public record PropertyOutcome(PlannedProperty property, Kind kind, String feedback, long millis) {

    /** How a property went. */
    public enum Kind {
        /** It held for every scenario tried. */
        PASSED("passed"),
        /** A scenario broke it: the feedback is the shrunk scenario. */
        FAILED("failed"),
        /** Its stage cannot run at all (does not compile, is not done yet): the feedback says why, in one line. */
        STAGE_UNAVAILABLE("cannot run"),
        /** It ran past its time limit and its JVM was stopped. */
        TIMED_OUT("timed out"),
        /** The JVM running it ended (System.exit, out of memory, a crash). */
        CRASHED("JVM ended"),
        /** It was not run (its stage had already failed in a way that makes running it pointless, or time ran out). */
        NOT_RUN("not run");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** A word or two for a progress line: "passed", "timed out". */
        public String label() {
            return label;
        }
    }

    /** The points it earned: all or nothing. */
    public int earned() {
        return kind == Kind.PASSED ? property.points() : 0;
    }

    /** The same, as the suite's {@link PropertyResult}. */
    public PropertyResult result() {
        PropertyResult.Status status = switch (kind) {
            case PASSED -> PropertyResult.Status.PASSED;
            case NOT_RUN -> PropertyResult.Status.NOT_RUN;
            case FAILED, STAGE_UNAVAILABLE, TIMED_OUT, CRASHED -> PropertyResult.Status.FAILED;
        };
        return new PropertyResult(property.stage(), property.name(), property.points(), status, feedback, millis);
    }
}
