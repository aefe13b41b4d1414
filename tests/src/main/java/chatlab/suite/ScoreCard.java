package chatlab.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The results of one run of the graded suite, property by property, with sums per stage. */
public final class ScoreCard {
    private final long seed;
    private final List<PropertyResult> results = new ArrayList<>();

    public ScoreCard(long seed) {
        this.seed = seed;
    }

    synchronized void add(PropertyResult result) {
        results.add(result);
    }

    /** The run's seed. */
    public long seed() {
        return seed;
    }

    /** Every property's result, in the order they ran. */
    public synchronized List<PropertyResult> results() {
        return List.copyOf(results);
    }

    /** Points earned per stage, for the stages that ran. */
    public synchronized Map<Integer, Integer> earnedByStage() {
        Map<Integer, Integer> sums = new TreeMap<>();
        results.forEach(r -> sums.merge(r.stage(), r.earned(), Integer::sum));
        return sums;
    }

    /** Points available per stage, for the stages that ran. */
    public synchronized Map<Integer, Integer> availableByStage() {
        Map<Integer, Integer> sums = new TreeMap<>();
        results.forEach(r -> sums.merge(r.stage(), r.points(), Integer::sum));
        return sums;
    }

    public synchronized int earned() {
        return results.stream().mapToInt(PropertyResult::earned).sum();
    }

    public synchronized int available() {
        return results.stream().mapToInt(PropertyResult::points).sum();
    }

    /** The properties that did not pass. */
    public synchronized List<PropertyResult> lost() {
        return results.stream().filter(r -> r.status() != PropertyResult.Status.PASSED).toList();
    }
}
