package chatlab.harness;

import chatlab.stage.StageId;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One implementation of the lab: a folder with {@code stage1/} to {@code stage4/}, each holding its
 * sources under {@code src/main/java} (see {@link StageId#sourceRoot}).
 *
 * @param name how a person named it: {@code solutions}, {@code labs} or the folder as given; problems
 *             in its files are shown under this name ({@code labs/stage3/src/...})
 * @param root the folder with the {@code stageN/} subfolders
 */
public record Implementation(String name, Path root) {
    /** The {@code --impl} value that means the reference solutions. */
    public static final String SOLUTIONS = "solutions";
    /** The {@code --impl} value that means the checkout's {@code labs/}. */
    public static final String LABS = "labs";

    public Implementation {
        root = root.toAbsolutePath().normalize();
    }

    /**
     * What an {@code --impl} value names: {@code solutions}, {@code labs}, or a folder laid out like
     * {@code labs/}. A folder that itself contains {@code labs/} (a student's whole clone) means
     * that {@code labs/}.
     */
    public static Implementation resolve(String spec, ChatLabHome home) {
        return switch (spec) {
            case SOLUTIONS -> new Implementation(SOLUTIONS, home.solutions());
            case LABS -> new Implementation(LABS, home.labs());
            default -> {
                Path dir = Path.of(spec);
                if (!hasStageFolders(dir) && Files.isDirectory(dir.resolve(LABS))) {
                    yield new Implementation(spec.replaceAll("[/\\\\]+$", "") + "/" + LABS, dir.resolve(LABS));
                }
                yield new Implementation(spec.replaceAll("[/\\\\]+$", ""), dir);
            }
        };
    }

    /** Whether {@code dir} is laid out like {@code labs/}: it has at least one {@code stageN/} folder. */
    public static boolean hasStageFolders(Path dir) {
        for (StageId stage : StageId.values()) {
            if (Files.isDirectory(dir.resolve(stage.folderName()))) {
                return true;
            }
        }
        return false;
    }

    /** The stage's source folder: {@code <root>/stageN/src/main/java}. */
    public Path sources(StageId stage) {
        return stage.sourceRoot(root);
    }

    /** How a person sees a file of this implementation given relative to its root: {@code labs/stage3/...}. */
    public String show(String relativeFile) {
        return name + "/" + relativeFile;
    }
}
