package chatlab.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatlab.concurrency.CountingThreadFactory;
import chatlab.driver.ScriptedClient;
import chatlab.driver.ScriptedConsole;
import chatlab.protocol.Limits;
import chatlab.stage.ChatStage;
import chatlab.stage.StageHost;
import chatlab.stage.StageId;
import chatlab.stage.Todo;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageCompilerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final StageId ROOM = StageId.BROADCAST_ROOM;

    @TempDir
    Path dir;

    private Path lab() {
        return dir.resolve("lab");
    }

    private StageCompiler compiler() {
        return new StageCompiler(dir.resolve("cache"));
    }

    @Test
    @SuppressWarnings("try") // StageHost.close() may throw InterruptedException: fine in a test
    void aGoodStageCompilesLoadsAndServes() throws Exception {
        StageSources.writeServer(lab(), ROOM, StageSources.greeter("hello from the lab"));

        Compilation.Compiled compiled = assertInstanceOf(Compilation.Compiled.class, compiler().compile(ROOM, lab()));
        ChatStage server = StageLoader.load(compiled);

        // The reference solution of stage 3 has the same class name and is on this test's classpath:
        // what answers must be the lab's class, from its own loader.
        assertEquals(ROOM.className(), server.getClass().getName());
        assertNotSame(ChatStage.class.getClassLoader(), server.getClass().getClassLoader());
        try (StageHost host = StageHost.start(ROOM, server, StageHost.listen(InetAddress.getLoopbackAddress(), 0),
                new ScriptedConsole(), CountingThreadFactory.virtual("test"), "Server", Limits.DEFAULT);
             ScriptedClient client = ScriptedClient.connect("ann", host.address())) {
            client.expectLine("hello from the lab", TIMEOUT);
        }
    }

    @Test
    void theSameSourcesAreCompiledOnceAndAnEditMakesANewEntry() throws Exception {
        Path source = StageSources.writeServer(lab(), ROOM, StageSources.greeter("one"));
        StageCompiler compiler = compiler();

        var first = assertInstanceOf(Compilation.Compiled.class, compiler.compile(ROOM, lab()));
        var again = assertInstanceOf(Compilation.Compiled.class, compiler.compile(ROOM, lab()));
        Files.writeString(source, Files.readString(source).replace("one", "two"));
        var edited = assertInstanceOf(Compilation.Compiled.class, compiler.compile(ROOM, lab()));

        assertEquals(List.of(false, true, false), List.of(first.reused(), again.reused(), edited.reused()));
        assertEquals(first.classes(), again.classes());
        assertNotEquals(first.classes(), edited.classes());
        assertTrue(first.classes().getFileName().toString().startsWith("stage3-"), first.classes().toString());
    }

    @Test
    void aCompileErrorIsAShortListOfProblemsNotAnException() throws Exception {
        StageSources.writeServer(lab(), ROOM, """
                int count = "three";
                context.listener().acept();
                """);

        var failed = assertInstanceOf(Compilation.Failed.class, compiler().compile(ROOM, lab()));

        assertEquals(2, failed.total());
        CompileProblem first = failed.problems().getFirst();
        assertEquals("stage3/src/main/java/chatlab/stage3/BroadcastRoomServer.java", first.file());
        assertEquals(9, first.line());
        assertTrue(first.message().startsWith("incompatible types"), first.message());
        Implementation labs = new Implementation("labs", lab());
        assertTrue(failed.problems().get(1).toString(labs).startsWith(
                "labs/stage3/src/main/java/chatlab/stage3/BroadcastRoomServer.java:10: error: cannot find symbol"),
                failed.problems().get(1).toString(labs));
        assertEquals(List.of(), cacheEntries(), "a failed compilation leaves nothing in the cache");
    }

    @Test
    void aStageWithoutSourcesIsMissing() throws Exception {
        StageSources.writeServer(lab(), ROOM, StageSources.greeter("hi"));

        var missing = assertInstanceOf(Compilation.Missing.class, compiler().compile(StageId.HARDENED_ROOM, lab()));

        assertEquals(StageId.HARDENED_ROOM.sourceRoot(lab().toAbsolutePath()), missing.expected());
    }

    @Test
    void twoCompilationsOfTheSameSourcesAtOnceBothSucceed() throws Exception {
        StageSources.writeServer(lab(), ROOM, StageSources.greeter("hello"));
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            // Two compilers, as two processes would have: nothing shared but the cache folder.
            List<Future<Compilation>> both = Stream.of(compiler(), compiler())
                    .map(compiler -> pool.submit(() -> {
                        start.await();
                        return compiler.compile(ROOM, lab());
                    }))
                    .toList();
            start.countDown();
            var one = assertInstanceOf(Compilation.Compiled.class, both.get(0).get());
            var other = assertInstanceOf(Compilation.Compiled.class, both.get(1).get());

            assertEquals(one.classes(), other.classes());
            assertTrue(one.reused() != other.reused(), "exactly one of them put the classes in place");
            assertEquals(List.of(one.classes().getFileName().toString()), cacheEntries(), "no scratch folder left");
            assertEquals(ROOM.className(), StageLoader.load(one).getClass().getName());
        }
    }

    @Test
    void aServerClassWithAnotherNameCannotBeLoaded() throws Exception {
        StageSources.writeClass(lab(), ROOM, "ChatServer", """
                package chatlab.stage3;

                public class ChatServer implements chatlab.stage.ChatStage {
                    public void serve(chatlab.stage.StageContext context) {
                    }
                }
                """);
        var compiled = assertInstanceOf(Compilation.Compiled.class, compiler().compile(ROOM, lab()));

        StageLoadException e = assertThrows(StageLoadException.class, () -> StageLoader.load(compiled));

        assertTrue(e.getMessage().startsWith("there is no class chatlab.stage3.BroadcastRoomServer"), e.getMessage());
    }

    @Test
    void aServerThatIsNotAChatStageCannotBeLoaded() throws Exception {
        StageSources.writeClass(lab(), ROOM, "BroadcastRoomServer", """
                package chatlab.stage3;

                public class BroadcastRoomServer {
                }
                """);
        var compiled = assertInstanceOf(Compilation.Compiled.class, compiler().compile(ROOM, lab()));

        StageLoadException e = assertThrows(StageLoadException.class, () -> StageLoader.load(compiled));

        assertEquals("chatlab.stage3.BroadcastRoomServer does not implement chatlab.stage.ChatStage", e.getMessage());
    }

    @Test
    void aTodoInTheConstructorIsFoundInTheCause() throws Exception {
        StageSources.writeClass(lab(), ROOM, "BroadcastRoomServer", """
                package chatlab.stage3;

                public class BroadcastRoomServer implements chatlab.stage.ChatStage {
                    private final Object room = todo();

                    private static Object todo() {
                        throw new chatlab.stage.Todo("1: make the room");
                    }

                    public void serve(chatlab.stage.StageContext context) {
                    }
                }
                """);
        var compiled = assertInstanceOf(Compilation.Compiled.class, compiler().compile(ROOM, lab()));

        StageLoadException e = assertThrows(StageLoadException.class, () -> StageLoader.load(compiled));

        Todo todo = Todos.find(e).orElseThrow();
        assertEquals("1: make the room", todo.getMessage());
        assertEquals("labs/stage3/src/main/java/chatlab/stage3/BroadcastRoomServer.java:7",
                Todos.locate(ROOM, todo, new Implementation("labs", lab())).orElseThrow());
    }

    private List<String> cacheEntries() throws IOException {
        Path cache = dir.resolve("cache");
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(cache)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
