package chatlab.cli;

import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Progress for a long command. On a terminal, one status line rewritten in place (with the time
 * elapsed, ticking) under the lines that are done; anywhere else (CI, a file, a test) only the lines
 * that are done, plainly, since a log cannot be rewritten.
 */
final class ProgressLine implements AutoCloseable {
    private static final int DEFAULT_WIDTH = 100;
    private static final String CLEAR_LINE = "\r\033[K";

    private final PrintStream out;
    private final boolean live;
    private final int width;
    private final long start = System.nanoTime();
    private final ScheduledExecutorService ticker;
    private String status = ""; // guarded by this

    private ProgressLine(PrintStream out, boolean live) {
        this.out = out;
        this.live = live;
        this.width = width();
        if (live) {
            ticker = Executors.newSingleThreadScheduledExecutor(task -> Thread.ofPlatform().daemon()
                    .name("chatlab-progress").unstarted(task));
            ticker.scheduleAtFixedRate(this::redraw, 1, 1, TimeUnit.SECONDS);
        } else {
            ticker = null;
        }
    }

    /** Progress on {@code terminal}: live when its output is this process's, and that is a terminal. */
    static ProgressLine on(Terminal terminal) {
        return new ProgressLine(terminal.out(), terminal.out() == System.out && isInteractive());
    }

    /** Whether a status line is shown at all (a terminal) or only finished lines (anything else). */
    boolean live() {
        return live;
    }

    /** What is going on now: shown after the time elapsed, on a terminal; nowhere else. */
    synchronized void status(String text) {
        status = text;
        redraw();
    }

    /** A line that is done: printed for good, above the status line. */
    synchronized void println(String line) {
        if (live) {
            out.print(CLEAR_LINE);
        }
        out.println(line);
        redraw();
    }

    /** The time since this progress began, as {@code m:ss}. */
    String elapsed() {
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        return seconds / 60 + ":" + String.format("%02d", seconds % 60);
    }

    private synchronized void redraw() {
        if (!live || status.isEmpty()) {
            return;
        }
        String line = "  " + elapsed() + " " + status;
        if (line.length() > width - 1) {
            line = line.substring(0, Math.max(0, width - 4)) + "...";
        }
        out.print(CLEAR_LINE + line);
        out.flush();
    }

    /** Removes the status line and stops the clock. */
    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        if (live && !status.isEmpty()) {
            out.print(CLEAR_LINE);
            out.flush();
        }
        status = "";
    }

    private static int width() {
        try {
            String columns = System.getenv("COLUMNS");
            return columns == null ? DEFAULT_WIDTH : Math.max(40, Integer.parseInt(columns.strip()));
        } catch (NumberFormatException e) {
            return DEFAULT_WIDTH;
        }
    }

    /** Whether standard output is a terminal that understands a carriage return and "clear to end of line". */
    private static boolean isInteractive() {
        if ("dumb".equals(System.getenv("TERM")) || System.getenv("CI") != null) {
            return false;
        }
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try { // From Java 22, System.console() exists even when redirected; isTerminal() tells.
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // Java 21: a console is there only when both ends are a terminal
        }
    }
}
