package chatlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatlab.harness.ChatLabHome;
import chatlab.harness.StageSources;
import chatlab.stage.StageId;
import chatlab.suite.SuiteRunner;
import chatlab.suite.SuiteWorker;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chatlab check} in this JVM, grading small implementations written by the test (and the
 * shipped labs/) in its child JVM.
 */
class CheckCommandTest {
    /** Far more than any of these checks takes; only a check that hangs gets near it. */
    private static final Duration CHECK_BOUND = Duration.ofSeconds(120);
    private static final Pattern STACK_FRAME = Pattern.compile("^\\s+at [\\w.$/]+\\(.*\\)$");

    private final ChatLabHome home = ChatLabHome.locate();
    private final Screen screen = new Screen();
    private final Screen errors = new Screen();

    @TempDir
    Path dir;

    private Path lab() {
        return dir.resolve("lab");
    }

    /** Runs {@code chatlab check ARGS} in the checkout, in a thread of its own, and returns its exit code. */
    private int check(String... args) throws Exception {
        Terminal terminal = new Terminal(new ByteArrayInputStream(new byte[0]), screen.printStream(), errors.printStream());
        CompletableFuture<Integer> exitCode = new CompletableFuture<>();
        Thread thread = Thread.ofPlatform().daemon().start(() ->
                exitCode.complete(ChatLab.run(terminal, home, Stream.concat(Stream.of("check"), Stream.of(args))
                        .toArray(String[]::new))));
        try {
            return exitCode.get(CHECK_BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            thread.interrupt();
        }
    }

    /** Copies the reference solution of {@code stage} into the test's lab. */
    private void copySolution(StageId stage) throws IOException {
        Path from = home.solutions().resolve(stage.folderName()).resolve("src");
        Path to = lab().resolve(stage.folderName()).resolve("src");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    private static int pointsOf(StageId stage) {
        return SuiteRunner.plan(EnumSet.of(stage)).stream().mapToInt(p -> p.points()).sum();
    }

    @Test
    void aCorrectStageGetsFullMarksWithTheSeedAtTopAndBottom() throws Exception {
        copySolution(StageId.ONE_SHOT);
        int points = pointsOf(StageId.ONE_SHOT);

        int exitCode = check("--stage", "1", "--impl", lab().toString(), "--seed", "4242");

        assertEquals(ExitCodes.OK, exitCode, screen.text());
        List<String> lines = screen.lines();
        String seedLine = "Seed 4242: ./chatlab check --stage 1 --impl " + lab() + " --seed 4242 runs the same scenarios again.";
        assertTrue(lines.getFirst().startsWith("Checking " + lab() + ": stage 1, "), screen.text());
        assertEquals(seedLine, lines.get(1));
        assertTrue(lines.stream().anyMatch(line -> line.matches("1  one-shot server\\s+" + points + "/" + points + "\\s+(\\d+) of \\1")),
                screen.text());
        String score = lines.get(lines.size() - 2);
        assertTrue(score.startsWith("Full marks: " + points + " of " + points + " points, in "), screen.text());
        assertEquals(seedLine, lines.getLast());
        assertEquals(List.of(), errors.lines());
    }

    @Test
    void eachFailedPropertyIsReportedWithItsShrunkScenario() throws Exception {
        StageSources.writeServer(lab(), StageId.ONE_SHOT, """
                context.console().println(chatlab.protocol.Protocol.WAITING);
                context.listener().accept().close(); // hangs up on its one client at once
                """);
        List<String> names = SuiteRunner.plan(EnumSet.of(StageId.ONE_SHOT)).stream().map(p -> p.name()).toList();

        int exitCode = check("--stage", "1", "--impl", lab().toString());

        assertEquals(ExitCodes.LOST_POINTS, exitCode, screen.text());
        String text = screen.text();
        for (String name : names) {
            assertTrue(screen.lines().stream().anyMatch(line -> line.startsWith("Stage 1, ") && line.endsWith(": " + name + " -- FAILED")),
                    "a report for '" + name + "':\n" + text);
        }
        assertTrue(text.contains("\n  Scenario:\n"), text);
        assertTrue(text.contains("\n  What went wrong:\n"), text);
        assertTrue(text.contains("the server closed the connection without sending it"), text);
    }

    @Test
    void theShippedLabsScoreZeroAndSaySoInALinePerStage() throws Exception {
        long start = System.nanoTime();
        int exitCode = check();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(ExitCodes.LOST_POINTS, exitCode, screen.text());
        String text = screen.text();
        for (StageId stage : StageId.values()) {
            if (pointsOf(stage) > 0) {
                assertTrue(text.contains("Stage " + stage.number() + " (" + stage.title() + ") is not done yet: TODO "),
                        "stage " + stage.number() + " says it is not done yet:\n" + text);
                assertTrue(text.contains(" -- in labs/" + stage.folderName() + "/src/main/java/"), text);
            }
        }
        assertTrue(screen.lines().get(screen.lines().size() - 2).startsWith("Score: 0 of "), text);
        assertTrue(screen.lines().getLast().matches("Seed \\d+: \\./chatlab check --seed \\d+ runs the same scenarios again\\."),
                text);
        assertFalse(screen.lines().stream().anyMatch(line -> STACK_FRAME.matcher(line).matches()), "no stack trace:\n" + text);
        assertFalse(text.contains("timed out"), text);
        assertTrue(took.compareTo(Duration.ofSeconds(60)) < 0, "the labs as shipped are checked quickly, not in " + took);
    }

    @Test
    void aStageThatDoesNotCompileScoresZeroWithJavacsMessagesAndTheOthersStillRun() throws Exception {
        StageSources.writeServer(lab(), StageId.ONE_SHOT, "int x = \"text\";");
        copySolution(StageId.ACCEPT_LOOP);
        int stage2 = pointsOf(StageId.ACCEPT_LOOP);

        int exitCode = check("--impl", lab().toString());

        assertEquals(ExitCodes.LOST_POINTS, exitCode, screen.text());
        String text = screen.text();
        assertTrue(text.contains("stage 1 (one-shot server) does not compile (1 error):\n  " + lab()
                + "/stage1/src/main/java/chatlab/stage1/OneShotServer.java:9: error: incompatible types: "
                + "java.lang.String cannot be converted to int"), text);
        assertTrue(screen.lines().stream().anyMatch(line -> line.matches("1  one-shot server\\s+0/\\d+\\s+0 of 1 \\(\\d+ not run\\)")),
                text);
        assertTrue(screen.lines().stream().anyMatch(line -> line.matches("2  accept loop\\s+" + stage2 + "/" + stage2 + "\\s+(\\d+) of \\1")),
                text);
        assertTrue(text.contains("stage 3 (broadcast room) has no sources in " + lab() + "/stage3/src/main/java"), text);
    }

    @Test
    void aStageThatEndsTheJvmCostsItsPropertiesButNotTheCheck() throws Exception {
        StageSources.writeServer(lab(), StageId.ONE_SHOT, """
                System.out.println("giving up");
                System.exit(3);
                """);
        int properties = SuiteRunner.plan(EnumSet.of(StageId.ONE_SHOT)).size();

        int exitCode = check("--stage", "1", "--impl", lab().toString());

        assertEquals(ExitCodes.LOST_POINTS, exitCode, screen.text());
        String text = screen.text();
        assertEquals(properties, screen.lines().stream().filter(line -> line.contains("] JVM ended ")).count(),
                "each property ran in a fresh JVM, and each ended:\n" + text);
        assertTrue(text.contains("the JVM running this property ended (exit code 3) before the property did. "
                + "Does the code call System.exit?"), text);
        assertTrue(text.contains("Its last output:\n    giving up"), text);
        assertTrue(screen.lines().get(screen.lines().size() - 2).startsWith("Score: 0 of "), text);
        assertNoWorkerLeft();
    }

    /** A stage that never returns from its constructor: the property running it can never end by itself. */
    private void writeHangingStage() throws IOException {
        StageSources.writeClass(lab(), StageId.ONE_SHOT, "OneShotServer", """
                package chatlab.stage1;

                import chatlab.stage.ChatStage;
                import chatlab.stage.StageContext;

                public class OneShotServer implements ChatStage {
                    private long turns;

                    public OneShotServer() {
                        while (turns >= 0) { // forever, ignoring interruption
                            turns++;
                        }
                    }

                    @Override
                    public void serve(StageContext context) {
                    }
                }
                """);
    }

    @Test
    void aStageThatHangsIsStoppedAtThePropertyTimeLimitAndTheRestOfItsStageIsNotRun() throws Exception {
        writeHangingStage();
        copySolution(StageId.ACCEPT_LOOP);
        int stage2 = pointsOf(StageId.ACCEPT_LOOP);

        int exitCode = check("--impl", lab().toString(), "--property-timeout", "3");

        assertEquals(ExitCodes.LOST_POINTS, exitCode, screen.text());
        String text = screen.text();
        assertEquals(1, screen.lines().stream().filter(line -> line.contains("] timed out  stage 1 ")).count(), text);
        assertTrue(text.contains("timed out: still running after 3 s, the limit for one property, so it was stopped."), text);
        assertTrue(text.contains("The rest of stage 1 was not run"), text);
        assertTrue(screen.lines().stream().anyMatch(line -> line.matches("2  accept loop\\s+" + stage2 + "/" + stage2 + "\\s+(\\d+) of \\1")),
                "stage 2 ran in a fresh JVM:\n" + text);
        assertNoWorkerLeft();
    }

    @Test
    void theWholeCheckHasATimeLimitToo() throws Exception {
        writeHangingStage();

        int exitCode = check("--stage", "1", "--impl", lab().toString(), "--timeout", "2");

        assertEquals(ExitCodes.LOST_POINTS, exitCode, screen.text());
        assertTrue(screen.text().contains("timed out: the run's time limit (2 s) was used up while this property ran"),
                screen.text());
        assertNoWorkerLeft();
    }

    @Test
    void aFolderThatIsNotThereIsAUsageError() throws Exception {
        assertEquals(ExitCodes.USAGE, check("--impl", dir.resolve("nowhere").toString()));
        assertTrue(errors.text().contains("There is nothing to check in " + dir.resolve("nowhere") + ": no such folder"),
                errors.text());
    }

    /** No worker JVM of a check is still running once the check has returned. */
    private static void assertNoWorkerLeft() {
        List<String> workers = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse(""))
                .filter(command -> command.contains(SuiteWorker.class.getName())).toList();
        assertEquals(List.of(), workers);
    }
}
