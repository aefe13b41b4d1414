package chatlab.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's progress for people: a line when a server starts and when it is done, and
 * between them how far the phase is. On a terminal the progress line is rewritten in place every
 * second; anywhere else (a log, CI) a plain line every ten seconds.
 */
final class ProgressReport implements Benchmark.Progress {
    private static final String CLEAR_LINE = "\r\033[K";

    private final PrintStream out;
    private final boolean live;
    private long started;
    private long lastPrinted;
    private boolean statusShown;

    ProgressReport(PrintStream out) {
        this.out = out;
        this.live = out == System.out && System.console() != null;
    }

    @Override
    public synchronized void round(int round, int rounds) {
        out.println("round " + round + " of " + rounds);
    }

    @Override
    public synchronized void starting(Contender contender) {
        started = System.nanoTime();
        lastPrinted = started;
        out.println("- " + contender.label() + ": starting");
    }

    @Override
    public synchronized void update(Contender contender, ControlLine line) {
        String text = switch (line.word()) {
            case "PROGRESS" -> describe(line);
            case "JOINED" -> "all joined in " + ResultTable.seconds(line.number("ms")) + " s";
            case "WARMED" -> "warmed up";
            case "QUIET" -> "nothing moved for " + line.number("seconds") + " s in the " + line.text("phase")
                    + " phase: giving up on the rest";
            default -> null;
        };
        if (text == null) {
            return;
        }
        long now = System.nanoTime();
        String stamped = "  " + elapsed(now) + " " + contender.label() + ", " + text;
        boolean milestone = !line.is("PROGRESS");
        if (live) {
            out.print(CLEAR_LINE + stamped);
            statusShown = true;
            if (milestone) {
                out.println();
                statusShown = false;
            }
            out.flush();
        } else if (milestone || now - lastPrinted >= TimeUnit.SECONDS.toNanos(10)) {
            out.println(stamped);
            lastPrinted = now;
        }
    }

    @Override
    public synchronized void finished(RunResult result) {
        if (statusShown) {
            out.print(CLEAR_LINE);
            statusShown = false;
        }
        String summary = result.completed()
                ? "done in " + elapsed(System.nanoTime()) + ": " + ResultTable.rate(result.deliveriesPerSecond())
                        + " deliveries/s, " + (result.perfect() ? "nothing lost, duplicated or out of order"
                                : count(result.lost()) + " lost, " + count(result.load().number("duplicates"))
                                        + " duplicated, " + count(result.load().number("outOfOrder")) + " out of order")
                : "FAILED: " + result.failure();
        out.println("- " + result.contender().label() + ": " + summary);
    }

    /** A load generator's {@code PROGRESS} line, for people. */
    static String describe(ControlLine line) {
        return line.text("phase").equals("join")
                ? "joining: " + count(line.number("connected")) + " connected, " + count(line.number("joined"))
                        + " of " + count(line.number("joinedExpected")) + " joined! notices"
                : line.text("phase") + ": " + count(line.number("delivered")) + " of " + count(line.number("expected"))
                        + " delivered (" + count(line.number("sent")) + " sent)";
    }

    private String elapsed(long now) {
        long seconds = TimeUnit.NANOSECONDS.toSeconds(now - started);
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
