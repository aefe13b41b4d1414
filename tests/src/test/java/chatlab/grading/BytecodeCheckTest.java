package chatlab.grading;

import chatlab.harness.Folders;
import static chatlab.grading.BytecodeCheckRules.ENDS_THE_JVM;
import static chatlab.grading.BytecodeCheckRules.FILES;
import static chatlab.grading.BytecodeCheckRules.FILE_DESCRIPTORS;
import static chatlab.grading.BytecodeCheckRules.INTERNALS;
import static chatlab.grading.BytecodeCheckRules.LOADS_CLASSES;
import static chatlab.grading.BytecodeCheckRules.NATIVE_CODE;
import static chatlab.grading.BytecodeCheckRules.OTHER_PROCESSES;
import static chatlab.grading.BytecodeCheckRules.OWN_POOL;
import static chatlab.grading.BytecodeCheckRules.OWN_THREAD;
import static chatlab.grading.BytecodeCheckRules.PARALLEL_STREAM;
import static chatlab.grading.BytecodeCheckRules.REFLECTION;
import static chatlab.grading.BytecodeCheckRules.SETTINGS;
import static chatlab.grading.BytecodeCheckRules.SHARED_POOL;
import static chatlab.grading.BytecodeCheckRules.SHUTDOWN_HOOK;
import static chatlab.grading.BytecodeCheckRules.SOCKETS;
import static chatlab.grading.BytecodeCheckRules.STANDARD_STREAMS;
import static chatlab.grading.BytecodeCheckRules.TIMER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import chatlab.harness.ChatLabHome;
import chatlab.harness.Compilation;
import chatlab.harness.StageCompiler;
import chatlab.harness.StageSources;
import chatlab.stage.StageId;
import chatlab.suite.MistakeCatalogue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

class BytecodeCheckTest {
    private static final ChatLabHome HOME = ChatLabHome.locate();

    /** The adversaries only the run-time limits can stop: nothing they call is forbidden. */
    private static final Set<String> RUNTIME_ONLY = Set.of(
            "loops-forever", "starts-threads-without-end", "allocates-without-end", "prints-megabytes");

    /** What the check must find in each other adversary: every call, at the line holding its code. */
    private static final Map<String, List<Expected>> FLAGGED = Map.of(
            "calls-system-exit", List.of(
                    new Expected("OneShotServer.java", "System.exit(0)", "System.exit(...)", ENDS_THE_JVM)),
            "exits-through-reflection", List.of(
                    new Expected("AcceptLoopServer.java", "Class.forName(", "Class.forName(...)", LOADS_CLASSES),
                    new Expected("AcceptLoopServer.java", ".getMethod(", "Class.getMethod(...)", REFLECTION),
                    new Expected("AcceptLoopServer.java", ".getMethod(", "Method.invoke(...)", REFLECTION)),
            "binds-a-fixed-port", List.of(
                    new Expected("AcceptLoopServer.java", "new ServerSocket(5050)", "new ServerSocket(...)", SOCKETS)),
            "writes-outside-its-folder", List.of(
                    new Expected("Connection.java", "Files.writeString(", "Files.writeString(...)", FILES)),
            "writes-its-own-results", List.of(
                    new Expected("OneShotServer.java", "Files.createDirectories(", "Files.createDirectories(...)", FILES),
                    new Expected("OneShotServer.java", "Files.writeString(", "Files.writeString(...)", FILES),
                    new Expected("OneShotServer.java", "new PrintWriter(", "new PrintWriter(...)", FILES)),
            "forges-the-worker-protocol", List.of(
                    new Expected("OneShotServer.java", "FileDescriptor.out", "new FileOutputStream(...)", FILE_DESCRIPTORS),
                    new Expected("OneShotServer.java", "FileDescriptor.out", "FileDescriptor.out", FILE_DESCRIPTORS)),
            "starts-threads-outside-the-factory", List.of(
                    new Expected("BroadcastRoomServer.java", "new Thread(", "new Thread(...)", OWN_THREAD)));

    /**
     * A call the check must find.
     *
     * @param file    the source file it is in
     * @param marker  text found on its line, and on no other line of the file
     * @param call    as the check writes it
     * @param reason  the reason the student reads
     */
    private record Expected(String file, String marker, String call, String reason) {
    }

    @TempDir
    Path scratch;

