package chatlab.grading;

import chatlab.harness.ChatLabHome;
import chatlab.stage.StageId;
import chatlab.suite.PlannedProperty;
import chatlab.suite.SuiteRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A sample class graded as one batch, as {@code chatlab grade} grades one (the student JVMs, the
 * sandbox where Linux allows it), for the batch tests: the class written under {@code work}, graded
 * {@link BatchGrader#DEFAULT_JOBS} at a time with a progress line per submission, the reports in
 * {@link #out()}.
 */
record ClassBatch(Map<String, SubmissionGrade> grades, Path out) {
    /** The whole suite, as the grader runs it. */
    static final List<PlannedProperty> SUITE = SuiteRunner.plan(EnumSet.allOf(StageId.class));

    static ClassBatch grade(String what, List<SampleClass.Student> students, GradingConfig config, long seed, Path work)
            throws IOException, InterruptedException {
        ChatLabHome home = ChatLabHome.locate();
        Path submissions = work.resolve("class");
        SampleClass.write(home, students, submissions);
        System.out.println("Grading " + what + " as one batch: " + students.size() + " submissions, "
                + BatchGrader.DEFAULT_JOBS + " at a time, seed " + seed);
        Isolation isolation = Isolation.probe();
        Path out = work.resolve("grades");
        List<SubmissionGrade> grades = new BatchGrader(new Grader(home, config, SUITE, isolation::apply), out).grade(
                new SubmissionFinder(work.resolve("unpacked")).find(List.of(submissions)), seed, BatchGrader.DEFAULT_JOBS,
                new BatchGrader.Progress() {
                    @Override
                    public void finished(SubmissionGrade grade, int done, int total) {
                        System.out.printf("  [%d/%d] %s: %d/%d (%.1f s)%n", done, total, grade.student(), grade.score(),
                                grade.maxScore(), grade.elapsed().toMillis() / 1000.0);
                    }
                });
        return new ClassBatch(grades.stream().collect(Collectors.toMap(SubmissionGrade::student, Function.identity())),
                out);
    }
}
