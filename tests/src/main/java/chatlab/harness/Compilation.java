package chatlab.harness;

import chatlab.stage.StageId;
import java.nio.file.Path;
import java.util.List;

/** What came of compiling one stage of an implementation. */
public sealed interface Compilation {

    /** The stage compiled. */
    StageId stage();

    /**
     * The stage's classes are in {@code classes}, a folder nobody writes to again.
     *
     * @param reused whether an earlier compilation of the same sources was found in the cache
     */
    record Compiled(StageId stage, Path classes, boolean reused) implements Compilation {
    }

    /**
     * javac found errors.
     *
     * @param problems the first few errors, in javac's order
     * @param total    how many errors javac reported in all
     */
    record Failed(StageId stage, List<CompileProblem> problems, int total) implements Compilation {
        public Failed {
            problems = List.copyOf(problems);
        }
    }

    /** The implementation has no Java sources for this stage where {@code expected} says. */
    record Missing(StageId stage, Path expected) implements Compilation {
    }
}
