package chatlab.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A process the benchmark started (a server JVM, the load generator, the seed's Python server), seen
 * from the benchmark: its {@link ControlLine}s as they come, its last lines of standard error, and
 * the means to end it. A shutdown hook kills it if the benchmark itself is stopped (Ctrl-C).
 */
final class ChildProcess {
    private static final int ERROR_TAIL_LINES = 15;

    /** The process ended while the benchmark was waiting for it. */
    static final class Ended extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Ended(String message) {
            super(message, null, false, false);
        }
    }

    private final String name;
    private final Process process;
    private final Writer commands;
    private final BlockingQueue<Object> lines = new LinkedBlockingQueue<>(); // ControlLines, then END
    private final Deque<String> errorTail = new ArrayDeque<>();               // guarded by itself
    private final Thread killOnExit;
    private static final Object END = new Object();

    private ChildProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.killOnExit = new Thread(this::kill, "bench-kill-" + name);
        Runtime.getRuntime().addShutdownHook(killOnExit);
        Thread.ofPlatform().daemon().name("bench-out-" + name).start(this::readOutput);
        Thread.ofPlatform().daemon().name("bench-err-" + name).start(this::readErrors);
    }

    static ChildProcess start(String name, List<String> command) {
        try {
            return new ChildProcess(name, new ProcessBuilder(command).start());
        } catch (IOException e) {
            throw new Ended("cannot start " + name + " (" + command.get(0) + "): " + e.getMessage());
        }
    }

    /** A JVM like this one (same java, same classpath) running {@code mainClass}. */
    static List<String> javaCommand(List<String> jvmOptions, Class<?> mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(args);
        return command;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits up to {@code timeout} for the control line {@code word}, handing every other control line
     * to {@code others} on the way.
     *
     * @return the line, or null after {@code timeout}
     * @throws Ended if the process ends first
     */
    ControlLine await(String word, Duration timeout, Consumer<ControlLine> others) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Object next = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (next == null) {
                return null;
            }
            if (next == END) {
                lines.add(END); // and for whoever asks next
                throw new Ended(name + " ended (exit code " + exitCode() + ") while the benchmark waited for "
                        + word + errorReport());
            }
            ControlLine line = (ControlLine) next;
            if (line.is(word)) {
                return line;
            }
            others.accept(line);
        }
    }

    /** Sends one command line to its standard input. */
    void send(String command) {
        try {
            commands.write(command + "\n");
            commands.flush();
        } catch (IOException e) {
            // It is gone: the next await says so.
        }
    }

    /** What it last wrote on standard error, as lines to show after a failure (empty if nothing). */
    String errorReport() {
        List<String> tail;
        synchronized (errorTail) {
            tail = List.copyOf(errorTail);
        }
        return tail.isEmpty() ? "" : ":" + System.lineSeparator() + "  " + String.join(System.lineSeparator() + "  ", tail);
    }

    /** Waits up to {@code timeout} for it to exit by itself, then kills it. */
    void close() throws InterruptedException {
        close(Duration.ofSeconds(10));
    }

    void close(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
        }
        process.waitFor(10, TimeUnit.SECONDS);
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    /** Kills it (its own children too) at once. */
    void kill() {
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private String exitCode() {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    private void readOutput() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                ControlLine control = ControlLine.parse(line);
                if (control != null) {
                    lines.add(control);
                }
            }
        } catch (IOException e) {
            // it ended
        } finally {
            lines.add(END);
        }
    }

    private void readErrors() {
        try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = err.readLine(); line != null; line = err.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                synchronized (errorTail) {
                    errorTail.addLast(line.length() > 300 ? line.substring(0, 300) + "..." : line);
                    while (errorTail.size() > ERROR_TAIL_LINES) {
                        errorTail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // it ended
        }
    }
}
