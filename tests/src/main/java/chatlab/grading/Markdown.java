package chatlab.grading;

import chatlab.suite.PropertyOutcome;
import java.util.List;
import java.util.Map;

/**
 * The bits of Markdown that {@code results.json} and {@code feedback.md} share: feedback in a fence
 * it cannot break out of, names escaped, and the words for how a property went.
 */
final class Markdown {
    private Markdown() {
    }

    /**
     * {@code text} as a fenced code block, so Markdown keeps its layout (a shrunk scenario is a script
     * laid out in lines). The fence is longer than any run of backticks in the text: a student's line
     * holding {@code ```} cannot end the block early.
     */
    static String fenced(String text) {
        // Leading blank lines go, leading spaces stay: the first line may be indented like the rest.
        String body = text.replaceFirst("^([ \\t]*\\R)+", "").stripTrailing();
        int longest = 0;
        int run = 0;
        for (int i = 0; i < body.length(); i++) {
            run = body.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        return fence + "text\n" + body + "\n" + fence + "\n";
    }

    /** {@code text} on one line, its Markdown characters escaped (names and student ids are data). */
    static String text(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '#' -> out.append('\\').append(c);
                case '\n', '\r', '\t' -> out.append(' ');
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** "3.2": the property's stage, then its number within the stage. */
    static String number(PropertyGrade grade) {
        return grade.stage() + "." + grade.number();
    }

    /**
     * What a reader sees of a property's outcome: one sentence saying how it went, then its feedback
     * fenced (nothing more when it passed, or when there is no feedback).
     */
    static String outcome(PropertyGrade grade) {
        PropertyOutcome outcome = grade.outcome();
        String feedback = outcome.feedback() == null ? "" : outcome.feedback();
        if (outcome.kind() == PropertyOutcome.Kind.PASSED || feedback.isBlank()) {
            return sentence(grade) + "\n";
        }
        return sentence(grade) + "\n\n" + fenced(feedback);
    }

    /** Like {@link #outcome}, for a property whose feedback is that of {@code earlier}, already shown. */
    static String outcomeAsAbove(PropertyGrade grade, PropertyGrade earlier) {
        return sentence(grade) + " Same feedback as " + number(earlier) + " above.\n";
    }

    private static String sentence(PropertyGrade grade) {
        return switch (grade.outcome().kind()) {
            case PASSED -> "**Passed**: it held for every scenario tried.";
            case FAILED -> "**Failed**: a scenario broke it. The smallest such scenario found:";
            case STAGE_UNAVAILABLE -> "**Cannot run**: stage " + grade.stage() + " cannot run.";
            case TIMED_OUT -> "**Timed out**: it ran past its time limit and was stopped.";
            case CRASHED -> "**JVM ended**: the JVM running your code ended while this property ran"
                    + " (System.exit, out of memory or a crash).";
            case NOT_RUN -> "**Not run**.";
        };
    }

    /** The points per stage as a Markdown table, with a total row. */
    static String stageTable(SubmissionGrade grade) {
        StringBuilder md = new StringBuilder("| Stage | Points |\n|---|---:|\n");
        Map<Integer, Integer> available = grade.availableByStage();
        grade.earnedByStage().forEach((stage, earned) -> md.append("| ").append(text(StageNames.of(stage))).append(" | ")
                .append(earned).append(" of ").append(available.get(stage)).append(" |\n"));
        md.append("| **Total** | **").append(grade.score()).append(" of ").append(grade.maxScore()).append("** |\n");
        return md.toString();
    }

    /** The submission's notices as a list; nothing when there are none. */
    static String notices(SubmissionGrade grade) {
        StringBuilder md = new StringBuilder();
        for (String notice : grade.notices()) {
            // A notice of several lines (a bytecode report) is its first line, then one sub-item per line.
            List<String> lines = notice.lines().filter(l -> !l.isBlank()).toList();
            md.append("- ").append(text(lines.isEmpty() ? "" : lines.getFirst())).append('\n');
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                md.append("  - ").append(text(line.strip())).append('\n');
            }
        }
        return md.toString();
    }
}
