package chatlab.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/** A terminal's screen for tests: records every line printed, and lets a test wait for one. */
final class Screen extends OutputStream {
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream(); // guarded by this
    private final List<String> lines = new ArrayList<>();                       // guarded by this
    private int cursor;                                                         // guarded by this

    PrintStream printStream() {
        return new PrintStream(this, true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            lines.add(partial.toString(StandardCharsets.UTF_8));
            partial.reset();
            notifyAll();
        } else {
            partial.write(b);
        }
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** Everything printed so far, the unfinished line included. */
    synchronized String text() {
        return String.join("\n", lines) + "\n" + partial.toString(StandardCharsets.UTF_8);
    }

    /**
     * Waits for a line matching {@code expected} among those not yet passed by an earlier call, and
     * returns it; the lines after it stay for the next call.
     */
    synchronized String awaitLine(Predicate<String> expected, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            while (cursor < lines.size()) {
                String line = lines.get(cursor++);
                if (expected.test(line)) {
                    return line;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("no such line within " + timeout.toMillis() + " ms; the screen shows:\n" + text());
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    String awaitLine(String expected, Duration timeout) throws InterruptedException, TimeoutException {
        return awaitLine(expected::equals, timeout);
    }
}
