package chatlab.cli;

import chatlab.stage.StageId;
import chatlab.suite.PropertyOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run's score, a row per stage: its points earned of those available, and its properties passed
 * of those run.
 *
 * <pre>
 * Stage                  Points   Properties passed
 * 1  one-shot server      20/20   4 of 4
 * 2  accept loop           9/20   2 of 4
 * 3  broadcast room        0/10   0 of 1 (2 not run)
 *    Total                29/50
 * </pre>
 */
final class ScoreTable {
    private ScoreTable() {
    }

    private record Sums(int earned, int available, int passed, int run, int notRun) {
        Sums add(PropertyOutcome outcome) {
            boolean ran = outcome.kind() != PropertyOutcome.Kind.NOT_RUN;
            return new Sums(earned + outcome.earned(), available + outcome.property().points(),
                    passed + (outcome.kind() == PropertyOutcome.Kind.PASSED ? 1 : 0), run + (ran ? 1 : 0),
                    notRun + (ran ? 0 : 1));
        }
    }

    /** The table's lines, for {@code outcomes} of any number of stages. */
    static List<String> render(List<PropertyOutcome> outcomes) {
        Map<Integer, Sums> stages = new TreeMap<>();
        Sums total = new Sums(0, 0, 0, 0, 0);
        for (PropertyOutcome outcome : outcomes) {
            stages.merge(outcome.property().stage(), new Sums(0, 0, 0, 0, 0).add(outcome), ScoreTable::plus);
            total = total.add(outcome);
        }
        int titleWidth = stages.keySet().stream().mapToInt(s -> StageId.of(s).title().length()).max().orElse(0);
        titleWidth = Math.max(titleWidth, "Total".length());
        int pointsWidth = Math.max("Points".length(), points(total).length());
        String format = "%-" + (titleWidth + 3) + "s  %" + pointsWidth + "s   %s";
        List<String> lines = new ArrayList<>();
        lines.add(String.format(format, "Stage", "Points", "Properties passed").stripTrailing());
        stages.forEach((stage, sums) -> lines.add(String.format(format, stage + "  " + StageId.of(stage).title(),
                points(sums), sums.passed() + " of " + sums.run() + (sums.notRun() > 0 ? " (" + sums.notRun() + " not run)" : ""))));
        lines.add(String.format(format, "   Total", points(total), "").stripTrailing());
        return lines;
    }

    private static Sums plus(Sums a, Sums b) {
        return new Sums(a.earned() + b.earned(), a.available() + b.available(), a.passed() + b.passed(), a.run() + b.run(),
                a.notRun() + b.notRun());
    }

    private static String points(Sums sums) {
        return sums.earned() + "/" + sums.available();
    }
}
