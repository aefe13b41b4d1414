package chatlab.suite;

import chatlab.grading.host.RemoteLauncher;
import chatlab.harness.ChatLabHome;
import chatlab.harness.Implementation;
import chatlab.harness.StageCompiler;
import chatlab.harness.StageLoadException;
import chatlab.harness.StageLoader;
import chatlab.stage.StageId;

/**
 * Where the graded suite finds the implementation under test: a folder laid out like {@code labs/},
 * named by the JUnit configuration parameter (or system property) {@value #IMPLEMENTATION}; without
 * it, the checkout's reference solutions. Each stage is compiled once per run, in-process, exactly as
 * {@code chatlab server --impl} does it, and every scenario gets a fresh instance on a fresh socket.
 *
 * <p>The stages run in this JVM, unless {@value #STUDENT_JVM} is {@code true}: then they run in a JVM
 * of their own (the grader's choice for untrusted code), and this JVM only drives the properties.
 */
public final class Implementations {
    /** The configuration parameter naming the implementation's folder. */
    public static final String IMPLEMENTATION = "chatlab.impl";
    /** The configuration parameter (or system property) that, when {@code true}, runs stages in a JVM of their own. */
    public static final String STUDENT_JVM = "chatlab.studentJvm";

    private Implementations() {
    }

    /** The implementation named by {@code spec} ({@code solutions}, {@code labs} or a folder), run in this JVM. */
    public static StageLauncher launcher(String spec) {
        return launcher(spec, false);
    }

    /**
     * The implementation named by {@code spec} ({@code solutions}, {@code labs} or a folder), run in
     * this JVM or, if {@code studentJvm}, in a JVM of its own.
     */
    public static StageLauncher launcher(String spec, boolean studentJvm) {
        ChatLabHome home = ChatLabHome.locate();
        CompiledImplementation compiled = new CompiledImplementation(Implementation.resolve(spec, home),
                StageCompiler.forHome(home));
        return studentJvm ? new RemoteLauncher(compiled) : new FolderLauncher(compiled);
    }

    /** Compiles and loads each stage of one implementation folder, once, and runs it in this JVM. */
    private record FolderLauncher(CompiledImplementation compiled) implements StageLauncher {
        @Override
        public StageUnderTest start(StageId stage, chatlab.protocol.Limits limits) throws Exception {
            try {
                return LocalStage.start(stage, StageLoader.load(compiled.classes(stage)), limits,
                        compiled.implementation());
            } catch (StageLoadException e) {
                throw CompiledImplementation.cannotLoad(stage, e.getMessage());
            }
        }
    }
}
