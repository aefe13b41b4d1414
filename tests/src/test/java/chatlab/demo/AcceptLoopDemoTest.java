package chatlab.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatlab.demo.ClientRecord.End;
import chatlab.harness.ChatLabHome;
import chatlab.harness.Implementation;
import chatlab.harness.StageCompiler;
import chatlab.harness.StageSources;
import chatlab.stage.StageId;
import chatlab.suite.MistakeCatalogue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo run for real, over loopback sockets: the reference stages give the lesson's answer, and a
 * catalogued mistake changes the conclusion (which is therefore computed, not written in advance).
 */
class AcceptLoopDemoTest {
    private static final ChatLabHome HOME = ChatLabHome.locate();
    private static final Schedule SCHEDULE = Schedule.of(3);
    private static AcceptLoopDemo demo;
    private static DemoReport.Run reference;

    @TempDir
    Path dir;

    @BeforeAll
    static void runTheReference() throws Exception {
        demo = new AcceptLoopDemo(StageCompiler.forHome(HOME), SCHEDULE, Progress.silent());
        reference = demo.run(Implementation.resolve(Implementation.SOLUTIONS, HOME));
    }

    private static StageRecord.Measured measured(DemoReport.Run run, StageId stage) {
        return assertInstanceOf(StageRecord.Measured.class, run.stage(stage).orElseThrow(),
                () -> stage + " of " + run.implementation().name() + " did not run: " + run.stage(stage));
    }

    private static String conclusion(DemoReport.Run run, StageId stage) {
        return Outcome.of(measured(run, stage), SCHEDULE).conclusion();
    }

    private static Implementation mistake(String id) {
        Path folder = MistakeCatalogue.folderIn(HOME.root()).resolve(id);
        assertTrue(Files.isDirectory(folder), "the catalogue has " + id);
        return Implementation.resolve(folder.toString(), HOME);
    }

    @Test
    void theOneShotServerServesOneClientAndTheOthersAreResetWhenItReturns() {
        assertEquals("stage 1: 1 of 3 clients served; 2 connected but were never answered, then reset",
                conclusion(reference, StageId.ONE_SHOT));
        StageRecord.Measured run = measured(reference, StageId.ONE_SHOT);
        Duration returned = run.returnedAt().orElseThrow(() -> new AssertionError("stage 1 returns by itself"));
        for (ClientRecord client : run.clients().subList(1, 3)) {
            assertTrue(client.didConnect(), client.name() + "'s connect() succeeded: the kernel queued it in the backlog");
            assertEquals(End.RESET, client.end(), client.name());
            assertFalse(client.endedAt().compareTo(returned.minus(Duration.ofMillis(100))) < 0,
                    client.name() + " was reset when the stage returned, not before: " + client.endedAt() + " vs " + returned);
        }
    }

    @Test
    void theAcceptLoopServesEveryClientOneAfterAnotherInArrivalOrder() {
        assertEquals("stage 2: 3 of 3 clients served, one after another", conclusion(reference, StageId.ACCEPT_LOOP));
        List<ClientRecord> clients = measured(reference, StageId.ACCEPT_LOOP).clients();
        for (int i = 1; i < clients.size(); i++) {
            assertTrue(clients.get(i).answered().orElseThrow().compareTo(clients.get(i - 1).endedAt()) >= 0,
                    clients.get(i).name() + " is answered once " + clients.get(i - 1).name() + " has left");
        }
        assertTrue(measured(reference, StageId.ACCEPT_LOOP).returnedAt().isEmpty(), "stage 2 runs until closed");
    }

    @Test
    void theBroadcastRoomServesEveryClientAtTheSameTime() {
        assertEquals("stage 3: 3 of 3 clients served at the same time", conclusion(reference, StageId.BROADCAST_ROOM));
    }

