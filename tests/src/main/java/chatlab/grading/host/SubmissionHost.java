package chatlab.grading.host;

import chatlab.concurrency.CountingThreadFactory;
import chatlab.harness.StageLoadException;
import chatlab.harness.StageLoader;
import chatlab.harness.Todos;
import chatlab.protocol.Limits;
import chatlab.protocol.Protocol;
import chatlab.stage.ChatStage;
import chatlab.stage.QueuedConsole;
import chatlab.stage.StageHost;
import chatlab.stage.StageId;
import chatlab.stage.Todo;
import chatlab.suite.WorkerProtocol;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The small host that runs a student's stages in the student's JVM: it starts and closes stages and
 * counts their threads when its driver asks, on standard input, and answers on standard output
 * ({@link HostProtocol}). Each stage runs exactly as in the driver's own JVM ({@link StageHost}, a
 * scripted console, virtual threads from a counting factory), on a free loopback port the driver's
 * clients connect to.
 *
 * <p>This JVM is the untrusted side. Only the host writes on standard output: {@code System.out} goes
 * to standard error (which the driver drains, keeping little) and {@code System.in} is empty. Nothing
 * the host says decides a grade; the driver judges a stage by what its clients receive.
 *
 * <p>The host's own threads are platform threads, so that it keeps answering while a stage's virtual
 * threads keep every carrier busy. It halts when its input ends or its driver is gone.
 */
public final class SubmissionHost {
    private final Writer toDriver; // guarded by itself
    private final Map<String, Running> stages = new ConcurrentHashMap<>();
    private final Map<String, CountingThreadFactory> threads = new ConcurrentHashMap<>(); // kept after close

    /** A stage the host started, and whether its return has been told. */
    private record Running(StageHost host, QueuedConsole console, AtomicBoolean told) {
    }

    private SubmissionHost(Writer toDriver) {
        this.toDriver = toDriver;
    }

    public static void main(String[] args) {
        Writer toDriver = new BufferedWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                StandardCharsets.UTF_8));
        InputStream fromDriver = System.in;
        System.setOut(System.err);
        System.setIn(InputStream.nullInputStream());
        // A driver that is gone (killed, crashed) takes its host with it, even mid-stage. (In a PID
        // namespace of its own the host has no parent to watch: its input ends instead.)
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(2)));

        SubmissionHost host = new SubmissionHost(toDriver);
        host.send(HostProtocol.READY);
        try (BufferedReader commands = new BufferedReader(new InputStreamReader(fromDriver, StandardCharsets.UTF_8))) {
            for (String line = commands.readLine(); line != null; line = commands.readLine()) {
                try {
                    host.handle(WorkerProtocol.decode(line));
                } catch (RuntimeException e) {
                    // a command this host cannot read: its driver times out waiting for the answer
                }
            }
        } catch (IOException e) {
            // The driver's pipe broke: as at its end.
        }
        // The driver closed our input: done. The stages' threads must not keep this JVM up.
        Runtime.getRuntime().halt(0);
    }

    private void handle(List<String> command) {
        String request = command.size() > 1 ? command.get(1) : "";
        switch (command.get(0)) {
            case HostProtocol.START -> Thread.ofPlatform().daemon().name("host-start-" + request).start(() -> start(command));
            case HostProtocol.TYPE -> {
                Running running = stages.get(command.get(2));
                if (running != null) {
                    running.console().type(command.get(3));
                }
                send(HostProtocol.TYPED, request);
            }
            case HostProtocol.THREADS -> {
                CountingThreadFactory counted = threads.get(command.get(2));
                send(HostProtocol.THREADS, request, Integer.toString(counted == null ? 0 : counted.alive()));
            }
            case HostProtocol.CLOSE -> Thread.ofPlatform().daemon().name("host-close-" + request).start(() -> close(command));
            default -> {
                // not a command of this host's
            }
        }
    }

    /** {@code start request stage classes max-line-bytes max-queued-bytes nickname-timeout-ms}. */
    private void start(List<String> command) {
        String key = command.get(1);
        StageId stage = StageId.of(Integer.parseInt(command.get(2)));
        Limits limits = new Limits(Integer.parseInt(command.get(4)), Long.parseLong(command.get(5)),
                Duration.ofMillis(Long.parseLong(command.get(6))));
        ChatStage server;
        try {
            server = StageLoader.load(stage, Path.of(command.get(3)), ChatStage.class.getClassLoader());
        } catch (StageLoadException | RuntimeException | LinkageError e) {
            send(HostProtocol.REFUSED, key, HostProtocol.LOAD, e instanceof StageLoadException ? e.getMessage() : e.toString());
            return;
        }
        ServerSocket listener;
        try {
            listener = StageHost.listen(InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            send(HostProtocol.REFUSED, key, HostProtocol.IO, "cannot listen on loopback: " + e.getMessage());
            return;
        }
        // As LocalStage does it, in this JVM: every line printed goes to the driver at once.
        QueuedConsole console = new QueuedConsole(line -> send(HostProtocol.PRINTED, key, String.valueOf(line)));
        CountingThreadFactory counted = CountingThreadFactory.virtual(stage.folderName());
        threads.put(key, counted);
        StageHost host = StageHost.start(stage, server, listener, console, counted, Protocol.DEFAULT_OPERATOR_NAME, limits);
        Running running = new Running(host, console, new AtomicBoolean());
        stages.put(key, running);
        send(HostProtocol.STARTED, key, Integer.toString(host.port()));
        Thread.ofPlatform().daemon().name("host-watch-" + key).start(() -> {
            try {
                host.awaitReturn(Duration.ofDays(365));
                tellReturned(key, running);
            } catch (InterruptedException e) {
                // the host is halting
            }
        });
    }

    /** {@code close request stage grace-ms}: closes as the harness does, and says what it found. */
    private void close(List<String> command) {
        String request = command.get(1);
        Running running = stages.get(command.get(2));
        if (running == null) {
            CountingThreadFactory counted = threads.get(command.get(2));
            send(HostProtocol.CLOSED, request, "true", Integer.toString(counted == null ? 0 : counted.alive()));
            return;
        }
        try {
            StageHost.Closing closing = running.host().close(Duration.ofMillis(Long.parseLong(command.get(3))));
            if (closing.serveReturned()) {
                tellReturned(command.get(2), running); // before the answer: what serve threw is known by then
                stages.remove(command.get(2)); // its classes may go
            }
            send(HostProtocol.CLOSED, request, Boolean.toString(closing.serveReturned()),
                    Integer.toString(closing.threadsAlive()));
        } catch (InterruptedException e) {
            // the host is halting
        }
    }

    /** Tells the driver, once, that the stage's serve returned, and what it threw. */
    private void tellReturned(String key, Running running) {
        if (!running.told().compareAndSet(false, true)) {
            return;
        }
        List<String> fields = new ArrayList<>(List.of(HostProtocol.RETURNED, key));
        Throwable failure = running.host().failure().orElse(null);
        fields.add(failure == null ? "" : Todos.find(failure).map(Todo::getMessage).orElse(""));
        if (failure != null) {
            fields.addAll(HostProtocol.encodeFailure(failure));
        }
        send(fields.toArray(String[]::new));
    }

    private void send(String... fields) {
        String line = WorkerProtocol.encode(fields);
        synchronized (toDriver) {
            try {
                toDriver.write(line);
                toDriver.write('\n');
                toDriver.flush();
            } catch (IOException e) {
                // The driver is gone: nobody to run stages for.
                Runtime.getRuntime().halt(2);
            }
        }
    }
}
