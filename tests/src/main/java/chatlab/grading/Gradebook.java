package chatlab.grading;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A batch's {@code gradebook.csv}: one row per student, sorted by student id, with the points of
 * every stage in the batch, the total, the maximum, the seed and how grading went.
 *
 * <p>The text is RFC 4180 CSV (CRLF line ends; a field holding a comma, a quote or a line end is
 * quoted, its quotes doubled). A student id is the name of a folder or zip a student chose, so it
 * is data: one that a spreadsheet would read as a formula (it starts with {@code = + - @}, a tab or
 * a carriage return) gets a leading apostrophe.
 */
public final class Gradebook {
    /** The file's name in the batch's output folder. */
    public static final String FILE_NAME = "gradebook.csv";

    private Gradebook() {
    }

    /** Writes {@link #render} to {@code file} (its folder made if needed), in UTF-8. */
    public static void write(List<SubmissionGrade> batch, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, render(batch), StandardCharsets.UTF_8);
    }

    /** The CSV text for {@code batch}. */
    public static String render(List<SubmissionGrade> batch) {
        SortedSet<Integer> stages = new TreeSet<>();
        batch.forEach(grade -> stages.addAll(grade.availableByStage().keySet()));

        StringBuilder csv = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("student"));
        stages.forEach(stage -> header.add("stage " + stage));
        header.addAll(List.of("total", "max", "seed", "status"));
        row(csv, header);

        List<SubmissionGrade> sorted = batch.stream().sorted(Comparator.comparing(SubmissionGrade::student)).toList();
        for (SubmissionGrade grade : sorted) {
            List<String> fields = new ArrayList<>(List.of(spreadsheetSafe(grade.student())));
            stages.forEach(stage -> fields.add(Integer.toString(grade.earnedByStage().getOrDefault(stage, 0))));
            fields.add(Integer.toString(grade.score()));
            fields.add(Integer.toString(grade.maxScore()));
            fields.add(Long.toString(grade.seed()));
            fields.add(grade.status().label());
            row(csv, fields);
        }
        return csv.toString();
    }

    private static void row(StringBuilder csv, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            csv.append(i == 0 ? "" : ",").append(quoted(fields.get(i)));
        }
        csv.append("\r\n");
    }

    /** The field as RFC 4180 writes it: quoted, quotes doubled, when it holds a comma, a quote or a line end. */
    static String quoted(String field) {
        if (field.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    /** {@code text} with a leading apostrophe when a spreadsheet would take it for a formula. */
    static String spreadsheetSafe(String text) {
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }
}
