package chatlab.stage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * An {@link OperatorConsole} whose input is a queue of typed lines and whose output goes to a sink.
 * {@link #ofTerminal} feeds the queue from standard input with one long-lived daemon thread; tests
 * feed it with {@link #type}.
 */
public class QueuedConsole implements OperatorConsole {
    private final BlockingQueue<String> typed = new LinkedBlockingQueue<>();
    private final Consumer<String> sink;

    public QueuedConsole(Consumer<String> sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /**
     * The terminal: lines from {@code in}, read by one daemon thread for the life of the JVM, and
     * output to {@code out}.
     */
    public static QueuedConsole ofTerminal(InputStream in, PrintStream out) {
        QueuedConsole console = new QueuedConsole(out::println);
        Thread reader = Thread.ofPlatform().daemon().name("console-reader").unstarted(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, Charset.defaultCharset()))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    console.type(line);
                }
            } catch (IOException e) {
                // The console is gone: as at end of input, no more operator lines will come.
            }
        });
        reader.start();
        return console;
    }

    /** Types a line, as the operator would. */
    public void type(String line) {
        typed.add(Objects.requireNonNull(line, "line"));
    }

    @Override
    public String readLine() throws InterruptedException {
        return typed.take();
    }

    @Override
    public void discardPending() {
        typed.clear();
    }

    @Override
    public void println(String line) {
        sink.accept(line);
    }
}
