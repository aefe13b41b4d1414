package chatlab.grading;

import static chatlab.grading.Grades.failed;
import static chatlab.grading.Grades.passed;
import static chatlab.grading.Grades.property;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatlab.suite.PropertyOutcome.Kind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** results.json as Gradescope reads it: its field names, the totals, one test per property. */
class GradescopeResultsTest {
    static final String SCENARIO = """
            Property failed: full duplex
            Scenario:
              client> hello
              ```
              operator> [bye]
            What went wrong:
              expected 'hello' on the console""";

    static final SubmissionGrade GRADE = new SubmissionGrade("alice", 42, SubmissionGrade.Status.GRADED,
            List.of("Stage 4 does not compile: it scores 0"),
            List.of(passed(1, 1, "names are exchanged", 4),
                    failed(1, 2, "full duplex", 7, SCENARIO),
                    property(3, 1, "secret room property", 5, Kind.FAILED, "the secret scenario", Visibility.HIDDEN),
                    property(3, 2, "later room property", 3, Kind.PASSED, "", Visibility.AFTER_DUE_DATE)),
            Duration.ofMillis(12_345));

    @TempDir
    Path dir;

    @Test
    void theFileHasGradescopesFieldsAndTheTotals() throws Exception {
        Path file = dir.resolve("out/alice").resolve(GradescopeResults.FILE_NAME);
        GradescopeResults.write(GRADE, file);
        JsonNode results = new ObjectMapper().readTree(Files.readString(file));

        assertEquals(Set.of("score", "max_score", "execution_time", "output", "output_format", "tests"), fields(results));
        assertEquals(7, results.get("score").intValue(), "4 visible + 3 after the due date");
        assertEquals(19, results.get("max_score").intValue());
        assertEquals(12.345, results.get("execution_time").doubleValue(), 1e-9);
        assertEquals("md", results.get("output_format").textValue());
        String output = results.get("output").textValue();
        assertTrue(output.contains("| Stage 1: one-shot server | 4 of 11 |"), output);
        assertTrue(output.contains("| Stage 3: broadcast room | 3 of 8 |"), output);
        assertTrue(output.contains("seed 42"), output);
        assertTrue(output.contains("- Stage 4 does not compile: it scores 0"), output);

        JsonNode tests = results.get("tests");
        assertEquals(4, tests.size());
        for (JsonNode test : tests) {
            assertEquals(Set.of("name", "number", "score", "max_score", "status", "output", "output_format", "visibility"),
                    fields(test));
            assertEquals("md", test.get("output_format").textValue());
        }
        JsonNode duplex = tests.get(1);
        assertEquals("Stage 1: full duplex", duplex.get("name").textValue());
        assertEquals("1.2", duplex.get("number").textValue());
        assertEquals(0, duplex.get("score").intValue());
        assertEquals(7, duplex.get("max_score").intValue());
        assertEquals("failed", duplex.get("status").textValue());
        assertEquals("visible", duplex.get("visibility").textValue());
        assertEquals("passed", tests.get(0).get("status").textValue());
        assertEquals(4, tests.get(0).get("score").intValue());
        assertEquals("3.2", tests.get(3).get("number").textValue());
        assertEquals("after_due_date", tests.get(3).get("visibility").textValue());
    }

    @Test
    void theFeedbackIsOneCodeBlockThatABackquoteFenceInsideCannotEnd() throws Exception {
        JsonNode tests = new ObjectMapper().readTree(GradescopeResults.render(GRADE)).get("tests");
        String output = tests.get(1).get("output").textValue();
        assertEquals(List.of(SCENARIO), codeBlocks(output), output);
    }

    @Test
    void aHiddenPropertyKeepsItsFeedbackForGradescopeToHide() throws Exception {
        JsonNode hidden = new ObjectMapper().readTree(GradescopeResults.render(GRADE)).get("tests").get(2);
        assertEquals("hidden", hidden.get("visibility").textValue());
        assertEquals("Stage 3: secret room property", hidden.get("name").textValue());
        assertEquals(List.of("the secret scenario"), codeBlocks(hidden.get("output").textValue()));
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /**
     * The fenced code blocks in {@code markdown}, as CommonMark reads them: a block opens with a line
     * of three or more backquotes (and an info string) and closes at the first line of at least as
     * many backquotes and nothing else, indented by at most three spaces.
     */
    static List<String> codeBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        String fence = null;
        StringBuilder block = new StringBuilder();
        for (String line : markdown.split("\n", -1)) {
            if (fence == null) {
                if (line.startsWith("```")) {
                    fence = line.substring(0, line.length() - line.replaceFirst("^`+", "").length());
                    block.setLength(0);
                }
            } else if (line.matches(" {0,3}`{" + fence.length() + ",}[ \\t]*")) {
                blocks.add(block.substring(0, Math.max(0, block.length() - 1)));
                fence = null;
            } else {
                block.append(line).append('\n');
            }
        }
        return blocks;
    }
}
