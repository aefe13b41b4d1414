package chatlab.grading;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A submission's {@code results.json} in Gradescope's autograder format: the score, a Markdown
 * summary, and one test per property numbered {@code stage.n}, each with its feedback and its
 * visibility.
 *
 * <p>A hidden ({@code hidden}, {@code after_due_date}) property keeps its feedback here: Gradescope
 * itself keeps it from the student, by the test's {@code visibility}.
 */
public final class GradescopeResults {
    /** The file's name in a submission's output folder (Gradescope reads {@code /autograder/results/results.json}). */
    public static final String FILE_NAME = "results.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private GradescopeResults() {
    }

    /** Writes {@link #render} to {@code file} (its folder made if needed). */
    public static void write(SubmissionGrade grade, Path file) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Files.writeString(file, render(grade), StandardCharsets.UTF_8);
    }

    /** The JSON text of {@code grade}'s results. */
    public static String render(SubmissionGrade grade) {
        ObjectNode results = JSON.createObjectNode();
        results.put("score", grade.score());
        results.put("max_score", grade.maxScore());
        results.put("execution_time", grade.elapsed().toMillis() / 1000.0);
        results.put("output", summary(grade));
        results.put("output_format", "md");
        ArrayNode tests = results.putArray("tests");
        for (PropertyGrade property : grade.properties()) {
            ObjectNode test = tests.addObject();
            test.put("name", "Stage " + property.stage() + ": " + property.name());
            test.put("number", Markdown.number(property));
            test.put("score", property.earned());
            test.put("max_score", property.points());
            test.put("status", property.passed() ? "passed" : "failed");
            test.put("output", Markdown.outcome(property));
            test.put("output_format", "md");
            test.put("visibility", property.visibility().gradescopeName());
        }
        try {
            return JSON.writeValueAsString(results) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException("a JSON tree of strings and numbers always serializes", e);
        }
    }

    /** The top of the results page: the score per stage, the seed and the notices. */
    private static String summary(SubmissionGrade grade) {
        StringBuilder md = new StringBuilder();
        md.append("**ChatLab: ").append(grade.score()).append(" of ").append(grade.maxScore()).append(" points**");
        switch (grade.status()) {
            case GRADED -> { }
            case UNREADABLE -> md.append(" (the submission could not be read)");
            case TIMED_OUT -> md.append(" (grading stopped at the submission's time limit: what ran counts)");
        }
        md.append("\n\n").append(Markdown.stageTable(grade));
        md.append("\nScenarios drawn with seed ").append(grade.seed()).append(".\n");
        if (!grade.notices().isEmpty()) {
            md.append("\n").append(Markdown.notices(grade));
        }
        return md.toString();
    }
}
