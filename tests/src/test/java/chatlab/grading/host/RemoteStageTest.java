package chatlab.grading.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatlab.driver.ScriptedClient;
import chatlab.harness.StageSources;
import chatlab.protocol.Protocol;
import chatlab.stage.StageHost;
import chatlab.stage.StageId;
import chatlab.suite.Implementations;
import chatlab.suite.StageCrashedError;
import chatlab.suite.StageLauncher;
import chatlab.suite.StageUnderTest;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stage started in a student JVM behaves, for the properties, as one started in their own JVM; and
 * when the student JVM ends under it, every wait on it ends at once with a line for the student.
 */
class RemoteStageTest {
    private static final Duration LINE = Duration.ofSeconds(5);
    /** "At once": far below any wait a property makes on a stage (a line timeout, a close grace). */
    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    @AfterAll
    static void stopStudentJvm() {
        RemoteLauncher.stopStudentJvm();
    }

    @Test
    @DisplayName("a reference stage runs in another JVM: console both ways, a client, a clean close")
    void solutionRunsInTheStudentJvm() throws Exception {
        StageLauncher launcher = Implementations.launcher("solutions", true);
        try (StageUnderTest stage = launcher.start(StageId.ONE_SHOT)) {
            long studentPid = RemoteLauncher.studentJvm().orElseThrow().pid();
            assertNotEquals(ProcessHandle.current().pid(), studentPid);
            stage.expectPrinted(Protocol.WAITING, LINE);
            try (ScriptedClient client = ScriptedClient.connect("client", stage.address())) {
                client.send("ada");
                stage.expectPrinted(Protocol.hasConnected("ada"), LINE);
                client.expectLine(Protocol.DEFAULT_OPERATOR_NAME, LINE);
                stage.type("hello ada");
                client.expectLine("hello ada", LINE);
                client.send("hi");
                stage.expectPrinted(Protocol.clientSaid("ada", "hi"), LINE);
                stage.type(Protocol.BYE);
                assertTrue(stage.awaitReturn(LINE), "serve should return once the session ended");
            }
            assertTrue(stage.failure().isEmpty(), () -> "no failure expected: " + stage.failure());
            StageHost.Closing closing = stage.close(LINE);
            assertTrue(closing.clean(), () -> "closing should be clean: " + closing);
        }
    }

    @Test
    @DisplayName("System.exit in a stage ends every wait on it at once, says so, and the next stage gets a fresh JVM")
    void systemExitIsReportedPromptly(@TempDir Path submission) throws Exception {
        StageSources.writeServer(submission, StageId.ONE_SHOT, """
                context.console().println(chatlab.protocol.Protocol.WAITING);
                context.listener().accept();
                System.out.println("bye from the stage");
                System.exit(3);
                """);
        StageLauncher launcher = Implementations.launcher(submission.toString(), true);
        StageUnderTest stage = launcher.start(StageId.ONE_SHOT);
        long firstPid = RemoteLauncher.studentJvm().orElseThrow().pid();
        stage.expectPrinted(Protocol.WAITING, LINE);
        try (ScriptedClient client = ScriptedClient.connect("client", stage.address())) {
            long begin = System.nanoTime();
            StageCrashedError crash = assertThrows(StageCrashedError.class, () -> stage.awaitReturn(Duration.ofSeconds(30)));
            assertTrue(Duration.ofNanos(System.nanoTime() - begin).compareTo(PROMPTLY) < 0,
                    "awaitReturn should end as soon as the JVM does");
            assertTrue(crash.getMessage().contains("exit code 3") && crash.getMessage().contains("System.exit"),
                    crash.getMessage());
            assertTrue(crash.getMessage().contains("bye from the stage"), "its last output is shown: " + crash.getMessage());
            assertEquals(crash.getMessage(), stage.failure().orElseThrow().getMessage());
            begin = System.nanoTime();
            assertThrows(StageCrashedError.class, () -> stage.expectPrinted("never", Duration.ofSeconds(30)));
            assertThrows(StageCrashedError.class, () -> stage.close(Duration.ofSeconds(30)));
            stage.close(); // quietly
            assertTrue(Duration.ofNanos(System.nanoTime() - begin).compareTo(PROMPTLY) < 0,
                    "expectPrinted and close should end at once");
        }

        try (StageUnderTest next = Implementations.launcher("solutions", true).start(StageId.ONE_SHOT)) {
            next.expectPrinted(Protocol.WAITING, LINE);
            assertNotEquals(firstPid, RemoteLauncher.studentJvm().orElseThrow().pid(), "a fresh JVM");
        }
    }

