package chatlab.demo;

import chatlab.harness.Compilation;
import chatlab.harness.Implementation;
import chatlab.harness.StageCompiler;
import chatlab.harness.StageLoadException;
import chatlab.harness.StageLoader;
import chatlab.harness.Todos;
import chatlab.stage.ChatStage;
import chatlab.stage.StageId;
import java.io.IOException;

/**
 * Compiles and loads a stage of an implementation for the demo. A stage that cannot run is not an
 * error of the demo: it comes back as one line for the student, and the other stages still run.
 */
final class StageSupply {
    private StageSupply() {
    }

    /** A stage ready to run, or why not. */
    sealed interface Supplied {
        record Ready(ChatStage server) implements Supplied {
        }

        record Unavailable(String why) implements Supplied {
        }
    }

    static Supplied load(StageId stage, Implementation implementation, StageCompiler compiler) {
        Compilation compilation;
        try {
            compilation = compiler.compile(stage, implementation);
        } catch (IOException | RuntimeException e) {
            return new Supplied.Unavailable(title(stage, implementation) + " cannot be compiled: " + e.getMessage());
        }
        return switch (compilation) {
            case Compilation.Missing missing -> new Supplied.Unavailable("There is no stage " + stage.number()
                    + " in " + implementation.name() + " (no Java sources in "
                    + implementation.show(implementation.root().relativize(missing.expected()).toString().replace('\\', '/'))
                    + ").");
            case Compilation.Failed failed -> new Supplied.Unavailable(title(stage, implementation)
                    + " does not compile: " + failed.problems().getFirst().toString(implementation).lines().findFirst().orElse("")
                    + (failed.total() > 1 ? " (and " + Wording.count(failed.total() - 1, "more error", "more errors") + ")" : ""));
            case Compilation.Compiled compiled -> make(compiled, implementation);
        };
    }

    private static Supplied make(Compilation.Compiled compiled, Implementation implementation) {
        try {
            return new Supplied.Ready(StageLoader.load(compiled));
        } catch (StageLoadException e) {
            return new Supplied.Unavailable(Todos.find(e)
                    .map(todo -> Todos.notDoneYet(compiled.stage(), todo, implementation))
                    .orElse(title(compiled.stage(), implementation) + " cannot be run: " + e.getMessage()));
        }
    }

    static String title(StageId stage, Implementation implementation) {
        return "Stage " + stage.number() + " (" + stage.title() + ") in " + implementation.name();
    }
}
