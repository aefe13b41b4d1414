package chatlab.suite;

import chatlab.harness.Compilation;
import chatlab.harness.Implementation;
import chatlab.harness.StageCompiler;
import chatlab.stage.StageId;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The stages of one implementation folder, each compiled once, in this process, with the messages a
 * student reads when a stage does not compile, has no sources or cannot be loaded. Whether the
 * compiled classes then run in this JVM or in another is the launcher's business.
 */
public final class CompiledImplementation {
    private final Implementation implementation;
    private final StageCompiler compiler;
    private final Map<StageId, Compilation> compiled = new EnumMap<>(StageId.class); // guarded by itself

    public CompiledImplementation(Implementation implementation, StageCompiler compiler) {
        this.implementation = implementation;
        this.compiler = compiler;
    }

    public Implementation implementation() {
        return implementation;
    }

    /**
     * The compiled classes of {@code stage}, compiling it on first use.
     *
     * @throws StageUnavailableException if it does not compile or has no sources: its message says so
     * @throws IOException               if the sources cannot be read or the cache cannot be written
     */
    public Compilation.Compiled classes(StageId stage) throws StageUnavailableException, IOException {
        Compilation compilation;
        synchronized (compiled) {
            compilation = compiled.get(stage);
            if (compilation == null) {
                compilation = compiler.compile(stage, implementation);
                compiled.put(stage, compilation);
            }
        }
        return switch (compilation) {
            case Compilation.Compiled ok -> ok;
            case Compilation.Failed failed -> throw new StageUnavailableException(stage + " does not compile ("
                    + failed.total() + " error" + (failed.total() == 1 ? "" : "s") + "):\n"
                    + failed.problems().stream().map(p -> "  " + p.toString(implementation))
                    .collect(Collectors.joining("\n")));
            case Compilation.Missing missing -> throw new StageUnavailableException(stage + " has no sources in "
                    + implementation.show(implementation.root().relativize(missing.expected()).toString()));
        };
    }

    /** The stage compiled but cannot be loaded or made: {@code reason} says why. */
    public static StageUnavailableException cannotLoad(StageId stage, String reason) {
        return new StageUnavailableException(stage + " cannot be loaded: " + reason);
    }
}
