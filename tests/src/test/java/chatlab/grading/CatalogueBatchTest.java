package chatlab.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatlab.harness.ChatLabHome;
import chatlab.property.Seeds;
import chatlab.stage.StageId;
import chatlab.suite.PlannedProperty;
import chatlab.suite.PropertyOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalogue of mistakes graded as one batch, as {@code chatlab grade} grades a class (student
 * JVMs, the sandbox where Linux allows it): a copy of the solutions gets full marks, and each
 * mistake (the solutions with its one stage swapped) gets its expected stage scores: full marks in
 * the three other stages, and in its own stage at most the stage's points less those of the
 * property its {@code MISTAKE.md} names, which must fail (not crash or fail to compile).
 *
 * <p>This is the build's check that the suite catches every catalogued mistake; {@code
 * tests/tally-flakiness} checks the same many times.
 */
class CatalogueBatchTest {
    private static final Pattern CAUGHT_BY = Pattern.compile("\\*\\*Which propert(?:y|ies) catch(?:es)? it\\.\\*\\*\\s+\"([^\"]+)\"");

    @TempDir
    Path work;

    @TestFactory
    @DisplayName("the catalogue graded as one batch: the solutions get full marks, each mistake its expected stage scores")
    Stream<DynamicTest> catalogueAsOneBatch() throws IOException, InterruptedException {
        ChatLabHome home = ChatLabHome.locate();
        List<PlannedProperty> suite = ClassBatch.SUITE;
        List<SampleClass.Student> students = SampleClass.plan(home, false);
        assertTrue(students.size() >= 16, "the catalogue should hold at least 15 mistakes, it has " + (students.size() - 1));

        long seed = Seeds.runSeed();
        ClassBatch batch = ClassBatch.grade("the catalogue", students, GradingConfig.DEFAULT, seed, work);
        Map<String, SubmissionGrade> byStudent = batch.grades();
        Path out = batch.out();
        List<String> gradebook = Files.readAllLines(out.resolve("gradebook.csv"), StandardCharsets.UTF_8);

        Stream<DynamicTest> reports = Stream.of(DynamicTest.dynamicTest("the batch's reports have a row and a folder per student", () -> {
            assertEquals(students.size() + 1, gradebook.size(), "gradebook.csv: a header and a row per student");
            for (SampleClass.Student student : students) {
                assertTrue(gradebook.stream().anyMatch(row -> row.startsWith(student.student() + ",")),
                        student.student() + " has no row in gradebook.csv");
                assertTrue(Files.isRegularFile(out.resolve(student.student()).resolve("results.json")),
                        student.student() + " has no results.json");
            }
            assertTrue(Files.isRegularFile(out.resolve("summary.html")));
        }));
        Stream<DynamicTest> each = students.stream().map(student -> DynamicTest.dynamicTest(student.student(), () -> {
            SubmissionGrade grade = byStudent.get(student.student());
            assertNotNull(grade, student.student() + " was not graded");
            String report = grade.student() + " (seed " + seed + "):\n" + outcomes(grade);
            assertEquals(SubmissionGrade.Status.GRADED, grade.status(), report);
            for (StageId stage : StageId.values()) {
                int earned = grade.earnedByStage().getOrDefault(stage.number(), 0);
                int available = grade.availableByStage().get(stage.number());
                if (stage != student.swapped()) {
                    assertEquals(available, earned, () -> "stage " + stage.number() + " is the solution's: full marks for "
                            + report + failures(grade, stage.number()));
                    continue;
                }
                PlannedProperty catching = catchingProperty(student, suite);
                PropertyGrade named = grade.properties().stream().filter(p -> p.outcome().property().equals(catching))
                        .findFirst().orElseThrow();
                assertTrue(named.outcome().kind() == PropertyOutcome.Kind.FAILED
                                || named.outcome().kind() == PropertyOutcome.Kind.TIMED_OUT,
                        "the property MISTAKE.md names, \"" + catching.name() + "\", should fail for " + report);
                assertTrue(earned <= available - catching.points(), "stage " + stage.number() + " at most "
                        + (available - catching.points()) + " for " + report);
            }
        }));
        return Stream.concat(reports, each);
    }

    /**
     * The property a mistake's {@code MISTAKE.md} says catches it: the first one it quotes under
     * that heading (its name, or the start of it).
     */
    private static PlannedProperty catchingProperty(SampleClass.Student mistake, List<PlannedProperty> suite)
            throws IOException {
        String text = Files.readString(mistake.source().resolve("MISTAKE.md"), StandardCharsets.UTF_8);
        Matcher m = CAUGHT_BY.matcher(text);
        assertTrue(m.find(), mistake.student() + "/MISTAKE.md should quote the property that catches it");
        String name = m.group(1).replaceAll("\\s+", " "); // quoted as wrapped, maybe only its first words
        List<PlannedProperty> named = suite.stream()
                .filter(p -> p.stage() == mistake.swapped().number() && p.name().startsWith(name)).toList();
        assertEquals(1, named.size(), () -> mistake.student() + "/MISTAKE.md names \"" + name + "\": it should be the "
                + "start of one property's name in " + mistake.swapped() + ", it is of " + named.size());
        return named.getFirst();
    }

    /**
     * The whole feedback of each property {@code stage} lost: the scenario and what went wrong. A
     * solution's stage losing a point is a flake or a bug, and the batch's reports are gone with the
     * test's temporary folder, so the failure message is where it can be read.
     */
    private static String failures(SubmissionGrade grade, int stage) {
        return grade.properties().stream().filter(p -> p.stage() == stage && !p.passed())
                .map(p -> "\n\n--- " + p.name() + " ---\n" + p.outcome().feedback()).collect(Collectors.joining());
    }

    private static String outcomes(SubmissionGrade grade) {
        return grade.properties().stream().map(p -> "  stage " + p.stage() + " " + p.name() + ": " + p.outcome().kind()
                + (p.passed() ? "" : " " + p.outcome().feedback().lines().findFirst().orElse(""))).collect(Collectors.joining("\n"));
    }
}
