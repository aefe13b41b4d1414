package chatlab.grading;

import chatlab.harness.Implementation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Finds the submissions that {@code chatlab grade} is given. Each argument is one of:
 * <ul>
 *   <li>a folder laid out like {@code labs/} (it has {@code stage1/} ... {@code stage4/}), or a
 *       student's clone that contains {@code labs/}: one submission, named after the folder;</li>
 *   <li>a {@code .zip} of either: one submission, named after the zip, unpacked under the scratch
 *       folder first;</li>
 *   <li>a folder of those, one per student (named by student id): every one of them.</li>
 * </ul>
 * A submission that cannot be read is still returned, with the reason, so that it gets a grade
 * (zero) and a line of feedback instead of stopping the batch.
 */
public final class SubmissionFinder {
    private final Path scratch;

    /** @param scratch where zips are unpacked, one folder per submission */
    public SubmissionFinder(Path scratch) {
        this.scratch = scratch;
    }

    /** The submissions the arguments name, in the order given (a folder's students by id). */
    public List<Submission> find(List<Path> arguments) {
        List<Submission> found = new ArrayList<>();
        for (Path argument : arguments) {
            if (isZip(argument) || isSubmissionFolder(argument)) {
                found.add(one(argument));
            } else if (Files.isDirectory(argument)) {
                List<Path> children = children(argument);
                if (children.isEmpty()) {
                    found.add(Submission.unreadable(name(argument), argument,
                            "the folder is empty: it has no labs/, no stage1/ ... stage4/ folders and no submissions"));
                }
                children.forEach(child -> found.add(one(child)));
            } else {
                found.add(Submission.unreadable(name(argument), argument, Files.exists(argument)
                        ? "not a folder or a .zip" : "no such file or folder"));
            }
        }
        return found;
    }

    private Submission one(Path path) {
        String student = name(path);
        if (isZip(path)) {
            Path target = scratch.resolve(Submission.of(student, path).folderName());
            try {
                SafeUnzip.unpack(path, target);
            } catch (IOException | UncheckedIOException e) {
                return Submission.unreadable(student, path, "the zip cannot be unpacked: " + e.getMessage());
            }
            Path root = submissionRootIn(target);
            return root == null
                    ? Submission.unreadable(student, path, "the zip holds no labs/ folder and no stage1/ ... stage4/ folders")
                    : Submission.of(student, root);
        }
        if (Files.isDirectory(path)) {
            Path root = submissionRootIn(path);
            return root == null
                    ? Submission.unreadable(student, path, "the folder has no labs/ folder and no stage1/ ... stage4/ folders")
                    : Submission.of(student, root);
        }
        return Submission.unreadable(student, path, "not a folder or a .zip");
    }

    /**
     * The folder laid out like {@code labs/} in {@code dir}: itself, its {@code labs/}, or the same in
     * its only subfolder (a zip that holds one top folder); null if none.
     */
    static Path submissionRootIn(Path dir) {
        if (Implementation.hasStageFolders(dir)) {
            return dir;
        }
        if (Implementation.hasStageFolders(dir.resolve("labs"))) {
            return dir.resolve("labs");
        }
        List<Path> children = children(dir).stream().filter(Files::isDirectory).toList();
        if (children.size() == 1 && !children.getFirst().getFileName().toString().equals("labs")) {
            return submissionRootIn(children.getFirst());
        }
        return null;
    }

    private static boolean isSubmissionFolder(Path path) {
        return Files.isDirectory(path)
                && (Implementation.hasStageFolders(path) || Implementation.hasStageFolders(path.resolve(Implementation.LABS)));
    }

    private static boolean isZip(Path path) {
        return Files.isRegularFile(path) && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip");
    }

    private static List<Path> children(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> Files.isDirectory(p) || isZip(p))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String name(Path path) {
        Path file = path.toAbsolutePath().normalize().getFileName();
        String name = file == null ? "submission" : file.toString();
        return name.toLowerCase(Locale.ROOT).endsWith(".zip") ? name.substring(0, name.length() - 4) : name;
    }
}
