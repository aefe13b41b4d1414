package chatlab.grading;

import chatlab.suite.PlannedProperty;
import chatlab.suite.PropertyOutcome;
import chatlab.suite.PropertyOutcome.Kind;
import java.time.Duration;
import java.util.List;

/** Graded submissions made by hand, for the reports' tests. */
final class Grades {
    private Grades() {
    }

    static PlannedProperty planned(int stage, String name, int points) {
        return new PlannedProperty("[engine:junit-jupiter]/[class:Stage" + stage + "]/[method:" + name + "]", stage, name, points);
    }

    static PropertyGrade property(int stage, int number, String name, int points, Kind kind, String feedback,
                                  Visibility visibility) {
        return new PropertyGrade(number, new PropertyOutcome(planned(stage, name, points), kind, feedback, 1234), visibility);
    }

    static PropertyGrade passed(int stage, int number, String name, int points) {
        return property(stage, number, name, points, Kind.PASSED, "", Visibility.VISIBLE);
    }

    static PropertyGrade failed(int stage, int number, String name, int points, String feedback) {
        return property(stage, number, name, points, Kind.FAILED, feedback, Visibility.VISIBLE);
    }

    static SubmissionGrade submission(String student, PropertyGrade... properties) {
        return new SubmissionGrade(student, 42, SubmissionGrade.Status.GRADED, List.of(), List.of(properties),
                Duration.ofMillis(12_345));
    }
}
