package chatlab.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The results of several rounds ({@code chatlab bench --rounds R}), each round one run of every
 * server, taken in turns. One run of a short load scatters by a third and more on a small machine
 * (the JIT, the garbage collector, two processes sharing two cores); the median of several rounds
 * does not, and a ratio taken within each round compares two servers under the same conditions.
 *
 * <p>"Median" here is always one of the values measured: the middle one, and of an even number of
 * rounds the lower of the two middle ones (a benchmark should not round its own figures up).
 */
final class Rounds {
    private final List<List<RunResult>> rounds;

    /** {@code rounds}: each round's results, every round with the same servers in the same order. */
    Rounds(List<List<RunResult>> rounds) {
        if (rounds.isEmpty()) {
            throw new IllegalArgumentException("no rounds");
        }
        this.rounds = List.copyOf(rounds);
    }

    int count() {
        return rounds.size();
    }

    /** Every run of every round, round after round. */
    List<RunResult> all() {
        return rounds.stream().flatMap(List::stream).toList();
    }

    /** The servers' runs in round {@code round} (from 1). */
    List<RunResult> round(int round) {
        return rounds.get(round - 1);
    }

    /** The {@code server}-th server's run in each round (from 0, in the order they ran). */
    List<RunResult> runsOf(int server) {
        return rounds.stream().map(round -> round.get(server)).toList();
    }

    /** Each server's median run by deliveries per second; a server that never completed, its first run. */
    List<RunResult> medianRuns() {
        List<RunResult> medians = new ArrayList<>();
        for (int server = 0; server < rounds.get(0).size(); server++) {
            List<RunResult> completed = runsOf(server).stream().filter(RunResult::completed)
                    .sorted(Comparator.comparingDouble(RunResult::deliveriesPerSecond)).toList();
            medians.add(completed.isEmpty() ? runsOf(server).get(0) : middle(completed));
        }
        return medians;
    }

    /** The median, over the rounds where both completed, of {@code result}'s server's ratio to Netty's. */
    Optional<Double> medianRatioToNetty(RunResult result) {
        int server = serverOf(result);
        List<Double> ratios = ratiosToNetty(server).stream().flatMap(Optional::stream).sorted().toList();
        return ratios.isEmpty() ? Optional.empty() : Optional.of(middle(ratios));
    }

    /** The median of {@code sorted} as this class takes it: the middle one, of an even number the lower. */
    private static <T> T middle(List<T> sorted) {
        return sorted.get((sorted.size() - 1) / 2);
    }

    /** Round by round, the {@code server}-th server's ratio to Netty in that round (empty where there is none). */
    List<Optional<Double>> ratiosToNetty(int server) {
        return rounds.stream().map(round -> ResultTable.ratioToNetty(round.get(server), round)).toList();
    }

    private int serverOf(RunResult result) {
        for (List<RunResult> round : rounds) {
            int at = round.indexOf(result);
            if (at >= 0) {
                return at;
            }
        }
        throw new IllegalArgumentException("not a run of these rounds: " + result.contender().label());
    }

    /**
     * The table for people: each server's median run, with the median of its ratios to Netty; then
     * every round's deliveries per second (and ratio), so that the scatter is there to see.
     */
    void print(PrintStream out) {
        List<RunResult> medians = medianRuns();
        out.println("Each server's median round of " + count() + " (vs Netty: the median of the rounds' ratios):");
        ResultTable.print(out, medians, this::medianRatioToNetty);
        out.println();
        out.println("Deliveries per second, round by round:");
        List<String[]> rows = new ArrayList<>();
        String[] headings = new String[count() + 3];
        headings[0] = "server";
        for (int round = 1; round <= count(); round++) {
            headings[round] = Integer.toString(round);
        }
        headings[count() + 1] = "median";
        headings[count() + 2] = "range";
        rows.add(headings);
        for (int server = 0; server < medians.size(); server++) {
            List<RunResult> runs = runsOf(server);
            String[] rates = new String[headings.length];
            rates[0] = runs.get(0).contender().label();
            List<Double> completed = new ArrayList<>();
            for (int round = 1; round <= count(); round++) {
                RunResult run = runs.get(round - 1);
                rates[round] = run.completed() ? ResultTable.rate(run.deliveriesPerSecond()) : "failed";
                if (run.completed()) {
                    completed.add(run.deliveriesPerSecond());
                }
            }
            RunResult median = medians.get(server);
            rates[count() + 1] = median.completed() ? ResultTable.rate(median.deliveriesPerSecond()) : "";
            rates[count() + 2] = range(completed, ResultTable::rate);
            rows.add(rates);
            List<Optional<Double>> ratios = ratiosToNetty(server);
            if (ratios.stream().anyMatch(Optional::isPresent)) {
                String[] line = new String[headings.length];
                line[0] = "  vs Netty";
                for (int round = 1; round <= count(); round++) {
                    line[round] = ratios.get(round - 1).map(ResultTable::ratio).orElse("");
                }
                line[count() + 1] = medianRatioToNetty(median).map(ResultTable::ratio).orElse("");
                line[count() + 2] = range(ratios.stream().flatMap(Optional::stream).toList(), ResultTable::ratio);
                rows.add(line);
            }
        }
        ResultTable.printAligned(out, rows);
        for (int round = 1; round <= count(); round++) {
            for (RunResult run : round(round)) {
                if (!medians.contains(run)) {
                    for (String note : ResultTable.notes(run)) {
                        out.println("  " + run.contender().label() + ", round " + round + ": " + note);
                    }
                }
            }
        }
    }

    private static String range(List<Double> values, java.util.function.DoubleFunction<String> format) {
        if (values.isEmpty()) {
            return "";
        }
        double low = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double high = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        return format.apply(low) + " - " + format.apply(high);
    }
}
