package chatlab.grading.host;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import chatlab.harness.ChatLabHome;
import chatlab.harness.StageSources;
import chatlab.property.Seeds;
import chatlab.stage.StageId;
import chatlab.suite.IsolatedSuiteRunner;
import chatlab.suite.PlannedProperty;
import chatlab.suite.PropertyOutcome;
import chatlab.suite.SuiteRunner;
import chatlab.suite.WorkerProtocol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Grading with the student's code in a JVM of its own, through the runner the grader uses: the
 * reference solutions still get full marks, and what a student's code does to its own JVM (end it,
 * write on its standard output, hang) costs that code its points and nothing else.
 */
class StudentJvmGradingTest {
    private static final Duration RUN_LIMIT = Duration.ofMinutes(10);
    private static final ChatLabHome HOME = ChatLabHome.locate();

    @TempDir
    Path folder;

    @AfterEach
    void noJvmIsLeftRunning() {
        // Every JVM the runner started (its driver, the student's) is gone once it is closed.
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.current().descendants()
                .noneMatch(ProcessHandle::isAlive));
    }

    @Test
    @DisplayName("the reference solutions get full marks for stages 1 to 4 with the stages in a JVM of their own")
    void solutionsGetFullMarks() throws Exception {
        IsolatedSuiteRunner.Run run = run(settings("solutions").withTriesFactor(0.3),
                SuiteRunner.plan(EnumSet.allOf(StageId.class)));
        assertTrue(run.fullMarks(), () -> "every property should pass:\n" + describe(run));
        assertEquals(100, run.earned());
        System.out.printf("solutions, stages 1-4, tries x0.3, stages in a JVM of their own: %d ms%n",
                run.elapsed().toMillis());
    }

    @Test
    @DisplayName("a stage that calls System.exit loses its properties with a line saying so; the next stage's pass")
    void systemExitCostsOnlyItsStage(@TempDir Path submission) throws Exception {
        StageSources.writeServer(submission, StageId.ONE_SHOT, """
                context.console().println(chatlab.protocol.Protocol.WAITING);
                context.listener().accept();
                System.exit(3);
                """);
        copySolution(StageId.ACCEPT_LOOP, submission);
        List<PlannedProperty> plan = Stream.concat(SuiteRunner.plan(Set.of(StageId.ONE_SHOT)).stream(),
                named(StageId.ACCEPT_LOOP, "keepsAccepting").stream()).toList();

        IsolatedSuiteRunner.Run run = run(settings(submission.toString()).withTriesFactor(0.3), plan);

        for (PropertyOutcome outcome : run.outcomes()) {
            if (outcome.property().stage() == 1) {
                assertEquals(PropertyOutcome.Kind.CRASHED, outcome.kind(), () -> describe(run));
                assertTrue(outcome.feedback().startsWith("The JVM running your stage ended with exit code 3: does your "
                        + "code call System.exit?"), () -> describe(run));
            } else {
                assertEquals(PropertyOutcome.Kind.PASSED, outcome.kind(), () -> describe(run));
            }
        }
        assertEquals(4, run.outcomes().stream().filter(o -> o.property().stage() == 1).count());
    }

    @Test
    @DisplayName("a stage that writes result lines on standard output cannot change its score")
    void forgedResultsDoNotCount(@TempDir Path submission) throws Exception {
        List<PlannedProperty> plan = SuiteRunner.plan(Set.of(StageId.ONE_SHOT));
        // What a worker would read as "this property passed", for every property of the stage.
        String forged = plan.stream().map(p -> javaString(WorkerProtocol.encode("result", p.id(), "PASSED", "1", "-", "")))
                .collect(Collectors.joining(", "));
        StageSources.writeServer(submission, StageId.ONE_SHOT, """
                java.io.PrintStream out = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
                for (String line : new String[] {%s}) {
                    out.println(line);
                    System.out.println(line);
                }
                """.formatted(forged));

        IsolatedSuiteRunner.Run run = run(settings(submission.toString()).withTriesFactor(0.3)
                .withJvmOption("-D" + chatlab.suite.GradedPropertyExtension.SHRINK_BUDGET + "=0"), plan);

        assertEquals(0, run.earned(), () -> describe(run));
        assertTrue(run.outcomes().stream().allMatch(o -> o.kind() == PropertyOutcome.Kind.FAILED), () -> describe(run));
    }

    @Test
    @DisplayName("in the sandbox a stage sees only loopback, and can write its scratch folder and nothing else")
    void sandboxLeavesLoopbackAndScratch(@TempDir Path submission) throws Exception {
        assumeTrue(Sandbox.whyNotIsolated().isEmpty(), () -> Sandbox.whyNotIsolated().orElseThrow());
        assumeTrue(Sandbox.whyFilesWritable().isEmpty(), () -> Sandbox.whyFilesWritable().orElseThrow());
        Path outside = submission.resolve("written-by-the-stage");
        // The stage reports what it sees on its console, and never says it is waiting: the
        // property fails, and its report shows what the console printed.
        StageSources.writeServer(submission, StageId.ONE_SHOT, """
                var console = context.console();
                console.println("interfaces: " + java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())
                        .stream().map(java.net.NetworkInterface::getName).sorted().toList());
                try (var socket = new java.net.Socket()) {
                    socket.connect(new java.net.InetSocketAddress("192.0.2.1", 80), 2000);
                    console.println("connect: connected");
                } catch (java.io.IOException e) {
                    console.println("connect: " + e.getMessage());
                }
                try {
                    java.nio.file.Files.writeString(java.nio.file.Path.of("%s"), "x");
                    console.println("outside: written");
                } catch (java.io.IOException e) {
                    console.println("outside: " + (String.valueOf(e.getMessage()).endsWith("Read-only file system") ? "read-only" : e));
                }
                try {
                    java.nio.file.Files.writeString(java.nio.file.Path.of("in-scratch"), "x");
                    console.println("scratch: written");
                } catch (java.io.IOException e) {
                    console.println("scratch: " + e.getMessage());
                }
                console.println("scratch is tmpdir: " + System.getProperty("user.dir").equals(System.getProperty("java.io.tmpdir")));
                """.formatted(outside));

        IsolatedSuiteRunner.Run run = run(settings(submission.toString()).withSandbox().withTriesFactor(0.2)
                        .withJvmOption("-D" + chatlab.suite.GradedPropertyExtension.SHRINK_BUDGET + "=0"),
                named(StageId.ONE_SHOT, "namesAreExchanged"));

        String feedback = run.outcomes().getFirst().feedback();
        assertEquals(PropertyOutcome.Kind.FAILED, run.outcomes().getFirst().kind(), feedback);
        assertTrue(feedback.contains("\"interfaces: [lo]\""), feedback);
        assertTrue(feedback.contains("\"connect: Network is unreachable\""), feedback);
        assertTrue(feedback.contains("\"outside: read-only\""), feedback);
        assertTrue(feedback.contains("\"scratch: written\""), feedback);
        assertTrue(feedback.contains("\"scratch is tmpdir: true\""), feedback);
        assertFalse(Files.exists(outside));
    }

    @ParameterizedTest(name = "sandbox: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("a property past its time limit is killed with the student's JVM")
    void timeoutKillsTheStudentJvm(boolean sandbox) throws Exception {
        assumeTrue(!sandbox || Sandbox.whyNotIsolated().isEmpty(), "no sandbox here");
        Path submission = hangingStage();
        AtomicReference<IsolatedSuiteRunner.Run> result = new AtomicReference<>();
        Thread running = Thread.ofPlatform().start(() -> result.set(runQuietly(settings(submission.toString())
                .sandbox(sandbox).withPropertyTimeout(Duration.ofSeconds(6)), named(StageId.ONE_SHOT, "namesAreExchanged"))));
        ProcessHandle host = await().atMost(Duration.ofSeconds(30)).until(
                () -> studentJvms().findFirst().orElse(null), p -> p != null);
        running.join(Duration.ofSeconds(60));
        assertEquals(PropertyOutcome.Kind.TIMED_OUT, result.get().outcomes().getFirst().kind(), () -> describe(result.get()));
        await().atMost(Duration.ofSeconds(5)).until(() -> !host.isAlive());
    }

    @ParameterizedTest(name = "sandbox: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("the student's JVM ends when its driver is killed, and the property is reported as crashed")
    void studentJvmEndsWithItsDriver(boolean sandbox) throws Exception {
        assumeTrue(!sandbox || Sandbox.whyNotIsolated().isEmpty(), "no sandbox here");
        Path submission = hangingStage();
        AtomicReference<IsolatedSuiteRunner.Run> result = new AtomicReference<>();
        Thread running = Thread.ofPlatform().start(() -> result.set(runQuietly(settings(submission.toString())
                .sandbox(sandbox), named(StageId.ONE_SHOT, "namesAreExchanged"))));
        ProcessHandle host = await().atMost(Duration.ofSeconds(30)).until(
                () -> studentJvms().findFirst().orElse(null), p -> p != null);
        ProcessHandle driver = ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().orElse("").contains("SuiteWorker")).findFirst().orElseThrow();
        driver.destroyForcibly(); // the driver only: its student JVM must go by itself
        await().atMost(Duration.ofSeconds(10)).until(() -> !host.isAlive());
        running.join(Duration.ofSeconds(30));
        assertEquals(PropertyOutcome.Kind.CRASHED, result.get().outcomes().getFirst().kind());
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static IsolatedSuiteRunner.Settings settings(String implementation) {
        return IsolatedSuiteRunner.Settings.likeThisJvm(implementation, HOME).withStudentJvm();
    }

    private static IsolatedSuiteRunner.Run runQuietly(IsolatedSuiteRunner.Settings settings, List<PlannedProperty> plan) {
        try {
            return run(settings, plan);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static IsolatedSuiteRunner.Run run(IsolatedSuiteRunner.Settings settings, List<PlannedProperty> plan)
            throws InterruptedException {
        try (IsolatedSuiteRunner runner = new IsolatedSuiteRunner(settings)) {
            return runner.run(plan, Seeds.runSeed(), RUN_LIMIT, IsolatedSuiteRunner.Policy.EVERY_PROPERTY,
                    new IsolatedSuiteRunner.Listener() { });
        }
    }

    /** The properties of {@code stage} whose method is {@code method}. */
    private static List<PlannedProperty> named(StageId stage, String method) {
        List<PlannedProperty> found = SuiteRunner.plan(Set.of(stage)).stream()
                .filter(p -> p.id().contains("[method:" + method + "(")).toList();
        assertEquals(1, found.size(), "one property " + method);
        return found;
    }

    /** A stage 1 that says it waits, then never returns, whatever interrupts it. */
    private Path hangingStage() throws IOException {
        Path submission = Files.createDirectories(folder.resolve("hanging"));
        StageSources.writeServer(submission, StageId.ONE_SHOT, """
                context.console().println(chatlab.protocol.Protocol.WAITING);
                while (true) {
                    java.util.concurrent.locks.LockSupport.park();
                    Thread.interrupted();
                }
                """);
        return submission;
    }

    private static Stream<ProcessHandle> studentJvms() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains(SubmissionHost.class.getName()));
    }

    private static void copySolution(StageId stage, Path implementation) throws IOException {
        Path from = HOME.solutions().resolve(stage.folderName()).resolve("src");
        Path to = implementation.resolve(stage.folderName()).resolve("src");
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

    private static String javaString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\t", "\\t") + "\"";
    }

    private static String describe(IsolatedSuiteRunner.Run run) {
        return run.outcomes().stream().map(o -> o.property().name() + ": " + o.kind() + " " + o.feedback())
                .collect(Collectors.joining("\n"));
    }
}
