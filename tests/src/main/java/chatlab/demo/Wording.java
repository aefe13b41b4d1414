package chatlab.demo;

import java.time.Duration;
import java.util.Locale;

/** How the demo writes numbers and counts for people. */
final class Wording {
    private Wording() {
    }

    /** {@code 1.25 s}. */
    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.2f s", duration.toNanos() / 1e9);
    }

    /** {@code 1 client}, {@code 3 clients}. */
    static String count(int n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }

    /** {@code singular} for 1, else {@code plural}. */
    static String agree(int n, String singular, String plural) {
        return n == 1 ? singular : plural;
    }

    static String padLeft(String text, int width) {
        return text.length() >= width ? text : " ".repeat(width - text.length()) + text;
    }

    static String padRight(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
