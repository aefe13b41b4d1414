package chatlab.suite;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The child JVM of an {@link IsolatedSuiteRunner}: runs graded properties one at a time, as its
 * parent asks on standard input, and answers each with its result on standard output (see
 * {@link WorkerProtocol}). The implementation under test runs in this JVM, so that whatever it does
 * (loop forever, call {@code System.exit}, run out of memory) costs the parent one property, not
 * the whole run.
 *
 * <p>Arguments: the implementation as {@code --impl} names it ({@code solutions}, {@code labs} or a
 * folder), then the tries factor. With {@code -D}{@value Implementations#STUDENT_JVM}{@code =true} the
 * implementation runs in a JVM of its own instead (see {@code chatlab.grading.host}), and this JVM
 * only drives the properties: then nothing the student's code does can reach what this one answers.
 */
public final class SuiteWorker {
    private SuiteWorker() {
    }

    public static void main(String[] args) throws IOException {
        // The protocol keeps standard input and output to itself: what the stages print goes to
        // standard error, and a stage that reads System.in (not its console) finds it empty.
        PrintStream toParent = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        InputStream fromParent = System.in;
        System.setOut(System.err);
        System.setIn(InputStream.nullInputStream());
        // A parent that is gone (killed, crashed) takes its worker with it, even mid-property.
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(2)));
        if (args.length != 2) {
            System.err.println("usage: SuiteWorker IMPLEMENTATION TRIES_FACTOR");
            System.exit(2);
        }
        String implementation = args[0];
        double triesFactor = Double.parseDouble(args[1]);

        StudentNotes.sendTo(text -> toParent.println(WorkerProtocol.encode(WorkerProtocol.NOTE, text)));
        toParent.println(WorkerProtocol.encode(WorkerProtocol.READY));
        BufferedReader commands = new BufferedReader(new InputStreamReader(fromParent, StandardCharsets.UTF_8));
        for (String line = commands.readLine(); line != null; line = commands.readLine()) {
            List<String> command = WorkerProtocol.decode(line);
            if (command.size() == 3 && command.get(0).equals(WorkerProtocol.RUN)) {
                toParent.println(run(implementation, triesFactor, Long.parseLong(command.get(1)), command.get(2)));
            }
        }
        // The parent closed our input: done. Threads a stage left behind must not keep the JVM up.
        Runtime.getRuntime().halt(0);
    }

    /** Runs one property and returns the line that reports it. */
    private static String run(String implementation, double triesFactor, long seed, String id) {
        var outcome = new Object() {
            PropertyResult result;
            Optional<StageUnavailableException> unavailable = Optional.empty();
            Optional<StageCrashedError> crashed = Optional.empty();
        };
        try {
            SuiteRunner.runProperties(implementation, List.of(id), seed, triesFactor, new SuiteRunner.Progress() {
                @Override
                public void finished(PropertyResult result, Optional<Throwable> failure) {
                    outcome.result = result;
                    outcome.unavailable = failure.flatMap(f -> cause(f, StageUnavailableException.class));
                    outcome.crashed = failure.flatMap(f -> cause(f, StageCrashedError.class));
                }
            });
        } catch (RuntimeException | Error e) {
            if (outcome.result == null) {
                return WorkerProtocol.encode(WorkerProtocol.RESULT, id, PropertyResult.Status.FAILED.name(), "0",
                        WorkerProtocol.AVAILABLE, "the suite could not run this property: " + e);
            }
        }
        if (outcome.result == null) {
            return WorkerProtocol.encode(WorkerProtocol.RESULT, id, PropertyResult.Status.NOT_RUN.name(), "0",
                    WorkerProtocol.AVAILABLE, "no graded property has the id " + id);
        }
        PropertyResult result = outcome.result;
        // A crash of the stage's own JVM is told apart first: it explains whatever else went wrong.
        String marker = outcome.crashed.isPresent() ? WorkerProtocol.CRASHED
                : outcome.unavailable.isPresent() ? WorkerProtocol.UNAVAILABLE : WorkerProtocol.AVAILABLE;
        String feedback = outcome.crashed.<Throwable>map(e -> e).or(() -> outcome.unavailable)
                .map(Throwable::getMessage).orElse(result.feedback());
        return WorkerProtocol.encode(WorkerProtocol.RESULT, id, result.status().name(), Long.toString(result.millis()),
                marker, feedback);
    }

    /**
     * Why the property failed, if it is of {@code type}: thrown by the property, or the cause of the
     * failing scenario (the stage is started inside it). {@code StageUnavailableException}: the stage
     * could not run at all; {@code StageCrashedError}: the JVM running it ended.
     */
    private static <T extends Throwable> Optional<T> cause(Throwable failure, Class<T> type) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }
}