    @TestFactory
    @DisplayName("the reference solutions, the lab skeletons and every catalogued mistake make no forbidden call")
    Stream<DynamicTest> correctCodeIsNeverFlagged() {
        List<DynamicTest> tests = new ArrayList<>();
        for (StageId stage : StageId.values()) {
            tests.add(noForbiddenCall("solutions " + stage, stage, HOME.solutions()));
            tests.add(noForbiddenCall("labs " + stage, stage, HOME.labs()));
        }
        for (MistakeCatalogue.Mistake mistake : MistakeCatalogue.list(MistakeCatalogue.folderIn(HOME.root()))) {
            tests.add(noForbiddenCall("mistake " + mistake.id(), mistake.stage(), mistake.folder()));
        }
        return tests.stream();
    }

    private static DynamicTest noForbiddenCall(String name, StageId stage, Path implementation) {
        return DynamicTest.dynamicTest(name, () -> {
            List<ForbiddenCall> found = BytecodeCheck.check(compiled(stage, implementation));
            assertEquals(List.of(), found, () -> name + " is flagged:\n" + BytecodeCheck.describe(found));
        });
    }

    @Test
    @DisplayName("every adversary is either flagged by the check or left to the run-time limits")
    void everyAdversaryIsAccountedFor() throws IOException {
        Set<String> folders = SampleClass.adversaries(HOME).stream().map(SampleClass.Student::student)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> accounted = new TreeSet<>(RUNTIME_ONLY);
        accounted.addAll(FLAGGED.keySet());
        assertEquals(accounted, folders);
        for (String adversary : folders) {
            Path description = adversary(adversary).source().resolve("ADVERSARY.md");
            assertTrue(Files.isRegularFile(description), adversary + " has no ADVERSARY.md");
            assertTrue(Files.readAllLines(description).getFirst().startsWith("# "), adversary + ": ADVERSARY.md starts with its title");
        }
    }

