package chatlab.grading.host;

import chatlab.harness.Folders;
import chatlab.harness.Implementation;
import chatlab.protocol.Limits;
import chatlab.stage.StageId;
import chatlab.suite.CompiledImplementation;
import chatlab.suite.StageCrashedError;
import chatlab.suite.StageUnavailableException;
import chatlab.suite.StudentNotes;
import chatlab.suite.WorkerProtocol;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * One student JVM ({@link SubmissionHost}), seen from its driver: starts it with its caps, sends it
 * requests and waits for their answers, hands the events it pushes to the {@link RemoteStage}s they
 * concern, and drains what it prints.
 *
 * <p>When the JVM ends under its stages ({@code System.exit}, out of memory), every wait on it ends
 * at once with a {@link StageCrashedError} that says what happened, in the student's terms. A JVM
 * whose stage closed uncleanly (threads left running) takes no new stage and is stopped once its
 * last stage is closed: the next stage gets a fresh JVM, not the leftovers.
 */
final class StudentJvm {
    /** The student JVM's caps: heap, direct memory, thread stacks; out of memory ends it. */
    static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError",
            "-XX:MaxDirectMemorySize=64m", "-Xss512k", "-XX:-UsePerfData",
            // What the JVM itself says (running out of memory, say) goes to standard error too.
            "-XX:+DisplayVMOutputToStderr");
    private static final String MEMORY = "256 MB";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);
    private static final int PROTOCOL_LINE_LIMIT = 1024 * 1024;
    private static final int CRASH_LINES_SHOWN = 5;

    /**
     * How to start one.
     *
     * @param java      the {@code java} to run
     * @param classpath its class path (this suite, {@code common/})
     * @param sandboxed whether to start it in a mount namespace where only its scratch folder is
     *                  writable (see {@link Sandbox#readOnlyFiles})
     */
    record Options(Path java, String classpath, boolean sandboxed) {
        /** Like this JVM: same {@code java}, same class path. */
        static Options likeThisJvm(boolean sandboxed) {
            return new Options(Path.of(System.getProperty("java.home"), "bin", "java"),
                    System.getProperty("java.class.path"), sandboxed);
        }
    }

    private final Process process;
    private final Path scratch;
    private final Writer commands; // guarded by itself
    private final OutputTail errors;
    private final AtomicLong requests = new AtomicLong();
    private final Map<String, CompletableFuture<List<String>>> pending = new ConcurrentHashMap<>();
    private final Map<String, RemoteStage> stages = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final CompletableFuture<String> ended = new CompletableFuture<>(); // with what a student reads
    private volatile String endedBecause; // set when the driver ends it: why, instead of its exit code
    private volatile boolean stopped;     // the driver ended it on purpose, with no stage left open
    private int open;                     // stages started and not closed; guarded by this
    private boolean retired;              // takes no new stage; guarded by this

    private StudentJvm(Process process, Path scratch) {
        this.process = process;
        this.scratch = scratch;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.errors = OutputTail.of(process.getErrorStream(), "student-jvm-err", () -> StudentNotes.tell(
                "The stage printed more than 1 MiB on System.out or System.err; the grader keeps its last lines only. "
                        + "Print to the operator's console, a line per event, and leave debugging output out."));
        Thread.ofPlatform().daemon().name("student-jvm-out").start(this::readMessages);
    }

    /** Starts a student JVM and waits until it is ready. */
    static StudentJvm start(Options options) throws IOException, InterruptedException {
        Path scratch = Files.createTempDirectory("chatlab-student-").toRealPath();
        List<String> command = new ArrayList<>();
        command.add(options.java().toString());
        command.addAll(JVM_OPTIONS);
        command.add("-Djava.io.tmpdir=" + scratch);
        command.add("-cp");
        command.add(options.classpath());
        command.add(SubmissionHost.class.getName());
        if (options.sandboxed()) {
            command = Sandbox.readOnlyFiles(scratch, command);
        }
        Process process;
        try {
            process = new ProcessBuilder(command).directory(scratch.toFile()).start();
        } catch (IOException e) {
            Folders.deleteTree(scratch);
            throw new IOException("cannot start a JVM for the student's stages: " + e.getMessage(), e);
        }
        StudentJvm jvm = new StudentJvm(process, scratch);
        try {
            CompletableFuture.anyOf(jvm.ready, jvm.ended).get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // told below
        }
        if (!jvm.ready.isDone()) {
            jvm.kill("did not start");
            throw new IOException("the JVM for the student's stages did not start within " + READY_TIMEOUT.toSeconds()
                    + " s: " + String.join(" / ", jvm.errors.lastLines()));
        }
        return jvm;
    }

    /** Takes a stage to start, unless this JVM has ended or takes no more: then false. */
    synchronized boolean reserve() {
        if (retired || ended.isDone()) {
            return false;
        }
        open++;
        return true;
    }

    /**
     * Starts {@code stage} from its compiled {@code classes}, after {@link #reserve()}.
     *
     * @throws StageUnavailableException if its classes cannot be loaded or made
     * @throws StageCrashedError         if this JVM ended meanwhile (its constructor called {@code System.exit})
     */
    RemoteStage start(StageId stage, Path classes, Limits limits, Implementation implementation)
            throws StageUnavailableException, IOException, InterruptedException {
        String key = Long.toString(requests.incrementAndGet());
        RemoteStage remote = new RemoteStage(this, key, stage, implementation);
        stages.put(key, remote); // before asking: what it prints may come before the answer
        boolean started = false;
        try {
            List<String> answer = ask(key, START_TIMEOUT, HostProtocol.START, key, Integer.toString(stage.number()),
                    classes.toString(), Integer.toString(limits.maxLineBytes()), Long.toString(limits.maxQueuedBytes()),
                    Long.toString(limits.nicknameTimeout().toMillis()));
            if (answer.get(0).equals(HostProtocol.STARTED)) {
                remote.started(Integer.parseInt(answer.get(2)));
                started = true;
                return remote;
            }
            String reason = answer.size() > 3 ? answer.get(3) : "the stage did not start";
            if (answer.size() > 2 && answer.get(2).equals(HostProtocol.LOAD)) {
                throw CompiledImplementation.cannotLoad(stage, reason);
            }
            throw new IOException(stage + " cannot start: " + reason);
        } finally {
            if (!started) {
                stages.remove(key);
                release(false);
            }
        }
    }

    /** Sends a request about a stage and waits at most {@code timeout} for its answer. */
    List<String> ask(Duration timeout, String command, String... fields) throws InterruptedException {
        String request = Long.toString(requests.incrementAndGet());
        String[] all = new String[fields.length + 2];
        all[0] = command;
        all[1] = request;
        System.arraycopy(fields, 0, all, 2, fields.length);
        return ask(request, timeout, all);
    }

    private List<String> ask(String request, Duration timeout, String... message) throws InterruptedException {
        CompletableFuture<List<String>> answer = new CompletableFuture<>();
        pending.put(request, answer);
        try {
            if (ended.isDone()) {
                throw crash();
            }
            send(message);
            return answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw crash(); // it ended while we waited
        } catch (TimeoutException e) {
            kill("stopped answering: the driver waited " + timeout.toSeconds() + " s for it. Is a constructor stuck, "
                    + "or do the stage's threads keep every processor busy?");
            throw crash();
        } finally {
            pending.remove(request);
        }
    }

    /** A stage was closed, and how: a JVM with threads left behind takes no new stage, and goes once idle. */
    void closed(RemoteStage stage, boolean clean) {
        stages.remove(stage.key());
        release(clean);
    }

    private void release(boolean clean) {
        boolean stopNow;
        synchronized (this) {
            open--;
            retired |= !clean;
            stopNow = retired && open == 0;
        }
        if (stopNow) {
            stop();
        }
    }

    /** Whether it has ended. */
    boolean hasEnded() {
        return ended.isDone();
    }

    /** Whether it ended on the driver's word, with no stage open (not a crash of the student's). */
    boolean stoppedByDriver() {
        return stopped;
    }

    /** Completes when it has ended. */
    CompletableFuture<String> ended() {
        return ended;
    }

    /** What a student reads about how it ended (once it has). */
    StageCrashedError crash() {
        return new StageCrashedError(ended.getNow("the JVM running your stage ended"));
    }

    /** Ends it without a word: its input closes and it halts; killed if it does not, soon. Returns at once. */
    void stop() {
        synchronized (this) {
            stopped = open == 0;
        }
        endedBecause = "was stopped by the grader";
        Thread.ofPlatform().daemon().name("student-jvm-stop").start(() -> {
            try {
                synchronized (commands) {
                    commands.close();
                }
            } catch (IOException e) {
                // gone already
            }
            try {
                if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    destroyTree();
                }
            } catch (InterruptedException e) {
                destroyTree();
            }
        });
    }

    /** Kills it now, with every process it started; {@code why} is what the student reads. */
    void kill(String why) {
        endedBecause = why;
        destroyTree();
    }

    /** The processes it runs as: its own, and what it started (the JVM under {@code unshare}, say). */
    ProcessHandle handle() {
        return process.toHandle();
    }

    private void destroyTree() {
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    void send(String... fields) {
        String line = WorkerProtocol.encode(fields);
        synchronized (commands) {
            try {
                commands.write(line);
                commands.write('\n');
                commands.flush();
            } catch (IOException e) {
                // It has ended: its end is on its way to whoever waits.
            }
        }
    }

    private void readMessages() {
        try (InputStream messages = new BufferedInputStream(process.getInputStream())) {
            for (String line = nextLine(messages); line != null; line = nextLine(messages)) {
                try {
                    dispatch(WorkerProtocol.decode(line));
                } catch (RuntimeException e) {
                    // A line the host did not write (the student's code may write on the host's
                    // standard output too): skipped.
                }
            }
        } catch (IOException e) {
            // The pipe broke: it is ending.
        }
        int exitCode;
        try {
            exitCode = process.waitFor();
            errors.awaitEnd(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            exitCode = -1;
        }
        end(exitCode);
    }

    private void dispatch(List<String> message) {
        String kind = message.get(0);
        switch (kind) {
            case HostProtocol.READY -> ready.complete(null);
            case HostProtocol.PRINTED -> {
                RemoteStage stage = stages.get(message.get(1));
                if (stage != null) {
                    stage.printed(message.get(2));
                }
            }
            case HostProtocol.RETURNED -> {
                RemoteStage stage = stages.get(message.get(1));
                if (stage != null) {
                    String todo = message.get(2);
                    stage.returned(HostProtocol.decodeFailure(message, 3), todo.isEmpty() ? null : todo);
                }
            }
            case HostProtocol.STARTED, HostProtocol.REFUSED, HostProtocol.TYPED, HostProtocol.THREADS,
                 HostProtocol.CLOSED -> {
                CompletableFuture<List<String>> answer = pending.get(message.get(1));
                if (answer != null) {
                    answer.complete(message);
                }
            }
            default -> {
                // not the host's
            }
        }
    }

    private void end(int exitCode) {
        ended.complete(howItEnded(exitCode));
        pending.values().forEach(answer -> answer.completeExceptionally(crash()));
        stages.values().forEach(RemoteStage::jvmEnded);
        try {
            Folders.deleteTree(scratch);
        } catch (IOException e) {
            // a scratch folder left in the temporary folder
        }
    }

    private String howItEnded(int exitCode) {
        List<String> tail = errors.lastLines();
        String why = endedBecause;
        String text;
        if (why != null) {
            text = "The JVM running your stage " + why;
        } else if (tail.stream().anyMatch(line -> line.contains("OutOfMemoryError"))) {
            text = "The JVM running your stage ran out of memory (" + MEMORY + ") and ended: does the stage keep "
                    + "everything it reads, or start threads without end?";
        } else if (exitCode > 128) {
            text = "The JVM running your stage was killed (signal " + (exitCode - 128) + "): did it use too much memory?";
        } else {
            text = "The JVM running your stage ended with exit code " + exitCode + ": does your code call System.exit? "
                    + "A stage must never end the JVM: return from serve instead.";
        }
        if (errors.tooMuch()) {
            text += " It printed more than 1 MiB.";
        }
        List<String> shown = tail.subList(Math.max(0, tail.size() - CRASH_LINES_SHOWN), tail.size());
        if (!shown.isEmpty() && why == null) {
            text += System.lineSeparator() + "Its last output:" + System.lineSeparator() + "  "
                    + String.join(System.lineSeparator() + "  ", shown);
        }
        return text;
    }

    /** The next line, without its end; a line longer than the limit is cut there; null at the end. */
    private static String nextLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b = in.read();
        if (b < 0) {
            return null;
        }
        while (b >= 0 && b != '\n') {
            if (line.size() < PROTOCOL_LINE_LIMIT) {
                line.write(b);
            }
            b = in.read();
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
