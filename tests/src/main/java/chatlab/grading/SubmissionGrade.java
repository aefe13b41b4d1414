package chatlab.grading;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One submission, graded: what every report ({@code results.json}, {@code feedback.md}, JUnit XML,
 * the gradebook and the class summary) is written from.
 *
 * @param student    the student's id: the submission's folder or zip name
 * @param seed       the seed its scenarios were drawn with
 * @param status     how grading went, as a whole
 * @param notices    lines of feedback about the submission as a whole (forbidden calls found, a stage
 *                   that does not compile, isolation not available), for the student to read
 * @param properties every property of the suite, in suite order, with its outcome
 * @param elapsed    the wall time it took to grade, compile and JVM start included
 */
public record SubmissionGrade(String student, long seed, Status status, List<String> notices,
                              List<PropertyGrade> properties, Duration elapsed) {

    /** How grading a submission went. */
    public enum Status {
        /** Every property ran (or was stopped for a reason the feedback gives). */
        GRADED,
        /** The submission could not be read at all (not a folder with labs/, a broken zip): score 0. */
        UNREADABLE,
        /** The submission's time limit ran out: what ran counts, the rest scores 0. */
        TIMED_OUT,
        /** The grader itself could not run it (a JVM that would not start): grade it again. */
        GRADER_ERROR;

        /** The word the gradebook writes: {@code graded}, {@code unreadable}, {@code timed out}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    public SubmissionGrade {
        notices = List.copyOf(notices);
        properties = List.copyOf(properties);
    }

    public int score() {
        return properties.stream().mapToInt(PropertyGrade::earned).sum();
    }

    public int maxScore() {
        return properties.stream().mapToInt(PropertyGrade::points).sum();
    }

    /** Points earned per stage, stages in order (every stage of the suite, even at 0). */
    public Map<Integer, Integer> earnedByStage() {
        Map<Integer, Integer> byStage = new TreeMap<>();
        for (PropertyGrade p : properties) {
            byStage.merge(p.stage(), p.earned(), Integer::sum);
        }
        return byStage;
    }

    /** Points available per stage, stages in order. */
    public Map<Integer, Integer> availableByStage() {
        Map<Integer, Integer> byStage = new TreeMap<>();
        for (PropertyGrade p : properties) {
            byStage.merge(p.stage(), p.points(), Integer::sum);
        }
        return byStage;
    }
}
