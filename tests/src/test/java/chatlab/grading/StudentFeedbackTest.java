package chatlab.grading;

import static chatlab.grading.GradescopeResultsTest.SCENARIO;
import static chatlab.grading.GradescopeResultsTest.codeBlocks;
import static chatlab.grading.Grades.failed;
import static chatlab.grading.Grades.passed;
import static chatlab.grading.Grades.property;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatlab.suite.PropertyOutcome.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** feedback.md: what the student reads, and what they must not. */
class StudentFeedbackTest {
    static final String COMPILE_ERROR = "HardenedRoomServer.java:41: error: ';' expected";

    static final SubmissionGrade GRADE = new SubmissionGrade("alice", 42, SubmissionGrade.Status.GRADED,
            List.of("Stage 4 does not compile: it scores 0"),
            List.of(passed(1, 1, "names are exchanged", 4),
                    failed(1, 2, "full duplex", 7, SCENARIO),
                    passed(3, 1, "every member receives the room's events", 8),
                    property(3, 2, "secret room property", 5, Kind.FAILED, "the secret scenario", Visibility.HIDDEN),
                    property(3, 3, "later room property", 3, Kind.PASSED, "", Visibility.AFTER_DUE_DATE),
                    property(4, 1, "nicknames", 6, Kind.STAGE_UNAVAILABLE, COMPILE_ERROR, Visibility.VISIBLE),
                    property(4, 2, "line limit", 4, Kind.STAGE_UNAVAILABLE, COMPILE_ERROR, Visibility.VISIBLE)),
            Duration.ofSeconds(30));

    @TempDir
    Path dir;

    @Test
    void aHiddenPropertyCountsInTheTotalButItsNameAndFeedbackStayOut() throws Exception {
        Path file = dir.resolve(StudentFeedback.FILE_NAME);
        StudentFeedback.write(GRADE, file);
        String md = Files.readString(file);

        assertFalse(md.contains("secret"), md);
        assertFalse(md.contains("later room property"), "after_due_date is hidden until then\n" + md);
        assertTrue(md.contains("**Score: 15 of 37 points**"), "4 + 8 visible and 3 hidden points\n" + md);
        assertTrue(md.contains("| Stage 3: broadcast room | 11 of 16 |"), md);
        assertTrue(md.contains("2 hidden properties: 3 of 8 points."), md);
    }

    @Test
    void aFailedVisiblePropertyShowsItsPointsAndItsScenarioWithItsLayout() {
        String md = StudentFeedback.render(GRADE);
        assertTrue(md.contains("# ChatLab feedback for alice\n"), md);
        assertTrue(md.contains("### 1.2 full duplex (0 of 7 points)"), md);
        List<String> blocks = codeBlocks(md);
        assertEquals(List.of(SCENARIO, COMPILE_ERROR), blocks, "the scenario, and stage 4's compile error once");
        assertTrue(md.contains("### 4.2 line limit (0 of 4 points)\n\n**Cannot run**: stage 4 cannot run."
                + " Same feedback as 4.1 above."), md);
    }

    @Test
    void passedVisiblePropertiesAreListedBriefly() {
        String md = StudentFeedback.render(GRADE);
        assertTrue(md.contains("- 1.1 names are exchanged (4 points)\n"), md);
        assertTrue(md.contains("- 3.1 every member receives the room's events (8 points)\n"), md);
        assertFalse(md.contains("### 1.1"), md);
    }

    @Test
    void itEndsWithTheSeedAndTheCommandsThatRerunTheStagesThatLostVisiblePoints() {
        String md = StudentFeedback.render(GRADE);
        String rerun = md.substring(md.indexOf("## Rerun on your machine"));
        assertTrue(rerun.contains("seed 42"), rerun);
        assertTrue(rerun.contains("    ./chatlab check --stage 1 --seed 42\n    ./chatlab check --stage 4 --seed 42\n"), rerun);
        assertFalse(rerun.contains("--stage 3"), "stage 3 lost only hidden points, which the student cannot run\n" + rerun);
    }

    @Test
    void noticesAreListedAndTheStudentIdIsNotMarkup() {
        SubmissionGrade odd = new SubmissionGrade("<b>*bob*</b>", 7, SubmissionGrade.Status.TIMED_OUT,
                List.of("grading stopped at the time limit"), List.of(passed(1, 1, "names are exchanged", 4)),
                Duration.ofSeconds(900));
        String md = StudentFeedback.render(odd);
        assertTrue(md.startsWith("# ChatLab feedback for \\<b\\>\\*bob\\*\\</b\\>\n"), md);
        assertTrue(md.contains("## Notices\n\n- grading stopped at the time limit\n"), md);
        assertTrue(md.contains("time limit: the properties that ran count"), md);
        assertTrue(md.contains("    ./chatlab check --seed 7\n"), "nothing visible lost: one command for all\n" + md);
    }

    @Test
    void aNoticeOfSeveralLinesGetsASubItemPerLine() {
        SubmissionGrade blocked = new SubmissionGrade("ana", 7, SubmissionGrade.Status.GRADED,
                List.of("Stage 1 was not run: it calls what the grader does not allow.\n"
                        + "OneShotServer.java:32: System.exit(...): a stage must never end the JVM\n"
                        + "OneShotServer.java:40: new Thread(...): use context.threads()"),
                List.of(passed(1, 1, "names are exchanged", 4)), Duration.ofSeconds(3));
        String md = StudentFeedback.render(blocked);
        assertTrue(md.contains("## Notices\n\n- Stage 1 was not run: it calls what the grader does not allow.\n"
                + "  - OneShotServer.java:32: System.exit(...): a stage must never end the JVM\n"
                + "  - OneShotServer.java:40: new Thread(...): use context.threads()\n"), md);
    }
}
