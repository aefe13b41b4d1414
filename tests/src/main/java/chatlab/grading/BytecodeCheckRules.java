package chatlab.grading;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.objectweb.asm.Type;

/**
 * What a stage may not call, and why: the rules of {@link BytecodeCheck}, one per forbidden call,
 * each with the line the student reads.
 *
 * <p>A stage is a chat server handed everything it needs: a listening socket, a console and a
 * factory of threads, which the graders count. So it ends no JVM, starts no process, makes no
 * thread of its own, touches no file, binds no socket, and leaves the JVM as it found it (its
 * streams, settings, classes and internals). Anything else it may do.
 */
final class BytecodeCheckRules {

    static final String ENDS_THE_JVM = "a stage must never end the JVM: return from serve instead";
    static final String OTHER_PROCESSES = "a stage starts and touches no other process: all it does happens in its own code";
    static final String SHUTDOWN_HOOK = "a stage must not run code when the JVM ends: clean up before serve returns";
    static final String OWN_THREAD = "every thread a stage starts comes from context.threads(), which the grader counts:"
            + " use TaskScope.open(context.threads()) or context.threads().newThread(...)";
    static final String OWN_POOL = "this makes threads of its own, which the grader cannot count:"
            + " use Executors.newThreadPerTaskExecutor(context.threads())";
    static final String SHARED_POOL = "without an executor this runs on the JVM's shared pool, not on threads from"
            + " context.threads(): pass Executors.newThreadPerTaskExecutor(context.threads())";
    static final String PARALLEL_STREAM = "a parallel stream runs on the JVM's shared pool, not on threads from"
            + " context.threads(): use a plain stream";
    static final String TIMER = "a Timer runs a thread of its own: wait on a thread from context.threads()"
            + " (or with a socket timeout)";
    static final String FILES = "a chat server needs no files; the grader allows none";
    static final String SOCKETS = "a stage binds no socket of its own: the harness hands it its listening socket,"
            + " context.listener()";
    static final String STANDARD_STREAMS = "a stage must not replace the JVM's standard streams: print with context.console()";
    static final String FILE_DESCRIPTORS = "a stage must not write to the JVM's own streams behind its console:"
            + " print with context.console()";
    static final String REFLECTION = "a chat server needs no reflection, and the grader allows none: call methods directly";
    static final String LOADS_CLASSES = "a stage must not load or make classes at run time: use its classes directly";
    static final String INTERNALS = "a stage must not use the JVM's internals";
    static final String SETTINGS = "a stage must not change the JVM's settings";
    static final String NATIVE_CODE = "a stage must not load native code";

    /** How the code refers to something, which is how the student wrote it. */
    enum Form {
        /** {@code System.exit(0)}, {@code runtime.halt(1)} */
        CALL,
        /** {@code new Thread(task)} */
        NEW,
        /** a constructor's {@code super(...)}, written as {@code class Worker extends Thread} */
        SUPER,
        /** the {@code super(...)} of an anonymous class: {@code new Thread() { ... }} */
        ANONYMOUS_SUBCLASS,
        /** {@code System::exit} */
        METHOD_REFERENCE,
        /** {@code Thread::new} */
        CONSTRUCTOR_REFERENCE,
        /** {@code FileDescriptor.out} */
        FIELD,
        /** a cast, {@code instanceof} or array of a type */
        TYPE,
        /** {@code Unsafe.class} */
        CLASS_LITERAL;

        boolean constructs() {
            return this == NEW || this == SUPER || this == ANONYMOUS_SUBCLASS || this == CONSTRUCTOR_REFERENCE;
        }

        boolean calls() {
            return this == CALL || this == METHOD_REFERENCE;
        }
    }

    /**
     * One thing a stage's code refers to.
     *
     * @param form       how
     * @param owner      the class it belongs to, as the JVM names it ({@code java/lang/System})
     * @param name       the method or field ({@code exit}; {@code <init>} for a constructor; empty for a type)
     * @param descriptor the method's or field's descriptor (empty for a type)
     */
    record Reference(Form form, String owner, String name, String descriptor) {

