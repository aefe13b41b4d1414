package chatlab.suite;

import chatlab.harness.ChatLabHome;
import chatlab.harness.Compilation;
import chatlab.harness.Implementation;
import chatlab.harness.StageCompiler;
import chatlab.harness.StageLoadException;
import chatlab.harness.StageLoader;
import chatlab.stage.ChatStage;
import chatlab.stage.StageId;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where the graded suite finds the implementation under test: a folder laid out like {@code labs/},
 * named by the JUnit configuration parameter (or system property) {@value #IMPLEMENTATION}; without
 * it, the checkout's reference solutions. Each stage is compiled once per run, in-process, exactly as
 * {@code chatlab server --impl} does it, and every scenario gets a fresh instance on a fresh socket.
 */
public final class Implementations {
    /** The configuration parameter naming the implementation's folder. */
    public static final String IMPLEMENTATION = "chatlab.impl";

    private Implementations() {
    }

    /** The implementation named by {@code spec} ({@code solutions}, {@code labs} or a folder). */
    public static StageLauncher launcher(String spec) {
        ChatLabHome home = ChatLabHome.locate();
        return new FolderLauncher(Implementation.resolve(spec, home), StageCompiler.forHome(home));
    }

    /** Compiles and loads each stage of one implementation folder, once. */
    private static final class FolderLauncher implements StageLauncher {
        private final Implementation implementation;
        private final StageCompiler compiler;
        private final Map<StageId, Compilation> compiled = new EnumMap<>(StageId.class);

        FolderLauncher(Implementation implementation, StageCompiler compiler) {
            this.implementation = implementation;
            this.compiler = compiler;
        }

        @Override
        public StageUnderTest start(StageId stage, chatlab.protocol.Limits limits) throws Exception {
            return LocalStage.start(stage, newServer(stage), limits, implementation);
        }

        private ChatStage newServer(StageId stage) throws StageUnavailableException, IOException {
            Compilation compilation;
            synchronized (compiled) {
                compilation = compiled.get(stage);
                if (compilation == null) {
                    compilation = compiler.compile(stage, implementation);
                    compiled.put(stage, compilation);
                }
            }
            return switch (compilation) {
                case Compilation.Compiled ok -> {
                    try {
                        yield StageLoader.load(ok);
                    } catch (StageLoadException e) {
                        throw new StageUnavailableException(stage + " cannot be loaded: " + e.getMessage());
                    }
                }
                case Compilation.Failed failed -> throw new StageUnavailableException(stage + " does not compile ("
                        + failed.total() + " error" + (failed.total() == 1 ? "" : "s") + "):\n"
                        + failed.problems().stream().map(p -> "  " + p.toString(implementation))
                        .collect(Collectors.joining("\n")));
                case Compilation.Missing missing -> throw new StageUnavailableException(stage + " has no sources in "
                        + implementation.show(implementation.root().relativize(missing.expected()).toString()));
            };
        }
    }
}
