package chatlab.property;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The source of every random decision a generator makes, recorded as a sequence of numbers.
 *
 * <p>Why record them? A scenario is a pure function of its choices. To reproduce it, replay the
 * same choices; to <em>shrink</em> a failing one, replay a smaller sequence (fewer choices, smaller
 * numbers) and see whether it still fails. Generators are written so that smaller choices give
 * simpler values (a list's length is drawn first, so 0 means an empty list; the first alternative
 * of {@link Gen#oneOf} is the simplest), and so one shrinker serves every generator: it never needs
 * to know what a scenario is. (This is the idea behind Hypothesis's "internal shrinking".)
 *
 * <p>When replaying runs out of recorded choices, every further choice is 0, the simplest value.
 */
public final class Choices {
    private final SplittableRandom random;
    private final long[] replay;
    private final List<Long> drawn = new ArrayList<>();

    private Choices(SplittableRandom random, long[] replay) {
        this.random = random;
        this.replay = replay;
    }

    /** Fresh random choices from {@code seed}. */
    public static Choices random(long seed) {
        return new Choices(new SplittableRandom(seed), null);
    }

    /** The given choices again, then zeros. */
    public static Choices replay(long[] choices) {
        return new Choices(null, choices.clone());
    }

    /**
     * A number from 0 to {@code max}, both included. Every generator is built on this one call.
     */
    public long draw(long max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative: " + max);
        }
        long value;
        if (replay == null) {
            value = max == Long.MAX_VALUE ? random.nextLong() & Long.MAX_VALUE : random.nextLong(max + 1);
        } else {
            int i = drawn.size();
            value = i < replay.length ? Math.min(Math.max(replay[i], 0), max) : 0;
        }
        drawn.add(value);
        return value;
    }

    /** An int from {@code min} to {@code max}, both included; smaller choices give values nearer {@code min}. */
    public int between(int min, int max) {
        if (max < min) {
            throw new IllegalArgumentException("empty range " + min + ".." + max);
        }
        return (int) (min + draw((long) max - min));
    }

    /** True with probability {@code p}; the simpler answer, false, is choice 0. */
    public boolean chance(double p) {
        long scale = 1_000_000;
        return draw(scale - 1) >= Math.round(scale * (1 - p));
    }

    /** The choices drawn so far. */
    public long[] drawn() {
        return drawn.stream().mapToLong(Long::longValue).toArray();
    }
}
