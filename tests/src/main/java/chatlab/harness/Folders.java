package chatlab.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deleting a folder with everything in it: compile scratch, worker temp folders, unpacked zips. */
public final class Folders {
    private Folders() {
    }

    /** Deletes {@code root} and everything below it; nothing to do if it does not exist. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (UncheckedIOException e) { // from the walk itself
            throw e.getCause();
        }
    }

    /** The same, as far as it goes: what cannot be deleted is left (in a temporary folder, say). */
    public static void deleteQuietly(Path root) {
        try {
            deleteTree(root);
        } catch (IOException e) {
            // left where it is
        }
    }
}