    @TestFactory
    @DisplayName("each adversary that makes a forbidden call is flagged, with the call, its line and its reason")
    Stream<DynamicTest> hostileCallsAreFlagged() {
        return FLAGGED.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> {
                    String adversary = entry.getKey();
                    Path folder = adversary(adversary).source();
                    StageId stage = adversary(adversary).swapped();
                    List<String> expected = entry.getValue().stream()
                            .map(e -> e.file() + ":" + lineOf(stage.sourceRoot(folder), e.file(), e.marker()) + ": "
                                    + e.call() + ": " + e.reason())
                            .sorted().toList();

                    List<ForbiddenCall> found = BytecodeCheck.check(compiled(stage, folder));

                    assertEquals(expected, found.stream().map(ForbiddenCall::toString).sorted().toList(), adversary);
                    String description = Files.readString(folder.resolve("ADVERSARY.md"), StandardCharsets.UTF_8);
                    for (String line : expected) {
                        assertTrue(description.contains(line), () -> adversary + "/ADVERSARY.md should quote: " + line);
                    }
                }));
    }

    @TestFactory
    @DisplayName("the adversaries for the run-time limits make no forbidden call (the check cannot stop them)")
    Stream<DynamicTest> runtimeOnlyAdversariesAreNotFlagged() {
        return RUNTIME_ONLY.stream().sorted().map(adversary -> {
            return noForbiddenCall(adversary, adversary(adversary).swapped(), adversary(adversary).source());
        });
    }

    /**
     * One forbidden use each, in a method of its own: the check finds exactly the calls expected, at
     * their lines, with their reasons, and nothing else.
     */
    @Test
    void eachForbiddenCallIsFoundWithItsReason() throws IOException {
        List<Case> cases = List.of(
                new Case("System.exit(1);", "System.exit(...)", ENDS_THE_JVM),
                new Case("Runtime.getRuntime().exit(1);", "Runtime.exit(...)", ENDS_THE_JVM),
                new Case("Runtime.getRuntime().halt(1);", "Runtime.halt(...)", ENDS_THE_JVM),
                new Case("java.util.function.IntConsumer exit = System::exit;", "System::exit", ENDS_THE_JVM),
                new Case("Runtime.getRuntime().exec(new String[] {\"ls\"});", "Runtime.exec(...)", OTHER_PROCESSES),
                new Case("new ProcessBuilder(\"ls\").start();",
                        "new ProcessBuilder(...)", OTHER_PROCESSES, "ProcessBuilder.start(...)", OTHER_PROCESSES),
                new Case("ProcessHandle.current().parent();",
                        "ProcessHandle.current(...)", OTHER_PROCESSES, "ProcessHandle.parent(...)", OTHER_PROCESSES),
                new Case("Runtime.getRuntime().addShutdownHook(context.threads().newThread(() -> { }));",
                        "Runtime.addShutdownHook(...)", SHUTDOWN_HOOK),
                new Case("new Thread(() -> { }).start();", "new Thread(...)", OWN_THREAD),
                new Case("java.util.function.Function<Runnable, Thread> make = Thread::new;", "Thread::new", OWN_THREAD),
                new Case("new Worker().start();", "new BroadcastRoomServer.Worker(...)", OWN_THREAD),
                new Case("new Thread() { }.start();", "new Thread() {...}", OWN_THREAD),
                new Case("class Local extends Thread { } new Local().start();",
                        "extends Thread", OWN_THREAD, "new BroadcastRoomServer.Local(...)", OWN_THREAD),
                new Case("Thread.ofVirtual().start(() -> { });", "Thread.ofVirtual(...)", OWN_THREAD),
                new Case("Thread.ofPlatform().start(() -> { });", "Thread.ofPlatform(...)", OWN_THREAD),
                new Case("Thread.startVirtualThread(() -> { });", "Thread.startVirtualThread(...)", OWN_THREAD),
                new Case("chatlab.concurrency.CountingThreadFactory.virtual(\"mine\");",
                        "CountingThreadFactory.virtual(...)", OWN_THREAD),
                new Case("Executors.newFixedThreadPool(2).close();", "Executors.newFixedThreadPool(...)", OWN_POOL),
                new Case("Executors.newCachedThreadPool().close();", "Executors.newCachedThreadPool(...)", OWN_POOL),
                new Case("Executors.newVirtualThreadPerTaskExecutor().close();",
                        "Executors.newVirtualThreadPerTaskExecutor(...)", OWN_POOL),
                new Case("Executors.newSingleThreadScheduledExecutor().close();",
                        "Executors.newSingleThreadScheduledExecutor(...)", OWN_POOL),
                new Case("Executors.newFixedThreadPool(2, Executors.defaultThreadFactory()).close();",
                        "Executors.defaultThreadFactory(...)", OWN_POOL),
                new Case("new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>()).close();",
                        "new ThreadPoolExecutor(...)", OWN_POOL),
                new Case("new ForkJoinPool().close();", "new ForkJoinPool(...)", OWN_POOL),
                new Case("ForkJoinPool.commonPool().execute(() -> { });", "ForkJoinPool.commonPool(...)", SHARED_POOL),
                new Case("CompletableFuture.runAsync(() -> { });", "CompletableFuture.runAsync(...)", SHARED_POOL),
                new Case("CompletableFuture.supplyAsync(() -> 1);", "CompletableFuture.supplyAsync(...)", SHARED_POOL),
                new Case("CompletableFuture.completedFuture(1).thenApplyAsync(x -> x);",
                        "CompletableFuture.thenApplyAsync(...)", SHARED_POOL),
                new Case("new ArrayList<Integer>().parallelStream().count();", "ArrayList.parallelStream(...)", PARALLEL_STREAM),
                new Case("IntStream.range(0, 9).parallel().sum();", "IntStream.parallel(...)", PARALLEL_STREAM),
                new Case("new Timer().cancel();", "new Timer(...)", TIMER),
                new Case("Files.readAllLines(Path.of(\"x\"));", "Files.readAllLines(...)", FILES),
                new Case("new FileOutputStream(\"x\").close();", "new FileOutputStream(...)", FILES),
                new Case("new FileInputStream(\"x\").close();", "new FileInputStream(...)", FILES),
                new Case("new FileWriter(\"x\").close();", "new FileWriter(...)", FILES),
                new Case("new FileReader(\"x\").close();", "new FileReader(...)", FILES),
                new Case("new RandomAccessFile(\"x\", \"rw\").close();", "new RandomAccessFile(...)", FILES),
                new Case("new PrintWriter(new File(\"x\")).close();", "new PrintWriter(...)", FILES),
                new Case("new PrintStream(\"x\").close();", "new PrintStream(...)", FILES),
                new Case("FileChannel.open(Path.of(\"x\")).close();", "FileChannel.open(...)", FILES),
                new Case("new File(\"x\").delete();", "File.delete(...)", FILES),
                new Case("new ServerSocket(5050).close();", "new ServerSocket(...)", SOCKETS),
                new Case("ServerSocketChannel.open().close();", "ServerSocketChannel.open(...)", SOCKETS),
                new Case("new DatagramSocket().close();", "new DatagramSocket(...)", SOCKETS),
                new Case("AsynchronousServerSocketChannel.open().close();", "AsynchronousServerSocketChannel.open(...)", SOCKETS),
                new Case("System.setOut(System.err);", "System.setOut(...)", STANDARD_STREAMS),
                new Case("System.setIn(InputStream.nullInputStream());", "System.setIn(...)", STANDARD_STREAMS),
                new Case("new FileOutputStream(FileDescriptor.err).close();",
                        "FileDescriptor.err", FILE_DESCRIPTORS, "new FileOutputStream(...)", FILE_DESCRIPTORS),
                new Case("System.setProperty(\"user.dir\", \"/\");", "System.setProperty(...)", SETTINGS),
                new Case("System.getProperties().clear();", "System.getProperties(...)", SETTINGS),
                new Case("System.setSecurityManager(null);", "System.setSecurityManager(...)", SETTINGS),
                new Case("System.loadLibrary(\"evil\");", "System.loadLibrary(...)", NATIVE_CODE),
                new Case("Object unsafe = sun.misc.Unsafe.class;", "Unsafe.class", INTERNALS),
                new Case("Class.forName(\"java.lang.System\");", "Class.forName(...)", LOADS_CLASSES),
                new Case("getClass().getClassLoader().loadClass(\"java.lang.System\");", "ClassLoader.loadClass(...)", LOADS_CLASSES),
                new Case("new URLClassLoader(new URL[0]).close();", "new URLClassLoader(...)", LOADS_CLASSES),
                new Case("String.class.getMethod(\"length\").invoke(\"x\");",
                        "Class.getMethod(...)", REFLECTION, "Method.invoke(...)", REFLECTION),
                new Case("String.class.getDeclaredField(\"value\").trySetAccessible();",
                        "Class.getDeclaredField(...)", REFLECTION, "Field.trySetAccessible(...)", REFLECTION),
                new Case("MethodHandles.lookup().findStatic(System.class, \"exit\", MethodType.methodType(void.class, int.class));",
                        "MethodHandles.Lookup.findStatic(...)", REFLECTION),
                new Case("System.exit(1); System.exit(2);", "System.exit(...)", ENDS_THE_JVM)); // once per line

        Compiled compiled = compileCases(cases, """
                static final class Worker extends Thread {
                }
                """);

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            for (int j = 0; j < cases.get(i).calls().size(); j += 2) {
                expected.add("BroadcastRoomServer.java:" + compiled.lines().get(i) + ": " + cases.get(i).calls().get(j)
                        + ": " + cases.get(i).calls().get(j + 1));
            }
        }
        // The nested class's implicit constructor calls super(): that is where it extends Thread.
        expected.add("BroadcastRoomServer.java:" + (compiled.lastLine() + 1) + ": extends Thread: " + OWN_THREAD);
        assertSameLines(expected, compiled.found().stream().map(ForbiddenCall::toString).toList());
        assertTrue(compiled.found().stream().anyMatch(f -> f.className().equals("chatlab.stage3.BroadcastRoomServer$Worker")),
                "the super() call is found in the nested class");
    }

    /** What a stage may do, written the ways students write it: nothing is flagged. */
    @Test
    void whatAStageMayDoIsNotFlagged() throws IOException {
        List<Case> cases = Stream.of(
                        "Executors.newThreadPerTaskExecutor(context.threads()).close();",
                        "Executors.newFixedThreadPool(2, context.threads()).close();",
                        "Executors.newScheduledThreadPool(1, context.threads()).close();",
                        "new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), context.threads()).close();",
                        "context.threads().newThread(() -> { }).start();",
                        "try (TaskScope scope = TaskScope.open(context.threads())) { scope.fork(() -> null); scope.join(); }",
                        "new chatlab.concurrency.CountingThreadFactory(context.threads()).newThread(() -> { });",
                        "CompletableFuture.runAsync(() -> { }, Executors.newThreadPerTaskExecutor(context.threads()));",
                        "CompletableFuture.completedFuture(1).thenApply(x -> x).join();",
                        "Thread.setDefaultUncaughtExceptionHandler((thread, e) -> { });",
                        "Thread.currentThread().interrupt(); Thread.interrupted(); Thread.onSpinWait(); Thread.yield();",
                        "Thread.sleep(0); Thread.currentThread().getName();",
                        "new ArrayList<Integer>().stream().count(); IntStream.range(0, 9).sum(); Arrays.sort(new int[2]);",
                        "System.out.println(\"hi\"); System.err.println(\"hi\"); context.console().println(\"hi\");",
                        "new PrintWriter(new java.io.StringWriter()).close(); new PrintStream(new java.io.ByteArrayOutputStream()).close();",
                        "new Scanner(\"a b\").next(); Path.of(\"x\").getFileName();",
                        "context.listener().accept().close(); new Socket().close();",
                        "System.nanoTime(); System.currentTimeMillis(); System.lineSeparator(); System.getProperty(\"os.name\");",
                        "System.arraycopy(new int[1], 0, new int[1], 0, 1); Runtime.getRuntime().availableProcessors();",
                        "getClass().getSimpleName(); String.class.getName(); new ReentrantLock().lock();",
                        "record Pair(int a, String b) { } new Pair(1, \"x\").toString(); new Pair(1, \"x\").hashCode();",
                        "Object o = 1; String s = switch (o) { case Integer i when i > 0 -> \"i\" + i; default -> \"o\"; };",
                        "java.util.function.Supplier<String> name = context::operatorName; name.get();",
                        "java.util.function.Function<Runnable, Thread> make = context.threads()::newThread;",
                        "Runnable task = new Runnable() { public void run() { } }; context.threads().newThread(task);")
                .map(code -> new Case(code))
                .toList();

        Compiled compiled = compileCases(cases, "");

        assertEquals(List.of(), compiled.found(), () -> BytecodeCheck.describe(compiled.found()));
    }

    @Test
    void theFeedbackNamesFileLineCallAndReason() throws IOException {
        Path lab = scratch.resolve("lab");
        StageSources.writeServer(lab, StageId.ONE_SHOT, """
                context.listener().accept();
                System.exit(0);
                """);

        List<ForbiddenCall> found = BytecodeCheck.check(compiled(StageId.ONE_SHOT, lab, scratch.resolve("cache")));

        assertEquals(List.of(new ForbiddenCall("chatlab.stage1.OneShotServer", "OneShotServer.java", 10,
                "System.exit(...)", ENDS_THE_JVM)), found);
        assertEquals("OneShotServer.java:10: System.exit(...): a stage must never end the JVM: return from serve instead",
                BytecodeCheck.describe(found));
    }

    @Test
    void describeGivesOneLinePerCall() {
        ForbiddenCall exit = new ForbiddenCall("chatlab.stage1.OneShotServer", "OneShotServer.java", 42, "System.exit(...)", ENDS_THE_JVM);
        ForbiddenCall noLine = new ForbiddenCall("chatlab.stage1.Helper", "Helper.java", 0, "new Thread(...)", OWN_THREAD);

        assertEquals("OneShotServer.java:42: System.exit(...): a stage must never end the JVM: return from serve instead\n"
                + "Helper.java: new Thread(...): " + OWN_THREAD, BytecodeCheck.describe(List.of(exit, noLine)));
        assertEquals("", BytecodeCheck.describe(List.of()));
    }

    @Test
    void everyReasonIsOneLineForTheStudent() {
        for (String reason : List.of(ENDS_THE_JVM, OTHER_PROCESSES, SHUTDOWN_HOOK, OWN_THREAD, OWN_POOL, SHARED_POOL,
                PARALLEL_STREAM, TIMER, FILES, SOCKETS, STANDARD_STREAMS, FILE_DESCRIPTORS, REFLECTION, LOADS_CLASSES,
                INTERNALS, SETTINGS, NATIVE_CODE)) {
            assertFalse(reason.contains("\n"), reason);
            assertTrue(reason.startsWith("a ") || reason.startsWith("every ") || reason.startsWith("this ")
                    || reason.startsWith("without "), reason);
        }
    }

    // --- helpers ---

    /** Fails with what is missing and what is unexpected, rather than two long lists to compare. */
    private static void assertSameLines(List<String> expected, List<String> actual) {
        List<String> missing = expected.stream().filter(line -> !actual.contains(line)).toList();
        List<String> unexpected = actual.stream().filter(line -> !expected.contains(line)).toList();
        assertTrue(missing.isEmpty() && unexpected.isEmpty(), () -> "missing:\n" + String.join("\n", missing)
                + "\nunexpected:\n" + String.join("\n", unexpected));
        assertEquals(expected.size(), actual.size(), "each call once per line");
    }

    /**
     * One method's body, and the calls expected in it: pairs of call (as written by the check) and
     * reason.
     */
    private record Case(String code, List<String> calls) {
        Case(String code, String... calls) {
            this(code, List.of(calls));
        }
    }

    /** Cases compiled in one class: the line of each case's code, the class's last line, what was found. */
    private record Compiled(List<Integer> lines, int lastLine, List<ForbiddenCall> found) {
    }

    /** Compiles each case as a method of stage 3's server class, followed by {@code members}. */
    private Compiled compileCases(List<Case> cases, String members) throws IOException {
        List<String> source = new ArrayList<>(List.of(
                "package chatlab.stage3;",
                "",
                "import chatlab.concurrency.TaskScope;",
                "import chatlab.stage.ChatStage;",
                "import chatlab.stage.StageContext;",
                "import java.io.*;",
                "import java.lang.invoke.*;",
                "import java.net.*;",
                "import java.nio.channels.*;",
                "import java.nio.file.*;",
                "import java.util.*;",
                "import java.util.concurrent.*;",
                "import java.util.concurrent.locks.ReentrantLock;",
                "import java.util.stream.IntStream;",
                "",
                "public class BroadcastRoomServer implements ChatStage {",
                "    @Override",
                "    public void serve(StageContext context) throws Exception {",
                "    }"));
        List<Integer> lines = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            source.add("");
            source.add("    void case" + i + "(StageContext context) throws Exception {");
            source.add("        " + cases.get(i).code());
            lines.add(source.size()); // lines count from 1
            source.add("    }");
        }
        int lastLine = source.size();
        source.addAll(members.lines().map(line -> "    " + line).toList());
        source.add("}");
        Path lab = scratch.resolve("cases");
        Folders.deleteTree(lab);
        StageSources.writeClass(lab, StageId.BROADCAST_ROOM, "BroadcastRoomServer", String.join("\n", source) + "\n");
        Path classes = compiled(StageId.BROADCAST_ROOM, lab, scratch.resolve("cache"));
        return new Compiled(lines, lastLine, BytecodeCheck.check(classes));
    }

    private static Path compiled(StageId stage, Path implementation) throws IOException {
        return compiled(stage, implementation, HOME.stageCache());
    }

    private static Path compiled(StageId stage, Path implementation, Path cache) throws IOException {
        Compilation compilation = new StageCompiler(cache).compile(stage, implementation);
        return switch (compilation) {
            case Compilation.Compiled compiled -> compiled.classes();
            case Compilation.Failed failed -> fail(implementation + " " + stage + " does not compile:\n"
                    + failed.problems().stream().map(Object::toString).collect(Collectors.joining("\n")));
            case Compilation.Missing missing -> fail(implementation + " has no " + stage + " in " + missing.expected());
        };
    }

    /** The adversary of that name in {@code tests/adversarial/}, with its one stage: there must be one. */
    private static SampleClass.Student adversary(String name) {
        return SampleClass.adversaries(HOME).stream().filter(a -> a.student().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("tests/adversarial/ has no " + name));
    }

    /** The line of {@code file} (under {@code sources}) that holds {@code marker}: there must be one. */
    private static int lineOf(Path sources, String file, String marker) {
        try (Stream<Path> walk = Files.walk(sources)) {
            Path source = walk.filter(p -> p.getFileName().toString().equals(file)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + file + " in " + sources));
            List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
            List<Integer> matching = IntStream.range(0, lines.size()).filter(i -> lines.get(i).contains(marker))
                    .map(i -> i + 1).boxed().toList();
            assertEquals(1, matching.size(), () -> "'" + marker + "' should be on exactly one line of " + source
                    + ", it is on " + matching);
            return matching.getFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