        /** As the student wrote it: {@code System.exit(...)}, {@code new Thread(...)}, {@code System::exit}. */
        String asWritten() {
            String type = simpleName(owner);
            return switch (form) {
                case CALL -> type + "." + name + "(...)";
                case NEW -> "new " + type + "(...)";
                case SUPER -> "extends " + type;
                case ANONYMOUS_SUBCLASS -> "new " + type + "() {...}";
                case METHOD_REFERENCE -> type + "::" + name;
                case CONSTRUCTOR_REFERENCE -> type + "::new";
                case FIELD -> type + "." + name;
                case TYPE -> type;
                case CLASS_LITERAL -> type + ".class";
            };
        }

        /** The parameter types of a method or constructor. */
        List<String> parameters() {
            if (!descriptor.startsWith("(")) {
                return List.of();
            }
            return Arrays.stream(Type.getArgumentTypes(descriptor)).map(Type::getDescriptor).toList();
        }

        /**
         * The name as written in Java: {@code MethodHandles.Lookup} for {@code java/lang/invoke/MethodHandles$Lookup},
         * {@code Server.Worker} for a class {@code Worker} declared in a method of {@code Server}
         * ({@code Server$1Worker}).
         */
        private static String simpleName(String internalName) {
            String binaryName = internalName.substring(internalName.lastIndexOf('/') + 1);
            return Arrays.stream(binaryName.split("\\$")).map(part -> part.replaceFirst("^[0-9]+", ""))
                    .filter(part -> !part.isEmpty()).collect(Collectors.joining("."));
        }
    }

    /** One forbidden call: which references it covers, and the reason the student reads. */
    private record Rule(Matcher matcher, String reason) {
    }

    @FunctionalInterface
    private interface Matcher {
        boolean matches(Reference reference, BytecodeCheckTypes types);
    }

    private static final String THREAD_FACTORY = "Ljava/util/concurrent/ThreadFactory;";
    private static final String EXECUTOR = "Ljava/util/concurrent/Executor;";
    private static final Set<String> FILE_LIKE = Set.of("Ljava/lang/String;", "Ljava/io/File;", "Ljava/nio/file/Path;");
    private static final Set<String> FILE_OR_PATH = Set.of("Ljava/io/File;", "Ljava/nio/file/Path;");

