package chatlab.driver;

import chatlab.stage.QueuedConsole;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * An operator console driven by a program: lines are {@linkplain #type typed} by the test, and
 * every line the stage prints is recorded and can be waited for.
 */
public final class ScriptedConsole extends QueuedConsole {
    private final List<String> printedRef; // what the stage printed; guarded by itself
    private int cursor;                    // guarded by printedRef: where expectPrinted goes on

    public ScriptedConsole() {
        this(new ArrayList<>());
    }

    private ScriptedConsole(List<String> sink) {
        super(line -> {
            synchronized (sink) {
                sink.add(line);
                sink.notifyAll();
            }
        });
        this.printedRef = sink; // the super constructor needs the list before `this` exists
    }

    /** Every line the stage printed so far. */
    public List<String> printed() {
        synchronized (printedRef) {
            return List.copyOf(printedRef);
        }
    }

    /**
     * Waits until the stage prints {@code expected}, skipping other lines printed since the last
     * line this method matched; the lines after it stay for the next call.
     */
    public void expectPrinted(String expected, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (printedRef) {
            while (true) {
                while (cursor < printedRef.size()) {
                    if (printedRef.get(cursor++).equals(expected)) {
                        return;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("console never printed '" + expected + "'; it printed " + printedRef);
                }
                printedRef.wait(Math.max(1, left / 1_000_000));
            }
        }
    }
}
