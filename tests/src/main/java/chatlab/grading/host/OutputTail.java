package chatlab.grading.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Drains what a process prints, on a thread of its own, keeping only its last lines and how much it
 * printed: a program that prints megabytes is read to the end (it never blocks on a full pipe) but
 * costs its reader a few lines of memory.
 */
final class OutputTail {
    /** Past this many bytes a process "printed too much". */
    static final long LIMIT_BYTES = 1024 * 1024;
    private static final int LINES_KEPT = 20;
    private static final int LINE_LIMIT = 300;

    private final Deque<String> lines = new ArrayDeque<>(); // guarded by itself
    private final Runnable tooMuch;
    private final Thread reader;
    private volatile long bytes;

    private OutputTail(InputStream output, String name, Runnable tooMuch) {
        this.tooMuch = tooMuch;
        this.reader = Thread.ofPlatform().daemon().name(name).start(() -> drain(output));
    }

    /** Starts draining {@code output}; {@code tooMuch} runs once, when it has printed more than {@link #LIMIT_BYTES}. */
    static OutputTail of(InputStream output, String name, Runnable tooMuch) {
        return new OutputTail(output, name, tooMuch);
    }

    /** The last lines printed (at most 20, each cut at 300 characters). */
    List<String> lastLines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Whether more than {@link #LIMIT_BYTES} were printed. */
    boolean tooMuch() {
        return bytes > LIMIT_BYTES;
    }

    /** Waits at most {@code timeout} for the output to end (the process is gone): its last lines are then all in. */
    void awaitEnd(Duration timeout) throws InterruptedException {
        reader.join(timeout);
    }

    private void drain(InputStream output) {
        // Counted as bytes, read as UTF-8 text.
        InputStream counted = new InputStream() {
            @Override
            public int read() throws IOException {
                int b = output.read();
                if (b >= 0) {
                    counted(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = output.read(buffer, offset, length);
                if (n > 0) {
                    counted(n);
                }
                return n;
            }
        };
        try (Reader text = new InputStreamReader(counted, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            char[] buffer = new char[8192];
            for (int n = text.read(buffer); n >= 0; n = text.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    char c = buffer[i];
                    if (c == '\n') {
                        keep(line);
                    } else if (line.length() < LINE_LIMIT) {
                        line.append(c);
                    }
                }
            }
            keep(line);
        } catch (IOException e) {
            // the process is gone
        }
    }

    private void counted(long n) { // on the reader thread only
        boolean crossed = bytes <= LIMIT_BYTES && bytes + n > LIMIT_BYTES;
        bytes += n;
        if (crossed) {
            tooMuch.run();
        }
    }

    private void keep(StringBuilder line) {
        String kept = line.toString().stripTrailing();
        line.setLength(0);
        if (kept.isBlank()) {
            return;
        }
        synchronized (lines) {
            lines.addLast(kept);
            while (lines.size() > LINES_KEPT) {
                lines.removeFirst();
            }
        }
    }
}