    /** In order: the first rule that matches gives the reason. */
    private static final List<Rule> RULES = List.of(
            // Ending or escaping the JVM.
            new Rule(calls("java/lang/System", "exit"), ENDS_THE_JVM),
            new Rule(calls("java/lang/Runtime", "exit", "halt"), ENDS_THE_JVM),
            new Rule(calls("java/lang/Runtime", "exec"), OTHER_PROCESSES),
            new Rule(uses("java/lang/ProcessBuilder"), OTHER_PROCESSES),
            new Rule(uses("java/lang/ProcessHandle"), OTHER_PROCESSES),
            new Rule(calls("java/lang/Runtime", "addShutdownHook", "removeShutdownHook"), SHUTDOWN_HOOK),

            // Threads that do not come from the factory the stage is handed (context.threads()).
            new Rule((r, types) -> r.form().constructs() && types.isSubtype(r.owner(), "java/lang/Thread"), OWN_THREAD),
            new Rule(calls("java/lang/Thread", "ofPlatform", "ofVirtual", "startVirtualThread"), OWN_THREAD),
            new Rule(calls("chatlab/concurrency/CountingThreadFactory", "virtual", "platform"), OWN_THREAD),
            new Rule((r, types) -> r.form().calls() && r.owner().equals("java/util/concurrent/Executors")
                    && (r.name().startsWith("new") && !r.parameters().contains(THREAD_FACTORY)
                        || r.name().equals("defaultThreadFactory") || r.name().equals("privilegedThreadFactory")), OWN_POOL),
            new Rule((r, types) -> r.form().constructs() && !r.parameters().contains(THREAD_FACTORY)
                    && types.isSubtype(r.owner(), "java/util/concurrent/ThreadPoolExecutor"), OWN_POOL),
            new Rule(constructs("java/util/concurrent/ForkJoinPool"), OWN_POOL),
            new Rule(calls("java/util/concurrent/ForkJoinPool", "commonPool"), SHARED_POOL),
            new Rule((r, types) -> r.form().calls() && !r.parameters().contains(EXECUTOR)
                    && (r.name().endsWith("Async") || r.name().equals("delayedExecutor"))
                    && types.isSubtype(r.owner(), "java/util/concurrent/CompletionStage"), SHARED_POOL),
            new Rule((r, types) -> r.form().calls() && r.name().equals("parallelStream")
                    && types.isSubtype(r.owner(), "java/util/Collection"), PARALLEL_STREAM),
            new Rule((r, types) -> r.form().calls() && r.name().equals("parallel")
                    && types.isSubtype(r.owner(), "java/util/stream/BaseStream"), PARALLEL_STREAM),
            new Rule((r, types) -> r.form().calls() && r.owner().equals("java/util/Arrays")
                    && r.name().startsWith("parallel"), PARALLEL_STREAM),
            new Rule((r, types) -> r.form().constructs() && types.isSubtype(r.owner(), "java/util/Timer"), TIMER),

            // Files. (A stream made on a FileDescriptor is not a file, but the JVM's own streams.)
            new Rule((r, types) -> r.form().constructs() && r.parameters().contains("Ljava/io/FileDescriptor;"),
                    FILE_DESCRIPTORS),
            new Rule(uses("java/nio/file/Files"), FILES),
            new Rule(constructs("java/io/FileOutputStream"), FILES),
            new Rule(constructs("java/io/FileInputStream"), FILES),
            new Rule(constructs("java/io/FileWriter"), FILES),
            new Rule(constructs("java/io/FileReader"), FILES),
            new Rule(constructs("java/io/RandomAccessFile"), FILES),
            new Rule(constructsWithFirst("java/io/PrintWriter", FILE_LIKE), FILES),
            new Rule(constructsWithFirst("java/io/PrintStream", FILE_LIKE), FILES),
            new Rule(constructsWithFirst("java/util/Formatter", FILE_LIKE), FILES),
            new Rule(constructsWithFirst("java/util/Scanner", FILE_OR_PATH), FILES),
            new Rule(constructs("java/util/logging/FileHandler"), FILES),
            new Rule(calls("java/nio/channels/FileChannel", "open"), FILES),
            new Rule(calls("java/nio/channels/AsynchronousFileChannel", "open"), FILES),
            new Rule(uses("java/nio/file/spi/FileSystemProvider"), FILES),
            new Rule(calls("java/io/File", "createNewFile", "createTempFile", "delete", "deleteOnExit", "mkdir", "mkdirs",
                    "renameTo", "setExecutable", "setLastModified", "setReadable", "setReadOnly", "setWritable"), FILES),

            // Sockets of its own: the harness hands the stage its listening socket.
            new Rule(constructs("java/net/ServerSocket"), SOCKETS),
            new Rule((r, types) -> r.form().constructs() && types.isSubtype(r.owner(), "java/net/DatagramSocket"), SOCKETS),
            new Rule(calls("java/nio/channels/ServerSocketChannel", "open"), SOCKETS),
            new Rule(calls("java/nio/channels/DatagramChannel", "open"), SOCKETS),
            new Rule(calls("java/nio/channels/AsynchronousServerSocketChannel", "open"), SOCKETS),
            new Rule(calls("java/nio/channels/spi/SelectorProvider", "openServerSocketChannel", "openDatagramChannel"), SOCKETS),
            new Rule(calls("java/nio/channels/spi/AsynchronousChannelProvider", "openAsynchronousServerSocketChannel"), SOCKETS),
            new Rule((r, types) -> r.form().calls() && r.name().equals("createServerSocket")
                    && types.isSubtype(r.owner(), "javax/net/ServerSocketFactory"), SOCKETS),
            new Rule(uses("com/sun/net/httpserver"), SOCKETS),

            // Tampering with the JVM.
            new Rule(calls("java/lang/System", "setOut", "setErr", "setIn"), STANDARD_STREAMS),
            new Rule(uses("java/io/FileDescriptor"), FILE_DESCRIPTORS),
            new Rule(calls("java/lang/System", "setProperty", "setProperties", "getProperties", "clearProperty", "setSecurityManager"), SETTINGS),
            new Rule(calls("java/lang/System", "load", "loadLibrary"), NATIVE_CODE),
            new Rule(calls("java/lang/Runtime", "load", "loadLibrary"), NATIVE_CODE),
            new Rule((r, types) -> isInternal(r.owner()), INTERNALS),
            new Rule(calls("java/lang/Class", "forName", "newInstance"), LOADS_CLASSES),
            new Rule(calls("java/lang/Class", "getMethod", "getMethods", "getDeclaredMethod", "getDeclaredMethods",
                    "getField", "getFields", "getDeclaredField", "getDeclaredFields", "getConstructor", "getConstructors",
                    "getDeclaredConstructor", "getDeclaredConstructors", "getEnclosingMethod", "getEnclosingConstructor",
                    "getRecordComponents"), REFLECTION),
            new Rule((r, types) -> (r.form().constructs() || r.form().calls() && Set.of("loadClass", "defineClass",
                    "findClass", "findSystemClass", "findLoadedClass", "newInstance").contains(r.name()))
                    && types.isSubtype(r.owner(), "java/lang/ClassLoader"), LOADS_CLASSES),
            new Rule(calls("java/lang/invoke/MethodHandles$Lookup", "defineClass", "defineHiddenClass",
                    "defineHiddenClassWithClassData"), LOADS_CLASSES),
            new Rule(uses("java/lang/invoke/MethodHandles$Lookup"), REFLECTION),
            new Rule(calls("java/lang/invoke/MethodHandles", "privateLookupIn", "reflectAs"), REFLECTION),
            new Rule((r, types) -> r.form() != Form.TYPE && r.form() != Form.CLASS_LITERAL
                    && (types.isSubtype(r.owner(), "java/lang/reflect/AccessibleObject")
                        || r.owner().equals("java/lang/reflect/Proxy")), REFLECTION));

