package chatlab.grading;

import chatlab.suite.PropertyOutcome;

/**
 * One property's result in one submission, as the reports show it.
 *
 * @param number     its number within its stage, from 1 (reports show stage and number: {@code 3.2})
 * @param outcome    how it went: its property (stage, name, points), kind, feedback and time
 * @param visibility who sees its details
 */
public record PropertyGrade(int number, PropertyOutcome outcome, Visibility visibility) {

    public int stage() {
        return outcome.property().stage();
    }

    public String name() {
        return outcome.property().name();
    }

    public int points() {
        return outcome.property().points();
    }

    public int earned() {
        return outcome.earned();
    }

    public boolean passed() {
        return outcome.kind() == PropertyOutcome.Kind.PASSED;
    }
}
