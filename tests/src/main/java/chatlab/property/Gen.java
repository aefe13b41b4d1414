package chatlab.property;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A generator of values of type {@code T}: a function of {@link Choices}.
 *
 * <p>Generators combine like streams: {@link #map}, {@link #flatMap}, {@link #listOf}, and
 * {@link #oneOf} build a scenario generator from small ones, and shrinking comes for free
 * (see {@link Choices}). The rule when writing one: put the simplest outcome at choice 0.
 *
 * @param <T> the type of the values
 */
@FunctionalInterface
public interface Gen<T> {

    /** Draws a value. */
    T generate(Choices choices);

    /** A generator of {@code f} applied to this one's values. */
    default <R> Gen<R> map(Function<? super T, ? extends R> f) {
        Objects.requireNonNull(f, "f");
        return c -> f.apply(generate(c));
    }

    /** A generator whose second stage depends on this one's value. */
    default <R> Gen<R> flatMap(Function<? super T, Gen<? extends R>> f) {
        Objects.requireNonNull(f, "f");
        return c -> f.apply(generate(c)).generate(c);
    }

    /** Values that satisfy {@code keep}: redraws up to 100 times, then gives up loudly. */
    default Gen<T> filter(Predicate<? super T> keep) {
        return c -> {
            for (int i = 0; i < 100; i++) {
                T value = generate(c);
                if (keep.test(value)) {
                    return value;
                }
            }
            throw new IllegalStateException("filter rejected 100 values in a row: make the generator produce them directly");
        };
    }

    /** Always {@code value}. */
    static <T> Gen<T> constant(T value) {
        return c -> value;
    }

    /** Ints from {@code min} to {@code max}; shrinks towards {@code min}. */
    static Gen<Integer> ints(int min, int max) {
        return c -> c.between(min, max);
    }

    /** One of the given generators; shrinks towards the first. */
    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... alternatives) {
        List<Gen<? extends T>> all = List.copyOf(Arrays.asList(alternatives));
        return c -> all.get(c.between(0, all.size() - 1)).generate(c);
    }

    /** One of the given values; shrinks towards the first. */
    @SafeVarargs
    static <T> Gen<T> elementOf(T... values) {
        List<T> all = List.of(values);
        return c -> all.get(c.between(0, all.size() - 1));
    }

    /** One of the values in {@code values}; shrinks towards the first. */
    static <T> Gen<T> elementOf(List<T> values) {
        List<T> all = List.copyOf(values);
        return c -> all.get(c.between(0, all.size() - 1));
    }

    /**
     * Lists of {@code min} to {@code max} elements. Each element is preceded by a "one more?"
     * choice, so the shrinker can drop any element by deleting its choices.
     */
    static <T> Gen<List<T>> listOf(Gen<T> element, int min, int max) {
        return c -> {
            List<T> list = new ArrayList<>();
            while (list.size() < min) {
                list.add(element.generate(c));
            }
            while (list.size() < max && c.draw(1) == 1) {
                list.add(element.generate(c));
            }
            return list;
        };
    }

    /** Picks an alternative with the given weights; shrinks towards the first. */
    static <T> Gen<T> frequency(List<Weighted<T>> alternatives) {
        int total = alternatives.stream().mapToInt(Weighted::weight).sum();
        return c -> {
            int pick = c.between(0, total - 1);
            for (Weighted<T> alternative : alternatives) {
                pick -= alternative.weight();
                if (pick < 0) {
                    return alternative.gen().generate(c);
                }
            }
            throw new AssertionError("unreachable");
        };
    }

    /** An alternative for {@link #frequency}. */
    record Weighted<T>(int weight, Gen<? extends T> gen) {
        public Weighted {
            if (weight < 1) {
                throw new IllegalArgumentException("weight must be positive");
            }
        }
    }
}
