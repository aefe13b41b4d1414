package chatlab.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubmissionFinderTest {
    @TempDir
    Path dir;

    private Path stageFolder(Path root, int stage) throws IOException {
        Path sources = root.resolve("stage" + stage).resolve("src/main/java/chatlab/stage" + stage);
        Files.createDirectories(sources);
        Files.writeString(sources.resolve("X.java"), "class X {}");
        return root;
    }

    private Path zip(Path zip, String... namesAndTexts) throws IOException {
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            for (int i = 0; i < namesAndTexts.length; i += 2) {
                out.putNextEntry(new ZipEntry(namesAndTexts[i]));
                out.write(namesAndTexts[i + 1].getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return zip;
    }

    private List<Submission> find(Path... arguments) {
        return new SubmissionFinder(dir.resolve("scratch")).find(List.of(arguments));
    }

    @Test
    void aFolderOfStudentsGivesOneSubmissionEachNamedByFolderOrZip() throws IOException {
        Path batch = dir.resolve("batch");
        stageFolder(batch.resolve("alice"), 1);
        stageFolder(batch.resolve("bob").resolve("labs"), 3); // a whole clone
        zip(batch.resolve("carol.zip"), "carol-work/labs/stage2/src/main/java/chatlab/stage2/X.java", "class X {}");

        List<Submission> found = find(batch);

        assertEquals(List.of("alice", "bob", "carol"), found.stream().map(Submission::student).toList());
        assertTrue(found.stream().allMatch(Submission::readable), found.toString());
        assertEquals(batch.resolve("bob").resolve("labs"), found.get(1).root());
        assertTrue(Files.isDirectory(found.get(2).root().resolve("stage2")), found.get(2).root().toString());
    }

    @Test
    void oneSubmissionFolderIsOneSubmission() throws IOException {
        Path alice = stageFolder(dir.resolve("alice"), 4);
        assertEquals(List.of(Submission.of("alice", alice)), find(alice));
    }

    @Test
    void aZipThatReachesOutsideItsFolderIsRefusedAndWritesNothingThere() throws IOException {
        Path evil = zip(dir.resolve("mallory.zip"), "../../escaped.txt", "gotcha");

        List<Submission> found = find(evil);

        assertEquals(1, found.size());
        assertFalse(found.getFirst().readable());
        assertTrue(found.getFirst().problem().contains("outside the submission"), found.getFirst().problem());
        assertFalse(Files.exists(dir.resolve("escaped.txt")));
        assertFalse(Files.exists(dir.getParent().resolve("escaped.txt")));
    }

    @Test
    void whatCannotBeReadIsStillASubmissionWithItsReason() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("batch").resolve("dave"));
        Path broken = Files.writeString(dir.resolve("batch").resolve("erin.zip"), "not a zip at all");

        List<Submission> found = find(dir.resolve("batch"), dir.resolve("nobody"));

        assertEquals(List.of("dave", "erin", "nobody"), found.stream().map(Submission::student).toList());
        assertTrue(found.stream().noneMatch(Submission::readable));
        assertTrue(found.get(0).problem().contains("no labs/ folder"), found.get(0).problem());
        assertTrue(found.get(1).problem().contains("no labs/ folder"), found.get(1).problem()); // unpacks to nothing
        assertEquals("no such file or folder", found.get(2).problem());
        assertTrue(Files.isDirectory(empty));
        assertTrue(Files.isRegularFile(broken));
    }

    @Test
    void studentIdsBecomeSafeFolderNames() {
        assertEquals("alice", Submission.of("alice", dir).folderName());
        assertEquals("a_b_c", Submission.of("a/b c", dir).folderName());
        assertEquals("_..", Submission.of("..", dir).folderName());
    }
}
