package chatlab.bench;

/**
 * Delivery latencies in microseconds, counted in buckets about 6% wide (16 per power of two), so
 * that a client can record every delivery for a few kilobytes and the percentiles of millions of
 * deliveries can be read at the end. One per client, used by its reading thread; {@link #add}
 * merges them.
 */
final class LatencyHistogram {
    private static final int SUB_BITS = 4;
    private static final int SUB = 1 << SUB_BITS;
    private static final int BUCKETS = (64 - SUB_BITS) * SUB + SUB;

    private final long[] counts = new long[BUCKETS];
    private long total;

    void record(long micros) {
        counts[bucket(Math.max(0, micros))]++;
        total++;
    }

    void add(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
    }

    long total() {
        return total;
    }

    /** The latency that {@code fraction} of the deliveries did not exceed (the top of its bucket); -1 if none. */
    long percentile(double fraction) {
        if (total == 0) {
            return -1;
        }
        long rank = Math.max(1, (long) Math.ceil(fraction * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return highest(i);
            }
        }
        return highest(BUCKETS - 1);
    }

    static int bucket(long value) {
        if (value < SUB) {
            return (int) value;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(value); // >= SUB_BITS
        int sub = (int) ((value >>> (exponent - SUB_BITS)) & (SUB - 1));
        return (exponent - SUB_BITS + 1) * SUB + sub;
    }

    /** The largest value in bucket {@code index}. */
    static long highest(int index) {
        if (index < SUB) {
            return index;
        }
        int exponent = index / SUB + SUB_BITS - 1;
        long sub = index % SUB;
        long lowest = (SUB + sub) << (exponent - SUB_BITS);
        return lowest + (1L << (exponent - SUB_BITS)) - 1;
    }
}
