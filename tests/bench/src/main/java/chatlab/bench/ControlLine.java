package chatlab.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A line between the benchmark and its child processes (the server JVM, the load generator), on
 * their standard input and output: a word, then {@code key=value} fields, for instance
 * {@code STATS heapPeakMB=212 threads=20004}. Values hold no spaces. Anything else a child prints
 * (a stage's messages, a JVM warning) is not a control line and is passed over.
 *
 * @param word   what the line says: {@code LISTENING}, {@code STATS}, {@code RESULT}...
 * @param fields its figures, in order
 */
record ControlLine(String word, Map<String, String> fields) {
    static final String PREFIX = "@bench ";

    ControlLine {
        fields = Map.copyOf(fields);
    }

    static Builder of(String word) {
        return new Builder(word);
    }

    /** The control line {@code text} holds, or null if it is not one. */
    static ControlLine parse(String text) {
        if (!text.startsWith(PREFIX)) {
            return null;
        }
        String[] parts = text.substring(PREFIX.length()).strip().split(" +");
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq > 0) {
                fields.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
            }
        }
        return new ControlLine(parts[0], fields);
    }

    boolean is(String expected) {
        return word.equals(expected);
    }

    long number(String key) {
        String value = fields.get(key);
        return value == null ? -1 : Long.parseLong(value);
    }

    double decimal(String key) {
        String value = fields.get(key);
        return value == null ? Double.NaN : Double.parseDouble(value);
    }

    String text(String key) {
        return fields.getOrDefault(key, "");
    }

    static final class Builder {
        private final StringBuilder line;

        private Builder(String word) {
            this.line = new StringBuilder(PREFIX).append(word);
        }

        Builder with(String key, Object value) {
            line.append(' ').append(key).append('=').append(String.valueOf(value).replace(' ', '_'));
            return this;
        }

        /** Prints the line on standard output, at once. */
        void print() {
            synchronized (System.out) {
                System.out.println(line);
                System.out.flush();
            }
        }

        @Override
        public String toString() {
            return line.toString();
        }
    }
}
