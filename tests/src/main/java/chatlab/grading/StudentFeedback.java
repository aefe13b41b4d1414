package chatlab.grading;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A submission's {@code feedback.md}: what the student reads. The score per stage and the notices,
 * then stage by stage what to fix (every visible property that lost its points, with the smallest
 * scenario that broke it) and what passed; last, the seed and the command that reruns the same
 * scenarios on the student's own machine.
 *
 * <p>A property that is not {@link Visibility#detailsInFeedback() visible} shows only as a count
 * and a points total per stage: never its name, never its feedback. Its points are in every total.
 */
public final class StudentFeedback {
    /** The file's name in a submission's output folder. */
    public static final String FILE_NAME = "feedback.md";

    private StudentFeedback() {
    }

    /** Writes {@link #render} to {@code file} (its folder made if needed). */
    public static void write(SubmissionGrade grade, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, render(grade), StandardCharsets.UTF_8);
    }

    /** The Markdown text of {@code grade}'s feedback. */
    public static String render(SubmissionGrade grade) {
        StringBuilder md = new StringBuilder();
        md.append("# ChatLab feedback for ").append(Markdown.text(grade.student())).append("\n\n");
        md.append("**Score: ").append(grade.score()).append(" of ").append(grade.maxScore()).append(" points**\n\n");
        switch (grade.status()) {
            case GRADED -> { }
            case UNREADABLE -> md.append("Your submission could not be read, so nothing in it could run.\n\n");
            case TIMED_OUT -> md.append("Grading reached your submission's time limit: the properties that ran count,"
                    + " the rest score 0.\n\n");
        }
        md.append(Markdown.stageTable(grade));
        if (!grade.notices().isEmpty()) {
            md.append("\n## Notices\n\n").append(Markdown.notices(grade));
        }

        Map<Integer, List<PropertyGrade>> byStage = new TreeMap<>();
        for (PropertyGrade property : grade.properties()) {
            byStage.computeIfAbsent(property.stage(), s -> new ArrayList<>()).add(property);
        }
        TreeSet<Integer> stagesToRerun = new TreeSet<>();
        byStage.forEach((stage, properties) -> {
            if (stage(md, stage, properties, grade)) {
                stagesToRerun.add(stage);
            }
        });
        rerun(md, grade.seed(), stagesToRerun);
        return md.toString();
    }

    /** One stage's section; whether a visible property of it lost points. */
    private static boolean stage(StringBuilder md, int stage, List<PropertyGrade> properties, SubmissionGrade grade) {
        md.append("\n## ").append(Markdown.text(StageNames.of(stage))).append(" (")
                .append(grade.earnedByStage().get(stage)).append(" of ").append(grade.availableByStage().get(stage))
                .append(" points)\n");
        List<PropertyGrade> visible = properties.stream().filter(p -> p.visibility().detailsInFeedback()).toList();
        List<PropertyGrade> lost = visible.stream().filter(p -> !p.passed()).toList();
        // A stage that cannot run gives each of its properties the same feedback (the compiler's
        // messages): it is shown once, at the first of them.
        Map<String, PropertyGrade> shown = new HashMap<>();
        for (PropertyGrade property : lost) {
            md.append("\n### ").append(Markdown.number(property)).append(' ').append(Markdown.text(property.name()))
                    .append(" (0 of ").append(property.points()).append(" points)\n\n");
            String feedback = property.outcome().feedback() == null ? "" : property.outcome().feedback();
            PropertyGrade earlier = feedback.isBlank() ? null
                    : shown.putIfAbsent(property.outcome().kind() + "\n" + feedback, property);
            md.append(earlier == null ? Markdown.outcome(property) : Markdown.outcomeAsAbove(property, earlier));
        }
        List<PropertyGrade> passed = visible.stream().filter(PropertyGrade::passed).toList();
        if (!passed.isEmpty()) {
            md.append("\nPassed:\n\n");
            for (PropertyGrade property : passed) {
                md.append("- ").append(Markdown.number(property)).append(' ').append(Markdown.text(property.name()))
                        .append(" (").append(property.points()).append(" points)\n");
            }
        }
        List<PropertyGrade> hidden = properties.stream().filter(p -> !p.visibility().detailsInFeedback()).toList();
        if (!hidden.isEmpty()) {
            md.append('\n').append(hidden.size()).append(hidden.size() == 1 ? " hidden property: " : " hidden properties: ")
                    .append(hidden.stream().mapToInt(PropertyGrade::earned).sum()).append(" of ")
                    .append(hidden.stream().mapToInt(PropertyGrade::points).sum()).append(" points.\n");
        }
        return !lost.isEmpty();
    }

    /** The seed, and the commands that rerun the same scenarios of the visible properties. */
    private static void rerun(StringBuilder md, long seed, TreeSet<Integer> stages) {
        md.append("\n## Rerun on your machine\n\n");
        md.append("These scenarios were drawn with seed ").append(seed).append(". ");
        if (stages.isEmpty()) {
            md.append("To run the visible properties again with the same scenarios, in your copy of the lab:\n\n");
            md.append("    ./chatlab check --seed ").append(seed).append('\n');
            return;
        }
        md.append("To run the visible properties of a stage that lost points again, with the same scenarios,"
                + " in your copy of the lab:\n\n");
        for (int stage : stages) {
            md.append("    ./chatlab check --stage ").append(stage).append(" --seed ").append(seed).append('\n');
        }
    }
}
