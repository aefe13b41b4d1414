package chatlab.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Copying and deleting a folder with everything in it: compile scratch, worker temp folders,
 * unpacked zips, a starter repository, a sample class.
 */
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

    /** Whether {@code folder} can be written into as new: it does not exist, or is an empty folder. */
    public static boolean isNewOrEmpty(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return true;
        }
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        }
    }

    /**
     * Copies {@code from} and everything below it to {@code to}, keeping file times and modes:
     * folders and regular files only (no links followed), and no build output ({@code target/}) or
     * {@code .git/}.
     */
    public static void copyTree(Path from, Path to) throws IOException {
        Set<Path> skip = new HashSet<>();
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path path : walk.toList()) {
                if (skip.stream().anyMatch(path::startsWith)) {
                    continue;
                }
                String name = path.getFileName() == null ? "" : path.getFileName().toString();
                if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) && (name.equals("target") || name.equals(".git"))) {
                    skip.add(path);
                    continue;
                }
                Path destination = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(destination);
                } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(destination.getParent());
                    Files.copy(path, destination, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (UncheckedIOException e) { // from the walk itself
            throw e.getCause();
        }
    }
}
