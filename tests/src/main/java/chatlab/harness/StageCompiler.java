package chatlab.harness;

import chatlab.stage.ChatStage;
import chatlab.stage.StageId;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles one stage of an implementation with the JDK's compiler, in this process, against
 * {@code common/}.
 *
 * <p>Compiled classes go to a cache folder named after the stage and a fingerprint of everything
 * they depend on ({@code <cache>/stage3-<sha256>}): the same sources are compiled once, and a
 * student's edit makes a new entry. Several processes may compile the same stage at once (a server
 * and a client started together, two graders): each compiles into a private folder and renames it
 * into place in one atomic step; whoever comes second finds the folder there and uses it. A folder in
 * the cache is therefore always complete, and never written again.
 *
 * <p>A compile error is not an exception: {@link #compile} returns {@link Compilation.Failed} with the
 * first few of javac's messages, trimmed to {@code file:line: error: message}.
 */
public final class StageCompiler {
    /** The Java release stages are compiled for, as in the Maven build. */
    public static final int RELEASE = 21;
    /** At most this many compile errors are kept; javac's first ones matter most. */
    public static final int MAX_PROBLEMS = 20;
    private static final int MAX_MESSAGE_LINES = 4;
    private static final String CACHE_VERSION = "chatlab-stage-cache/1";

    private final Path cache;
    private final List<Path> classpath;

    /** A compiler whose stages see {@code common/} as this process loaded it. */
    public StageCompiler(Path cache) {
        this(cache, List.of(commonLocation()));
    }

    /** A compiler whose stages see exactly {@code classpath} ({@code common/}'s jar or classes). */
    public StageCompiler(Path cache, List<Path> classpath) {
        this.cache = cache.toAbsolutePath().normalize();
        this.classpath = List.copyOf(classpath);
    }

    /** The compiler of a checkout, caching under its {@code target/}. */
    public static StageCompiler forHome(ChatLabHome home) {
        return new StageCompiler(home.stageCache());
    }

    /** Where this process loaded {@code common/} from: its jar or its classes folder. */
    public static Path commonLocation() {
        try {
            return Path.of(ChatStage.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot tell where chatlab-common was loaded from", e);
        }
    }

    /** Compiles {@code stage} of {@code implementation}. */
    public Compilation compile(StageId stage, Implementation implementation) throws IOException {
        return compile(stage, implementation.root());
    }

    /**
     * Compiles {@code stage} of the implementation rooted at {@code root}, or finds it compiled.
     *
     * @throws IOException           if the sources cannot be read or the cache cannot be written
     * @throws IllegalStateException if this Java runtime has no compiler (a JRE, not a JDK)
     */
    public Compilation compile(StageId stage, Path root) throws IOException {
        root = root.toAbsolutePath().normalize();
        Path sources = stage.sourceRoot(root);
        List<Path> files = javaFiles(sources);
        if (files.isEmpty()) {
            return new Compilation.Missing(stage, sources);
        }
        SourceFingerprint fingerprint = new SourceFingerprint(CACHE_VERSION + " release " + RELEASE
                + " javac " + Runtime.version().feature()).sources(root, files);
        for (Path entry : classpath) {
            fingerprint.classpathEntry(entry);
        }
        Path target = cache.resolve(stage.folderName() + "-" + fingerprint.hex());
        if (Files.isDirectory(target)) {
            return new Compilation.Compiled(stage, target, true);
        }

        Files.createDirectories(cache);
        Path scratch = Files.createTempDirectory(cache, "." + stage.folderName() + "-");
        try {
            List<CompileProblem> problems = new ArrayList<>();
            int total = javac(root, files, scratch, problems);
            if (total > 0) {
                return new Compilation.Failed(stage, problems, total);
            }
            return new Compilation.Compiled(stage, target, !moveIntoPlace(scratch, target));
        } finally {
            Folders.deleteTree(scratch);
        }
    }

    /** Runs javac; collects at most {@link #MAX_PROBLEMS} errors and returns how many there were. */
    private int javac(Path root, List<Path> files, Path output, List<CompileProblem> problems) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("this Java runtime has no compiler (" + System.getProperty("java.home")
                    + "): run ChatLab with a JDK 21 or newer, not a JRE");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = List.of(
                "--release", Integer.toString(RELEASE),
                "-encoding", "UTF-8",
                "-classpath", classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)),
                "-sourcepath", "",
                "-proc:none",
                "-implicit:none",
                "-nowarn",
                "-Xlint:none",
                "-d", output.toString());
        StringWriter otherOutput = new StringWriter(); // javac's notes; errors come as diagnostics
        try (StandardJavaFileManager fileManager = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            Iterable<? extends JavaFileObject> units = fileManager.getJavaFileObjectsFromPaths(files);
            boolean ok = javac.getTask(otherOutput, fileManager, diagnostics, options, null, units).call();
            List<Diagnostic<? extends JavaFileObject>> errors = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).toList();
            for (Diagnostic<? extends JavaFileObject> error : errors.subList(0, Math.min(MAX_PROBLEMS, errors.size()))) {
                problems.add(problem(root, error));
            }
            if (!ok && errors.isEmpty()) {
                problems.add(new CompileProblem("", 0, otherOutput.toString().strip()));
                return 1;
            }
            return errors.size();
        }
    }

    private static CompileProblem problem(Path root, Diagnostic<? extends JavaFileObject> error) {
        String file = "";
        if (error.getSource() != null) {
            Path path = Path.of(error.getSource().toUri());
            file = SourceFingerprint.slashed(path.startsWith(root) ? root.relativize(path) : path.getFileName());
        }
        String message = error.getMessage(Locale.ROOT).lines().limit(MAX_MESSAGE_LINES).collect(Collectors.joining("\n"));
        return new CompileProblem(file, Math.max(0, error.getLineNumber()), message);
    }

    /**
     * Renames the freshly compiled folder to its place in the cache.
     *
     * @return whether this call put it there (false: another process was first)
     */
    private static boolean moveIntoPlace(Path scratch, Path target) throws IOException {
        try {
            Files.move(scratch, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (FileSystemException e) {
            // The target exists: another process compiled the same sources first. Its folder is
            // complete (it got there by the same atomic rename) and holds the same classes.
            if (Files.isDirectory(target)) {
                return false;
            }
            throw e;
        }
    }

    private static List<Path> javaFiles(Path sources) throws IOException {
        if (!Files.isDirectory(sources)) {
            return List.of();
        }
        return SourceFingerprint.filesUnder(sources).stream()
                .filter(p -> p.getFileName().toString().endsWith(".java")).toList();
    }

    @Override
    public String toString() {
        return "StageCompiler[cache=" + cache + ", classpath=" + classpath + "]";
    }
}