    @Test
    void stage1WithAcceptInALoopServesEveryoneAndTheDemoSaysItIsUnlikeTheReference() throws Exception {
        DemoReport.Run run = demo.run(mistake("stage1-accept-in-a-loop"));
        assertEquals("stage 1: 3 of 3 clients served, one after another", conclusion(run, StageId.ONE_SHOT));
        assertTrue(measured(run, StageId.ONE_SHOT).returnedAt().isEmpty(), "it never returns");
        assertInstanceOf(StageRecord.Unavailable.class, run.stage(StageId.ACCEPT_LOOP).orElseThrow(), "the mistake has only stage 1");

        DemoReport report = new DemoReport(SCHEDULE, run, Optional.of(reference), ZonedDateTime.now());
        assertEquals(List.of("stage 1 behaves unlike the reference: yours 3 of 3 clients served, one after another;"
                        + " the reference 1 of 3 clients served; 2 connected but were never answered, then reset"),
                report.differences().stream().map(DemoReport.Difference::describe).toList());
    }

    @Test
    void stage2WithAThreadPerClientServesEveryoneAtOnceAndTheDemoSaysItIsUnlikeTheReference() throws Exception {
        DemoReport.Run run = demo.run(mistake("stage2-thread-per-client"));
        assertEquals("stage 2: 3 of 3 clients served at the same time", conclusion(run, StageId.ACCEPT_LOOP));

        DemoReport report = new DemoReport(SCHEDULE, run, Optional.of(reference), ZonedDateTime.now());
        assertEquals(List.of("stage 2 behaves unlike the reference: yours 3 of 3 clients served at the same time;"
                        + " the reference 3 of 3 clients served, one after another"),
                report.differences().stream().map(DemoReport.Difference::describe).toList());
    }

    @Test
    void aStageNotDoneOrNotCompilingIsOneLineAndTheOthersStillRun() throws Exception {
        Path lab = dir.resolve("lab");
        StageSources.writeServer(lab, StageId.ONE_SHOT, """
                context.listener().accept();
                throw new chatlab.stage.Todo("1: accept one client and run its session");
                """);
        StageSources.writeServer(lab, StageId.ACCEPT_LOOP, "while (true) { context.listener().accept() }");
        copy(HOME.solutions(), lab, StageId.BROADCAST_ROOM);
        long started = System.nanoTime();

        DemoReport.Run run = demo.run(Implementation.resolve(lab.toString(), HOME));

        assertEquals(new StageRecord.Unavailable(StageId.ONE_SHOT, "Stage 1 (one-shot server) is not done yet: TODO 1: accept"
                        + " one client and run its session -- in " + lab + "/stage1/src/main/java/chatlab/stage1/OneShotServer.java:10."
                        + " Fill it in and run again."),
                run.stage(StageId.ONE_SHOT).orElseThrow());
        String notCompiling = ((StageRecord.Unavailable) run.stage(StageId.ACCEPT_LOOP).orElseThrow()).why();
        assertTrue(notCompiling.startsWith("Stage 2 (accept loop) in " + lab + " does not compile: " + lab
                + "/stage2/src/main/java/chatlab/stage2/AcceptLoopServer.java:9: error: ';' expected"), notCompiling);
        assertEquals(1, notCompiling.lines().count(), notCompiling);
        assertEquals("stage 3: 3 of 3 clients served at the same time", conclusion(run, StageId.BROADCAST_ROOM));
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(SCHEDULE.observationWindow()) < 0,
                "a stage stopped at a TODO ends its run at once, without waiting for the observation window");
    }

    @Test
    void aTodoInAThreadOfTheStageStopsTheRunToo() throws Exception {
        Path lab = dir.resolve("lab");
        StageSources.writeServer(lab, StageId.ONE_SHOT, """
                java.net.Socket client = context.listener().accept();
                Thread session = context.threads().newThread(() -> {
                    throw new chatlab.stage.Todo("2: chat with the client");
                });
                session.start();
                session.join();
                client.getInputStream().read(); // waits: the client never hears from this stage
                """);
        StageRecord record = demo.run(Implementation.resolve(lab.toString(), HOME)).stage(StageId.ONE_SHOT).orElseThrow();
        StageRecord.Unavailable unavailable = assertInstanceOf(StageRecord.Unavailable.class, record);
        assertTrue(unavailable.why().startsWith("Stage 1 (one-shot server) is not done yet: TODO 2: chat with the client -- in "),
                unavailable.why());
    }

    private static void copy(Path implementation, Path into, StageId stage) throws IOException {
        Path from = implementation.resolve(stage.folderName());
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = into.resolve(stage.folderName()).resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
