package chatlab.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatlab.harness.ChatLabHome;
import chatlab.property.Seeds;
import chatlab.stage.StageId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every adversarial submission of {@code tests/adversarial/} graded in one batch with a correct
 * one, as {@code chatlab grade} grades a class: the batch finishes; each hostile stage earns
 * nothing, and its student reads the lines its {@code ADVERSARY.md} promises; the stages it did not
 * touch, and the correct submission, keep full marks (the batch is unharmed).
 *
 * <p>The time limit per property is shorter than the default (the hostile stages that loop or print
 * without end run into it once per property), but still many times what a correct property takes.
 */
class AdversarialBatchTest {
    /** Long enough for any correct property on a loaded machine (they take a few seconds), short enough for the build. */
    private static final Duration PROPERTY_TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path work;

    @TestFactory
    @DisplayName("the adversarial submissions graded as one batch: each hostile stage 0 with its line of feedback, the rest unharmed")
    Stream<DynamicTest> adversariesAsOneBatch() throws IOException, InterruptedException {
        ChatLabHome home = ChatLabHome.locate();
        List<SampleClass.Student> students = SampleClass.plan(home, false).stream().filter(SampleClass.Student::correct)
                .collect(Collectors.toList());
        List<SampleClass.Student> adversaries = SampleClass.adversaries(home);
        assertTrue(adversaries.size() >= 11, "tests/adversarial should hold every behaviour of the list, it has "
                + adversaries.size());
        students.addAll(adversaries);

        long seed = Seeds.runSeed();
        GradingConfig config = new GradingConfig(GradingConfig.DEFAULT.defaultVisibility(), Map.of(), PROPERTY_TIMEOUT,
                GradingConfig.DEFAULT.submissionTimeout());
        ClassBatch batch = ClassBatch.grade("the adversarial submissions", students, config, seed, work);
        Map<String, SubmissionGrade> byStudent = batch.grades();
        Path out = batch.out();

        return students.stream().map(student -> DynamicTest.dynamicTest(student.student(), () -> {
            SubmissionGrade grade = byStudent.get(student.student());
            assertNotNull(grade, student.student() + " was not graded");
            String feedback = Files.readString(out.resolve(student.student()).resolve("feedback.md"), StandardCharsets.UTF_8);
            String report = grade.student() + " (seed " + seed + "):\n" + feedback;
            assertEquals(SubmissionGrade.Status.GRADED, grade.status(), report);
            for (StageId stage : StageId.values()) {
                int earned = grade.earnedByStage().getOrDefault(stage.number(), 0);
                int available = grade.availableByStage().get(stage.number());
                assertEquals(stage == student.swapped() ? 0 : available, earned, "stage " + stage.number() + " of " + report);
            }
            if (student.correct()) {
                return;
            }
            for (String line : promisedFeedback(student.source().resolve("ADVERSARY.md"))) {
                assertTrue(feedback.contains(line), "feedback.md should say: " + line + "\n" + report);
            }
            String results = Files.readString(out.resolve(student.student()).resolve("results.json"), StandardCharsets.UTF_8);
            assertFalse(results.contains("\"score\" : 100"), report);
        }));
    }

    /**
     * What an adversary's {@code ADVERSARY.md} promises its student reads: the indented lines of
     * its "What the grader must do" paragraph.
     */
    private static List<String> promisedFeedback(Path description) throws IOException {
        List<String> lines = Files.readAllLines(description, StandardCharsets.UTF_8);
        int from = 0;
        while (from < lines.size() && !lines.get(from).startsWith("**What the grader must do.**")) {
            from++;
        }
        List<String> promised = lines.subList(from, lines.size()).stream().takeWhile(l -> !l.startsWith("**What", 0)
                        || l.startsWith("**What the grader must do.**"))
                .filter(l -> l.startsWith("    ")).map(String::strip).toList();
        assertFalse(promised.isEmpty(), description + " should give, indented, the lines of feedback its student reads");
        return promised;
    }
}
