package chatlab.suite;

import chatlab.harness.Folders;
import chatlab.grading.host.Sandbox;
import chatlab.harness.ChatLabHome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One {@link SuiteWorker} JVM, seen from its parent: starts it, sends it commands, and reads its
 * answers on a thread of their own as they come, so that the parent can wait for one with a time
 * limit. Its standard error (whatever the code under test prints) is drained all the time, and its
 * last lines kept, to say what happened when it ends unexpectedly.
 *
 * <p>A shutdown hook kills it with its parent (Ctrl-C on {@code chatlab check}); the worker, for
 * its part, halts when its parent is gone.
 */
final class WorkerProcess {
    private static final int ERROR_TAIL_LINES = 20;
    private static final int ERROR_LINE_LIMIT = 300;

    /** What the worker said. */
    sealed interface Message {
        record Ready() implements Message {
        }

        /**
         * @param unavailable the stage cannot run at all
         * @param crashed     the stage's own JVM ended under the property
         */
        record Result(String id, PropertyResult.Status status, long millis, boolean unavailable, boolean crashed,
                      String feedback) implements Message {
        }

        record Ended(int exitCode) implements Message {
        }

        /** Something the student should read about the property that runs ({@link StudentNotes}). */
        record Note(String text) implements Message {
        }
    }

    private final Process process;
    private final Writer commands;
    private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    private final Deque<String> errorTail = new ArrayDeque<>(); // guarded by itself
    private final Thread killOnExit;
    private final Path temporary; // the worker's java.io.tmpdir, and its student JVMs' scratch folders
    private final Thread errorReader;

    private WorkerProcess(Process process, Path temporary) {
        this.process = process;
        this.temporary = temporary;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.killOnExit = new Thread(() -> {
            destroyTree();
            deleteTemporary();
        }, "chatlab-worker-kill");
        Runtime.getRuntime().addShutdownHook(killOnExit); // Ctrl-C on the parent takes the worker too
        Thread.ofPlatform().daemon().name("chatlab-worker-out").start(this::readAnswers);
        this.errorReader = Thread.ofPlatform().daemon().name("chatlab-worker-err").start(this::keepErrorTail);
    }

    static WorkerProcess start(IsolatedSuiteRunner.Settings settings) throws InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(settings.java().toString());
        command.addAll(settings.jvmOptions());
        command.add("-D" + ChatLabHome.PROPERTY + "=" + settings.home().root());
        // Its temporary files (and its student JVMs' scratch folders) go in a folder removed when it ends.
        Path temporary;
        try {
            temporary = Files.createTempDirectory("chatlab-worker-");
        } catch (IOException e) {
            throw new IllegalStateException("cannot make a temporary folder for the JVM that runs the properties: "
                    + e.getMessage(), e);
        }
        command.add("-Djava.io.tmpdir=" + temporary);
        if (settings.studentJvm()) {
            command.add("-D" + Implementations.STUDENT_JVM + "=true");
        }
        if (settings.sandbox()) {
            command.add("-D" + Sandbox.PROPERTY + "=true");
        }
        command.add("-cp");
        command.add(settings.classpath());
        command.add(SuiteWorker.class.getName());
        command.add(settings.implementation());
        command.add(Double.toString(settings.triesFactor()));
        if (settings.sandbox() && Sandbox.whyNotIsolated().isEmpty()) {
            // The worker, and the student's JVM it starts, in a network namespace with loopback only.
            command = Sandbox.isolated(command);
        }
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            Folders.deleteQuietly(temporary);
            throw new IllegalStateException("cannot start a JVM to run the properties in: " + e.getMessage(), e);
        }
        WorkerProcess worker = new WorkerProcess(process, temporary);
        Message first = worker.next(settings.startupTimeout().toNanos());
        if (!(first instanceof Message.Ready)) {
            worker.kill();
            throw new IllegalStateException("the JVM that runs the properties did not start"
                    + (first instanceof Message.Ended ended ? " (exit code " + ended.exitCode() + ")"
                    : " within " + settings.startupTimeout().toSeconds() + " s")
                    + ": " + String.join(System.lineSeparator(), worker.errorTail()));
        }
        return worker;
    }

    void send(String... fields) {
        try {
            commands.write(WorkerProtocol.encode(fields) + "\n");
            commands.flush();
        } catch (IOException e) {
            // The worker is gone: its end is among the messages, and the caller reads it next.
        }
    }

    /** The next message, or null after {@code nanos}. */
    Message next(long nanos) throws InterruptedException {
        return messages.poll(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    /** The last lines the worker wrote on standard error (all of them, once it has ended). */
    List<String> errorTail() throws InterruptedException {
        if (!process.isAlive()) {
            errorReader.join(Duration.ofSeconds(2));
        }
        synchronized (errorTail) {
            return List.copyOf(errorTail);
        }
    }

    /** Kills the worker and every process it started, and waits for it to be gone. */
    void kill() throws InterruptedException {
        destroyTree();
        process.waitFor(10, TimeUnit.SECONDS);
        forget();
    }

    /** Asks the worker to end (its input closes), and kills it if it does not soon. */
    void finish() {
        try {
            commands.close();
        } catch (IOException e) {
            // gone already
        }
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                destroyTree();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            destroyTree(); // no time to wait: it goes now
            Thread.currentThread().interrupt();
        }
        forget();
    }

    /** The worker ended (by itself, or killed): nothing to kill on exit, and its temporary files go. */
    void forget() {
        deleteTemporary();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // shutting down: the hook is running or about to
        }
    }

    private void deleteTemporary() {
        Folders.deleteQuietly(temporary);
    }

    private void destroyTree() {
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private void readAnswers() {
        try (BufferedReader answers = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = answers.readLine(); line != null; line = answers.readLine()) {
                List<String> fields = WorkerProtocol.decode(line);
                if (fields.size() == 1 && fields.get(0).equals(WorkerProtocol.READY)) {
                    messages.add(new Message.Ready());
                } else if (fields.size() == 6 && fields.get(0).equals(WorkerProtocol.RESULT)) {
                    messages.add(new Message.Result(fields.get(1), PropertyResult.Status.valueOf(fields.get(2)),
                            Long.parseLong(fields.get(3)), fields.get(4).equals(WorkerProtocol.UNAVAILABLE),
                            fields.get(4).equals(WorkerProtocol.CRASHED), fields.get(5)));
                } else if (fields.size() == 2 && fields.get(0).equals(WorkerProtocol.NOTE)) {
                    messages.add(new Message.Note(fields.get(1)));
                }
            }
        } catch (IOException | RuntimeException e) {
            // The pipe broke: the worker is ending.
        }
        try {
            messages.add(new Message.Ended(process.waitFor()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Drains the worker's standard error (what its stages print), keeping the last few lines. */
    private void keepErrorTail() {
        try (Reader errors = new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            char[] buffer = new char[8192];
            for (int n = errors.read(buffer); n >= 0; n = errors.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    char c = buffer[i];
                    if (c == '\n') {
                        keep(line.toString().stripTrailing());
                        line.setLength(0);
                    } else if (line.length() < ERROR_LINE_LIMIT) {
                        line.append(c);
                    }
                }
            }
            if (!line.isEmpty()) {
                keep(line.toString().stripTrailing());
            }
        } catch (IOException e) {
            // the worker is gone
        }
    }

    private void keep(String line) {
        if (line.isBlank()) {
            return;
        }
        synchronized (errorTail) {
            errorTail.addLast(line);
            while (errorTail.size() > ERROR_TAIL_LINES) {
                errorTail.removeFirst();
            }
        }
    }
}
