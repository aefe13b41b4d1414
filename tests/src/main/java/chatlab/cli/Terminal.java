package chatlab.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Objects;

/**
 * Where a command reads and writes: the process's standard streams, or a test's.
 *
 * @param in  what the user types
 * @param out what the command shows (its first line is sometimes read by a program: see {@code server})
 * @param err messages about the command itself: errors, warnings
 */
public record Terminal(InputStream in, PrintStream out, PrintStream err) {
    public Terminal {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
    }

    /** The process's standard input, output and error. */
    public static Terminal system() {
        return new Terminal(System.in, System.out, System.err);
    }
}
