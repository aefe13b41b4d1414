package chatlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatlab.driver.ScriptedClient;
import chatlab.harness.ChatLabHome;
import chatlab.harness.StageCompiler;
import chatlab.harness.StageSources;
import chatlab.protocol.Protocol;
import chatlab.stage.StageId;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code chatlab server} with small stages written by the test: in this JVM, and as a process. */
class ServerCommandTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern LISTENING = Pattern.compile("Listening on 127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    private final Screen screen = new Screen();
    private final Screen errors = new Screen();

    private Path lab() {
        return dir.resolve("lab");
    }

    /** Runs {@code chatlab server ...} in this JVM; the operator types {@code typed}. */
    private Running server(String typed, String... args) {
        Terminal terminal = new Terminal(new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)),
                screen.printStream(), errors.printStream());
        CompletableFuture<Integer> exitCode = new CompletableFuture<>();
        Thread thread = Thread.ofPlatform().daemon().start(() ->
                exitCode.complete(ChatLab.run(terminal, new ChatLabHome(dir), Stream.concat(
                        Stream.of("server", "--port", "0", "--impl", lab().toString()), Stream.of(args)).toArray(String[]::new))));
        return new Running(thread, exitCode);
    }

    private record Running(Thread thread, CompletableFuture<Integer> exitCode) {
        int exitCode(Duration timeout) throws Exception {
            return exitCode.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Stops it as a test can (the process would get SIGTERM): interrupts the command. */
        int stop(Duration timeout) throws Exception {
            thread.interrupt();
            return exitCode(timeout);
        }
    }

    private InetSocketAddress awaitListening() throws Exception {
        String first = screen.awaitLine(line -> true, TIMEOUT);
        Matcher listening = LISTENING.matcher(first);
        assertTrue(listening.matches(), "the first line says where the server listens: " + first);
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(listening.group(1)));
    }

    @Test
    void itListensFirstThenServesTheStageUntilStopped() throws Exception {
        StageSources.writeServer(lab(), StageId.BROADCAST_ROOM, StageSources.greeter("hello from the lab"));

        Running server = server("", "--stage", "3");
        InetSocketAddress address = awaitListening();
        try (ScriptedClient ann = ScriptedClient.connect("ann", address);
             ScriptedClient bob = ScriptedClient.connect("bob", address)) {
            ann.expectLine("hello from the lab", TIMEOUT);
            bob.expectLine("hello from the lab", TIMEOUT);
        }

        assertEquals(ExitCodes.OK, server.stop(TIMEOUT));
        assertEquals(List.of(), errors.lines());
    }

    @Test
    void stageOneEndsTheCommandWhenItReturnsAndTheConsoleShowsClientTextEscaped() throws Exception {
        StageSources.writeServer(lab(), StageId.ONE_SHOT, """
                try (java.net.Socket client = context.listener().accept()) {
                    var lines = new chatlab.protocol.LineReader(client.getInputStream());
                    context.console().println(chatlab.protocol.Protocol.clientSaid("ann", lines.readLine()));
                }
                """);

        Running server = server("", "--stage", "1");
        try (ScriptedClient ann = ScriptedClient.connect("ann", awaitListening())) {
            ann.send("\u001b[2Jgotcha");
            assertEquals(ExitCodes.OK, server.exitCode(TIMEOUT));
        }
        screen.awaitLine("ann > ^[[2Jgotcha", TIMEOUT);
    }

    @Test
    void aTodoInServeSaysWhichStepIsNotDoneAndWhere() throws Exception {
        StageSources.writeServer(lab(), StageId.ACCEPT_LOOP, """
                // TODO 2: accept clients in a loop -- what a server does all day
                throw new chatlab.stage.Todo("2: accept clients in a loop");
                """);

        Running server = server("", "--stage", "2");

        assertEquals(ExitCodes.NOT_DONE, server.exitCode(TIMEOUT));
        awaitListening();
        assertEquals(List.of("Stage 2 (accept loop) is not done yet: TODO 2: accept clients in a loop -- in " + lab()
                        + "/stage2/src/main/java/chatlab/stage2/AcceptLoopServer.java:10. Fill it in and run again."),
                errors.lines());
    }

    @Test
    void aTodoInAThreadOfTheStageStopsTheServerToo() throws Exception {
        StageSources.writeServer(lab(), StageId.BROADCAST_ROOM, """
                while (true) {
                    java.net.Socket client = context.listener().accept();
                    context.threads().newThread(() -> {
                        throw new chatlab.stage.Todo("3: greet the newcomer");
                    }).start();
                }
                """);

        Running server = server("", "--stage", "3");
        ScriptedClient ann = ScriptedClient.connect("ann", awaitListening()); // its thread meets the TODO
        try {
            assertEquals(ExitCodes.NOT_DONE, server.exitCode(TIMEOUT));
        } finally {
            ann.close();
        }
        assertTrue(errors.lines().getFirst().startsWith("Stage 3 (broadcast room) is not done yet: TODO 3: greet the newcomer -- in "),
                errors.text());
    }

    @Test
    void aCompileErrorIsReportedWithoutListening() throws Exception {
        StageSources.writeServer(lab(), StageId.BROADCAST_ROOM, "int x = \"text\";");

        Running server = server("", "--stage", "3");

        assertEquals(ExitCodes.DOES_NOT_COMPILE, server.exitCode(TIMEOUT));
        assertEquals(List.of(), screen.lines(), "nothing listens");
        assertEquals(List.of(
                "Stage 3 (broadcast room) in " + lab() + " does not compile (1 error):",
                "  " + lab() + "/stage3/src/main/java/chatlab/stage3/BroadcastRoomServer.java:9: error: incompatible types: "
                        + "java.lang.String cannot be converted to int"), errors.lines());
    }

    @Test
    void aTakenPortIsReportedAsUnavailable() throws Exception {
        StageSources.writeServer(lab(), StageId.BROADCAST_ROOM, StageSources.greeter("hi"));
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Terminal terminal = new Terminal(new ByteArrayInputStream(new byte[0]), screen.printStream(), errors.printStream());

            int exitCode = ChatLab.run(terminal, new ChatLabHome(dir), "server", "--stage", "3",
                    "--port", Integer.toString(taken.getLocalPort()), "--impl", lab().toString());

            assertEquals(ExitCodes.UNAVAILABLE, exitCode);
            assertTrue(errors.lines().getFirst().startsWith("Cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": "),
                    errors.text());
        }
    }

    @Test
    void aStageThatDoesNotExistIsAUsageError() {
        Terminal terminal = new Terminal(new ByteArrayInputStream(new byte[0]), screen.printStream(), errors.printStream());

        assertEquals(ExitCodes.USAGE, ChatLab.run(terminal, new ChatLabHome(dir), "server", "--stage", "5"));
        assertTrue(errors.text().contains("'5' is not a stage: stages are 1 to 4"), errors.text());
    }

    /**
     * The whole command as a process, stopped the way Ctrl-C and {@code kill} stop it: its shutdown
     * hook closes the stage, which still gets to say goodbye to its client.
     */
    @Test
    void asAProcessSigtermClosesTheStageCleanly() throws Exception {
        StageSources.writeServer(lab(), StageId.HARDENED_ROOM, """
                try (java.net.Socket first = context.listener().accept()) {
                    var out = new chatlab.protocol.LineWriter(first.getOutputStream());
                    out.writeLine("hello");
                    try {
                        context.listener().accept().close(); // returns when the harness closes the listener
                    } finally {
                        Thread.interrupted(); // the harness interrupted us too; the notice must still go out
                        out.writeLine(chatlab.protocol.Protocol.ERROR_SHUTTING_DOWN);
                    }
                }
                """);
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-D" + ChatLabHome.PROPERTY + "=" + dir, "-cp", classpath(), ChatLab.class.getName(),
                "server", "--stage", "4", "--port", "0", "--impl", lab().toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            Matcher listening = LISTENING.matcher(String.valueOf(out.readLine()));
            assertTrue(listening.matches(), "the first line says where the server listens");
            try (ScriptedClient ann = ScriptedClient.connect("ann",
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(listening.group(1))))) {
                ann.expectLine("hello", TIMEOUT);

                process.destroy(); // SIGTERM

                ann.expectLine(Protocol.ERROR_SHUTTING_DOWN, TIMEOUT);
                assertTrue(process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "the process exits");
            }
        } finally {
            process.destroyForcibly();
        }
    }

    /** The README's main job, for real: the reference stage 4 as a process, closed by SIGTERM. */
    @Test
    void theReferenceHardenedRoomTellsItsMembersWhenItIsStopped() throws Exception {
        ChatLabHome checkout = ChatLabHome.locate();
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-D" + ChatLabHome.PROPERTY + "=" + checkout.root(), "-cp", classpath(), ChatLab.class.getName(),
                "server", "--stage", "4", "--port", "0")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            Matcher listening = LISTENING.matcher(String.valueOf(out.readLine()));
            assertTrue(listening.matches(), "the first line says where the server listens");
            try (ScriptedClient ann = ScriptedClient.connect("ann",
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(listening.group(1))))) {
                ann.expectLine(Protocol.NICK, TIMEOUT);
                ann.send("Ann");
                ann.expectLine(Protocol.joined("Ann"), TIMEOUT);
                ann.expectLine(Protocol.CONNECTED, TIMEOUT);

                process.destroy(); // SIGTERM, as Ctrl-C

                ann.expectLine(Protocol.ERROR_SHUTTING_DOWN, TIMEOUT);
                assertEquals(ScriptedClient.Ending.CLOSED_BY_SERVER, ann.awaitEnd(TIMEOUT));
                assertTrue(process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "the process exits");
            }
        } finally {
            process.destroyForcibly();
        }
    }

    /** The command's classpath: where this JVM loaded the command, common/ and picocli from. */
    private static String classpath() {
        return Stream.of(location(ChatLab.class), StageCompiler.commonLocation(), location(CommandLine.class))
                .map(Path::toString)
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