    private BytecodeCheckRules() {
    }

    /** Why {@code reference} is forbidden, or empty if a stage may make it. */
    static Optional<String> reasonFor(Reference reference, BytecodeCheckTypes types) {
        return RULES.stream().filter(rule -> rule.matcher().matches(reference, types)).map(Rule::reason).findFirst();
    }

    /** Calls to (or references to) the methods {@code names} of {@code owner}. */
    private static Matcher calls(String owner, String... names) {
        Set<String> methods = Set.of(names);
        return (r, types) -> r.form().calls() && r.owner().equals(owner) && methods.contains(r.name());
    }

    /** Any use of {@code owner} (its nested classes too): a call, a constructor, a field, a reference. */
    private static Matcher uses(String owner) {
        return (r, types) -> r.form() != Form.TYPE && r.form() != Form.CLASS_LITERAL
                && (r.owner().equals(owner) || r.owner().startsWith(owner + "$") || r.owner().startsWith(owner + "/"));
    }

    /** Any constructor of {@code owner} ({@code new}, {@code super(...)} in a subclass, {@code ::new}). */
    private static Matcher constructs(String owner) {
        return (r, types) -> r.form().constructs() && r.owner().equals(owner);
    }

    /** The constructors of {@code owner} whose first parameter is one of {@code firstParameters}. */
    private static Matcher constructsWithFirst(String owner, Set<String> firstParameters) {
        return (r, types) -> r.form().constructs() && r.owner().equals(owner)
                && !r.parameters().isEmpty() && firstParameters.contains(r.parameters().getFirst());
    }

    /** The JVM's own classes, never meant for applications: {@code sun.misc.Unsafe}, {@code jdk.internal.*}. */
    private static boolean isInternal(String owner) {
        return owner.startsWith("sun/") || owner.startsWith("jdk/internal/");
    }
}
