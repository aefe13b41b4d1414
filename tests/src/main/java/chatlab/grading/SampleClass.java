package chatlab.grading;

import chatlab.harness.ChatLabHome;
import chatlab.harness.Folders;
import chatlab.stage.StageId;
import chatlab.suite.MistakeCatalogue;
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
 * A class of submissions made from this checkout, to try the grader on before a real class (and to
 * test and time it): copies of the reference solutions, one submission per catalogued mistake and,
 * if asked, one per adversarial submission. A mistaken or hostile submission is the solutions with
 * that one stage swapped, as a student who got the other stages right would hand it in.
 */
public final class SampleClass {
    private SampleClass() {
    }

    /**
     * One student of the class.
     *
     * @param student its id, which says what it is: {@code correct-001}, the mistake's or the
     *                adversary's folder name
     * @param swapped the stage that is not the solution's, or null for a correct submission
     * @param source  the folder that stage came from (a catalogue or adversary folder), or null
     */
    public record Student(String student, StageId swapped, Path source) {
        public boolean correct() {
            return swapped == null;
        }
    }

    /** The smallest whole class: every catalogued mistake (and every adversary, if asked), and one correct submission. */
    public static List<Student> plan(ChatLabHome home, boolean adversaries) {
        List<Student> swapped = swapped(home, adversaries);
        return plan(swapped, swapped.size() + 1);
    }

    /**
     * A class of {@code size}: every catalogued mistake (and every adversary, if asked), then
     * correct submissions up to {@code size}; when {@code size} is smaller, the first
     * {@code size - 1} swapped ones and one correct submission.
     */
    public static List<Student> plan(ChatLabHome home, int size, boolean adversaries) {
        if (size < 1) {
            throw new IllegalArgumentException("a class has at least one student");
        }
        return plan(swapped(home, adversaries), size);
    }

    private static List<Student> plan(List<Student> swapped, int size) {
        List<Student> students = new ArrayList<>(swapped.subList(0, Math.min(swapped.size(), size - 1)));
        for (int n = 1; students.size() < size; n++) {
            students.add(new Student(String.format(Locale.ROOT, "correct-%03d", n), null, null));
        }
        return students;
    }

    private static List<Student> swapped(ChatLabHome home, boolean adversaries) {
        List<Student> swapped = new ArrayList<>();
        MistakeCatalogue.list(MistakeCatalogue.folderIn(home.root())).forEach(
                mistake -> swapped.add(new Student(mistake.id(), mistake.stage(), mistake.folder())));
        if (adversaries) {
            swapped.addAll(adversaries(home));
        }
        return swapped;
    }

    /** Writes {@code students} as a folder of submissions, one folder per student laid out like {@code labs/}. */
    public static void write(ChatLabHome home, List<Student> students, Path target) throws IOException {
        if (!Files.isDirectory(home.solutions())) {
            throw new IOException("this checkout has no solutions/ to make a class from (a student's copy?)");
        }
        Files.createDirectories(target);
        for (Student student : students) {
            Path folder = target.resolve(student.student());
            for (StageId stage : StageId.values()) {
                Path from = stage == student.swapped() ? student.source() : home.solutions();
                Folders.copyTree(from.resolve(stage.folderName()).resolve("src"), folder.resolve(stage.folderName()).resolve("src"));
            }
        }
    }

    /**
     * The hostile submissions of {@code tests/adversarial/}, by name, each as a student with its one
     * stage swapped.
     *
     * @throws IllegalStateException if a folder there holds other than exactly one stage
     */
    public static List<Student> adversaries(ChatLabHome home) {
        Path folder = home.root().resolve("tests").resolve("adversarial");
        try (Stream<Path> folders = Files.list(folder)) {
            return folders.filter(Files::isDirectory).sorted(Comparator.naturalOrder()).map(adversary -> {
                List<StageId> stages = Stream.of(StageId.values())
                        .filter(s -> Files.isDirectory(adversary.resolve(s.folderName()))).toList();
                if (stages.size() != 1) {
                    throw new IllegalStateException("an adversary holds exactly one stage: " + adversary);
                }
                return new Student(adversary.getFileName().toString(), stages.getFirst(), adversary);
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the adversarial submissions in " + folder, e);
        }
    }
}
