package chatlab.harness;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The ChatLab checkout the command works in: where {@code solutions/}, {@code labs/} and the build's
 * {@code target/} are.
 *
 * <p>The launcher says where it is with {@code -Dchatlab.home}; without it (an IDE, a test) the home
 * is the nearest folder, from the working directory up, that holds {@code common/} and {@code labs/},
 * or else the working directory itself.
 *
 * @param root the checkout's top folder
 */
public record ChatLabHome(Path root) {
    /** The system property the launcher sets. */
    public static final String PROPERTY = "chatlab.home";

    public ChatLabHome {
        root = root.toAbsolutePath().normalize();
    }

    /** The home the launcher named, or the one found from the working directory. */
    public static ChatLabHome locate() {
        String named = System.getProperty(PROPERTY);
        if (named != null && !named.isBlank()) {
            return new ChatLabHome(Path.of(named));
        }
        Path workingDirectory = Path.of("").toAbsolutePath();
        for (Path dir = workingDirectory; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("common")) && Files.isDirectory(dir.resolve("labs"))) {
                return new ChatLabHome(dir);
            }
        }
        return new ChatLabHome(workingDirectory);
    }

    /** The reference solutions. */
    public Path solutions() {
        return root.resolve("solutions");
    }

    /** The student's skeletons (or, in a student's copy, their work). */
    public Path labs() {
        return root.resolve("labs");
    }

    /** Where compiled stages are kept, one folder per stage and version of its sources. */
    public Path stageCache() {
        return root.resolve("target").resolve("chatlab-cache");
    }
}
