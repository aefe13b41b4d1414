package chatlab.harness;

import chatlab.stage.StageId;
import chatlab.stage.Todo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What to tell a student whose stage stopped at a {@link Todo}: which step is next, and where.
 *
 * <p>A {@code Todo} carries no stack trace (it is an expected stop, not a bug), so its place is
 * found in the sources: the line that throws it with this message, or else the {@code // TODO n:}
 * comment of the same step.
 */
public final class Todos {
    private Todos() {
    }

    /** The {@code Todo} that {@code failure} is, or was caused by (a scope wraps its subtasks' failures). */
    public static Optional<Todo> find(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof Todo todo) {
                return Optional.of(todo);
            }
        }
        return Optional.empty();
    }

    /**
     * One line for the student: {@code Stage 3 (broadcast room) is not done yet: TODO 2: ... -- in
     * labs/stage3/src/main/java/chatlab/stage3/BroadcastRoomServer.java:42. Fill it in and run again.}
     */
    public static String notDoneYet(StageId stage, Todo todo, Implementation implementation) {
        String where = locate(stage, todo, implementation)
                .orElse(implementation.show(SourceFingerprint.slashed(implementation.root().relativize(implementation.sources(stage)))));
        return "Stage " + stage.number() + " (" + stage.title() + ") is not done yet: TODO " + todo.getMessage()
                + " -- in " + where + ". Fill it in and run again.";
    }

    /** Where the step is: {@code labs/stage3/src/main/java/.../File.java:42}, if it can be found. */
    public static Optional<String> locate(StageId stage, Todo todo, Implementation implementation) {
        String message = String.valueOf(todo.getMessage());
        int colon = message.indexOf(':');
        String step = colon > 0 ? message.substring(0, colon).strip() : message.strip();
        // First the line that throws it (new Todo("...") or new chatlab.stage.Todo("...")), then the comment.
        List<String> needles = List.of("Todo(\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\")",
                "TODO " + step + ":");
        Path sources = implementation.sources(stage);
        try {
            List<Path> files = SourceFingerprint.filesUnder(sources).stream()
                    .filter(p -> p.toString().endsWith(".java")).toList();
            for (String needle : needles) {
                for (Path file : files) {
                    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                    for (int i = 0; i < lines.size(); i++) {
                        if (lines.get(i).contains(needle)) {
                            String relative = SourceFingerprint.slashed(implementation.root().relativize(file));
                            return Optional.of(implementation.show(relative) + ":" + (i + 1));
                        }
                    }
                }
            }
        } catch (IOException e) {
            // The sources cannot be read: say which stage, without a line.
        }
        return Optional.empty();
    }
}
