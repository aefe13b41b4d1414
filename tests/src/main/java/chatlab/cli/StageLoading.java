package chatlab.cli;

import chatlab.harness.ChatLabHome;
import chatlab.harness.Compilation;
import chatlab.harness.Implementation;
import chatlab.harness.StageCompiler;
import chatlab.harness.StageLoadException;
import chatlab.harness.StageLoader;
import chatlab.harness.Todos;
import chatlab.stage.ChatStage;
import chatlab.stage.StageId;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Compiles and loads one stage of an implementation for a command, turning every way that can fail
 * into a {@link CommandFailure} a student can act on.
 */
final class StageLoading {
    private StageLoading() {
    }

    static ChatStage load(StageId stage, Implementation implementation, ChatLabHome home) {
        Compilation compilation;
        try {
            compilation = StageCompiler.forHome(home).compile(stage, implementation);
        } catch (IOException | RuntimeException e) {
            throw new CommandFailure(ExitCodes.SOFTWARE, "Cannot compile " + stage + " of " + implementation.name()
                    + ": " + e);
        }
        return switch (compilation) {
            case Compilation.Missing missing -> throw new CommandFailure(ExitCodes.USAGE, "There is no stage "
                    + stage.number() + " in " + implementation.name() + ": its Java sources belong in "
                    + shown(implementation, missing.expected()));
            case Compilation.Failed failed -> throw new CommandFailure(ExitCodes.DOES_NOT_COMPILE,
                    doesNotCompile(implementation, failed));
            case Compilation.Compiled compiled -> make(compiled, implementation);
        };
    }

    private static ChatStage make(Compilation.Compiled compiled, Implementation implementation) {
        try {
            return StageLoader.load(compiled);
        } catch (StageLoadException e) {
            var todo = Todos.find(e);
            if (todo.isPresent()) {
                throw new CommandFailure(ExitCodes.NOT_DONE, Todos.notDoneYet(compiled.stage(), todo.get(), implementation));
            }
            throw new CommandFailure(ExitCodes.SOFTWARE, "Cannot run " + compiled.stage() + " of "
                    + implementation.name() + ": " + e.getMessage());
        }
    }

    static String doesNotCompile(Implementation implementation, Compilation.Failed failed) {
        StageId stage = failed.stage();
        String problems = failed.problems().stream().map(p -> indent(p.toString(implementation)))
                .collect(Collectors.joining(System.lineSeparator()));
        String more = failed.total() > failed.problems().size()
                ? System.lineSeparator() + "  ... and " + (failed.total() - failed.problems().size()) + " more"
                : "";
        return "Stage " + stage.number() + " (" + stage.title() + ") in " + implementation.name() + " does not compile ("
                + failed.total() + (failed.total() == 1 ? " error" : " errors") + "):" + System.lineSeparator()
                + problems + more;
    }

    private static String indent(String problem) {
        return problem.lines().map(line -> "  " + line).collect(Collectors.joining(System.lineSeparator()));
    }

    private static String shown(Implementation implementation, Path path) {
        Path relative = implementation.root().relativize(path);
        return implementation.show(relative.toString().replace('\\', '/'));
    }
}
