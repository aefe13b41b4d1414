package chatlab.property;

import java.nio.charset.StandardCharsets;

/**
 * Where seeds come from. A run has one seed: {@code -Dchatlab.seed=N} when given, otherwise a
 * fresh one, chosen once per JVM and printed with every failure and report, so that any run can be
 * repeated exactly. Each property derives its own seed from the run's seed and its name, so adding
 * a property does not change the scenarios of the others.
 */
public final class Seeds {
    /** The system property that fixes the run's seed. */
    public static final String PROPERTY = "chatlab.seed";

    private static final long RUN_SEED = initialRunSeed();

    private Seeds() {
    }

    private static long initialRunSeed() {
        String given = System.getProperty(PROPERTY);
        if (given != null && !given.isBlank()) {
            try {
                return Long.parseLong(given.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("-D" + PROPERTY + " must be a whole number, not '" + given + "'", e);
            }
        }
        // Positive and short enough to read aloud and retype.
        return Math.floorMod(mix(System.nanoTime() ^ System.currentTimeMillis()), 1_000_000_000L);
    }

    /** This run's seed. */
    public static long runSeed() {
        return RUN_SEED;
    }

    /** A property's seed: the run's seed mixed with the property's name. */
    public static long forProperty(long runSeed, String propertyName) {
        long h = runSeed;
        for (byte b : propertyName.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ b);
        }
        return h;
    }

    /** The seed of try number {@code attempt} (from 1) of a property. */
    static long forTry(long propertySeed, int attempt) {
        return mix(propertySeed + attempt * 0x9E3779B97F4A7C15L);
    }

    /** SplitMix64's finaliser: spreads every input bit over the output. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
