package chatlab.property;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * Shrinks a failing choice sequence: tries smaller sequences, keeps each one that still fails, and
 * stops when nothing smaller fails or the time is up.
 *
 * <p>"Smaller" means fewer choices, or the same number with smaller values earlier on. Because
 * generators put simpler values at smaller choices (see {@link Choices}), a smaller sequence is a
 * simpler scenario: fewer clients, fewer steps, shorter texts. The passes, repeated while any helps:
 * <ol>
 *   <li>delete a run of choices (drops a step, a client, a character);</li>
 *   <li>set a run of choices to zero (turns values into the simplest ones);</li>
 *   <li>lower one choice, by binary search towards zero.</li>
 * </ol>
 * A candidate counts only if running it <em>fails</em>: for a concurrency bug that shows only now and
 * then, a candidate that happens to pass is simply not taken, so the result always failed once.
 */
final class Shrinker {
    private final Function<long[], Optional<long[]>> fails;
    private final long deadline;
    private long[] best;
    private int runs;
    private int improvements;

    /**
     * @param failing a sequence for which {@code fails} is true
     * @param fails   runs the scenario of a sequence; when it fails, returns the choices it drew
     * @param budget  how long shrinking may take in all
     */
    Shrinker(long[] failing, Function<long[], Optional<long[]>> fails, Duration budget) {
        this.best = failing.clone();
        this.fails = fails;
        this.deadline = System.nanoTime() + budget.toNanos();
    }

    /** Shrinks as far as the budget allows; returns the smallest failing sequence found. */
    long[] shrink() {
        boolean improved = true;
        while (improved && !timeUp()) {
            improved = deleteRuns() | zeroRuns() | lowerEach();
        }
        return best;
    }

    /** How many candidates were run. */
    int runs() {
        return runs;
    }

    /** How many candidates were smaller and still failed. */
    int improvements() {
        return improvements;
    }

    private boolean deleteRuns() {
        boolean any = false;
        for (int size : new int[] {8, 4, 2, 1}) {
            for (int start = best.length - size; start >= 0 && !timeUp(); start--) {
                if (start + size > best.length) {
                    continue;
                }
                long[] candidate = new long[best.length - size];
                System.arraycopy(best, 0, candidate, 0, start);
                System.arraycopy(best, start + size, candidate, start, best.length - start - size);
                any |= tryCandidate(candidate);
            }
        }
        return any;
    }

    private boolean zeroRuns() {
        boolean any = false;
        for (int size : new int[] {8, 4, 2}) {
            for (int start = 0; start + size <= best.length && !timeUp(); start++) {
                long[] candidate = best.clone();
                boolean changes = false;
                for (int i = start; i < start + size; i++) {
                    changes |= candidate[i] != 0;
                    candidate[i] = 0;
                }
                if (changes) {
                    any |= tryCandidate(candidate);
                }
            }
        }
        return any;
    }

    private boolean lowerEach() {
        boolean any = false;
        for (int i = 0; i < best.length && !timeUp(); i++) {
            if (best[i] == 0) {
                continue;
            }
            // Binary search for the smallest value at i that still fails (assuming monotony: a
            // heuristic, which is fine, since every accepted candidate really failed).
            long low = 0;
            long high = best[i];
            while (low < high && i < best.length && !timeUp()) {
                long mid = low + (high - low) / 2;
                long[] candidate = best.clone();
                candidate[i] = mid;
                if (tryCandidate(candidate)) {
                    any = true;
                    high = mid;
                } else {
                    low = mid + 1;
                }
            }
        }
        return any;
    }

    private boolean tryCandidate(long[] candidate) {
        if (!smaller(candidate, best)) {
            return false;
        }
        runs++;
        Optional<long[]> drawn = fails.apply(candidate);
        if (drawn.isEmpty()) {
            return false;
        }
        // The run may have drawn fewer choices (an unused tail) or more (zeros past the end): both
        // describe the same scenario, so keep the shorter.
        best = smaller(drawn.get(), candidate) ? drawn.get() : candidate;
        improvements++;
        return true;
    }

    private boolean timeUp() {
        return System.nanoTime() - deadline > 0;
    }

    /** Shortlex order: fewer choices first, then smaller values earlier. */
    static boolean smaller(long[] a, long[] b) {
        if (a.length != b.length) {
            return a.length < b.length;
        }
        return Arrays.compare(a, b) < 0;
    }
}
