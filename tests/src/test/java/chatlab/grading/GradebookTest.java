package chatlab.grading;

import static chatlab.grading.Grades.failed;
import static chatlab.grading.Grades.passed;
import static chatlab.grading.Grades.submission;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gradebook.csv: a row per student, in order, that a spreadsheet reads back as written. */
class GradebookTest {
    @TempDir
    Path dir;

    static SubmissionGrade student(String id, boolean stage3Passed) {
        return submission(id, passed(1, 1, "names", 4), failed(1, 2, "duplex", 7, "oops"),
                stage3Passed ? passed(3, 1, "room", 8) : failed(3, 1, "room", 8, "oops"));
    }

    @Test
    void oneRowPerStudentSortedByIdWithTheStagesPresent() throws Exception {
        Path file = dir.resolve(Gradebook.FILE_NAME);
        SubmissionGrade late = new SubmissionGrade("carol", 9, SubmissionGrade.Status.TIMED_OUT, List.of(),
                student("carol", false).properties(), Duration.ofSeconds(900));
        Gradebook.write(List.of(student("bob", true), late, student("alice", false)), file);
        assertEquals("""
                student,stage 1,stage 3,total,max,seed,status\r
                alice,4,0,4,19,42,graded\r
                bob,4,8,12,19,42,graded\r
                carol,4,0,4,19,9,timed out\r
                """, Files.readString(file));
    }

    @Test
    void idsWithCommasQuotesAndLineEndsAreQuotedAndFormulasDisarmed() {
        String csv = Gradebook.render(List.of(student("smith, j", true), student("o\"neil", true),
                student("two\nlines", true), student("=HYPERLINK(\"http://x\")", true), student("-1+2", true),
                student("@sum", true), student("+x", true)));
        List<List<String>> rows = parse(csv);
        assertEquals(List.of("'+x", "'-1+2", "'=HYPERLINK(\"http://x\")", "'@sum", "o\"neil", "smith, j", "two\nlines"),
                rows.subList(1, rows.size()).stream().map(List::getFirst).toList());
        rows.forEach(row -> assertEquals(7, row.size(), row.toString()));
        assertTrue(csv.contains("\r\n\"smith, j\",4,8,12,19,42,graded\r\n"), csv);
        assertTrue(csv.contains("\r\n\"o\"\"neil\",4,8,"), csv);
        assertTrue(csv.contains("\r\n\"two\nlines\",4,8,"), csv);
        assertTrue(csv.contains("\r\n\"'=HYPERLINK(\"\"http://x\"\")\",4,8,"), csv);
    }

    /** RFC 4180, read back the way a spreadsheet does. */
    static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        return rows;
    }
}
