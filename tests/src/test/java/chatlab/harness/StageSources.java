package chatlab.harness;

import chatlab.stage.StageId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes small stage implementations into a folder laid out like {@code labs/}, for tests of the
 * harness and the command. A body is Java source for {@code serve}; the class name and package come
 * from the stage.
 */
public final class StageSources {
    private StageSources() {
    }

    /** A stage that greets each client with {@code greeting} and hangs up, until it is closed. */
    public static String greeter(String greeting) {
        return """
                while (true) {
                    try (java.net.Socket client = context.listener().accept()) {
                        client.getOutputStream().write("%s\\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
                """.formatted(greeting);
    }

    /** Writes the stage's server class with {@code serveBody} as the body of {@code serve}. */
    public static Path writeServer(Path implementation, StageId stage, String serveBody) throws IOException {
        return writeClass(implementation, stage, simpleName(stage), """
                package %s;

                import chatlab.stage.ChatStage;
                import chatlab.stage.StageContext;

                public class %s implements ChatStage {
                    @Override
                    public void serve(StageContext context) throws Exception {
                %s
                    }
                }
                """.formatted(packageOf(stage), simpleName(stage), serveBody.indent(8).stripTrailing()));
    }

    /** Writes any source file {@code simpleName}.java into the stage's package. */
    public static Path writeClass(Path implementation, StageId stage, String simpleName, String source) throws IOException {
        Path folder = stage.sourceRoot(implementation).resolve(packageOf(stage).replace('.', '/'));
        Files.createDirectories(folder);
        return Files.writeString(folder.resolve(simpleName + ".java"), source, StandardCharsets.UTF_8);
    }

    static String packageOf(StageId stage) {
        return stage.className().substring(0, stage.className().lastIndexOf('.'));
    }

    static String simpleName(StageId stage) {
        return stage.className().substring(stage.className().lastIndexOf('.') + 1);
    }
}
