package chatlab.grading;

import java.nio.file.Path;

/**
 * One student's submission, found and ready to grade.
 *
 * @param student the student's id: the name of the submission's folder or zip
 * @param root    the folder laid out like {@code labs/} (a student's whole clone is resolved to its
 *                {@code labs/}), or, for a submission that could not be read, where it was
 * @param problem empty when it can be graded; otherwise why not, for the student to read
 */
public record Submission(String student, Path root, String problem) {

    /** A submission that can be graded. */
    public static Submission of(String student, Path root) {
        return new Submission(student, root, "");
    }

    /** A submission that cannot be graded, and why. */
    public static Submission unreadable(String student, Path where, String problem) {
        return new Submission(student, where, problem);
    }

    public boolean readable() {
        return problem.isEmpty();
    }

    /** The student id as a folder name: letters, digits and {@code . _ @ -}, nothing else. */
    public String folderName() {
        String safe = student.replaceAll("[^A-Za-z0-9._@-]", "_");
        return safe.isEmpty() || safe.startsWith(".") ? "_" + safe : safe;
    }
}