    @Test
    @DisplayName("a stage that allocates without end ends its JVM, which says it ran out of memory")
    void outOfMemoryIsReported(@TempDir Path submission) throws Exception {
        StageSources.writeServer(submission, StageId.ONE_SHOT, """
                java.util.List<long[]> kept = new java.util.ArrayList<>();
                while (true) {
                    kept.add(new long[1 << 20]);
                }
                """);
        try (StageUnderTest stage = Implementations.launcher(submission.toString(), true).start(StageId.ONE_SHOT)) {
            StageCrashedError crash = assertThrows(StageCrashedError.class, () -> stage.awaitReturn(Duration.ofSeconds(30)));
            assertTrue(crash.getMessage().contains("ran out of memory (256 MB)"), crash.getMessage());
        }
    }

    @Test
    @DisplayName("what a stage prints is drained, and past 1 MiB the crash report says it printed too much")
    void printingTooMuchIsReported(@TempDir Path submission) throws Exception {
        StageSources.writeServer(submission, StageId.ONE_SHOT, """
                String line = "x".repeat(1023);
                for (int i = 0; i < 2048; i++) {
                    System.out.println(line);
                }
                System.err.println("last words");
                System.exit(1);
                """);
        try (StageUnderTest stage = Implementations.launcher(submission.toString(), true).start(StageId.ONE_SHOT)) {
            StageCrashedError crash = assertThrows(StageCrashedError.class, () -> stage.awaitReturn(Duration.ofSeconds(30)));
            assertTrue(crash.getMessage().contains("exit code 1") && crash.getMessage().contains("It printed more than 1 MiB.")
                    && crash.getMessage().endsWith("last words"), crash.getMessage());
        }
    }

    @Test
    @DisplayName("a lab skeleton's Todo, thrown in the student JVM, reads as the step that comes next")
    void todoIsNotDoneYet(@TempDir Path submission) throws Exception {
        StageSources.writeServer(submission, StageId.ONE_SHOT, """
                throw new chatlab.stage.Todo("1: accept one client");
                """);
        try (StageUnderTest stage = Implementations.launcher(submission.toString(), true).start(StageId.ONE_SHOT)) {
            assertTrue(stage.awaitReturn(LINE));
            assertEquals("chatlab.stage.Todo", ((chatlab.suite.RemoteFailure) stage.failure().orElseThrow()).className());
            String line = stage.notDoneYet().orElseThrow();
            assertTrue(line.startsWith("Stage 1 (one-shot server) is not done yet: TODO 1: accept one client -- in ")
                    && line.contains("OneShotServer.java:"), line);
        }
    }

    @Test
    @DisplayName("a stage that does not load is unavailable, with the loader's reason")
    void unloadableStageIsUnavailable(@TempDir Path submission) throws Exception {
        StageSources.writeClass(submission, StageId.ONE_SHOT, "OneShotServer", """
                package chatlab.stage1;

                public class OneShotServer implements chatlab.stage.ChatStage {
                    public OneShotServer(int port) {
                    }

                    @Override
                    public void serve(chatlab.stage.StageContext context) {
                    }
                }
                """);
        var unavailable = assertThrows(chatlab.suite.StageUnavailableException.class,
                () -> Implementations.launcher(submission.toString(), true).start(StageId.ONE_SHOT));
        assertEquals("stage 1 (one-shot server) cannot be loaded: chatlab.stage1.OneShotServer needs a public "
                + "constructor without arguments", unavailable.getMessage());
    }
}
