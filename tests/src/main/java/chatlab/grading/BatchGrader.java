package chatlab.grading;

import chatlab.suite.PlannedProperty;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Grades a batch of submissions, {@code jobs} at a time, and writes what {@code chatlab grade}
 * promises under the output folder: per submission {@code results.json}, {@code feedback.md} and
 * {@code junit.xml} in a folder named by student id (written as soon as that submission is done, so
 * a stopped batch keeps what it finished), then {@code gradebook.csv} and {@code summary.html} for
 * the whole batch.
 */
public final class BatchGrader {
    /**
     * Submissions graded at once unless told otherwise: four per processor, as long as each has
     * 512 MB of the machine's memory (a driver JVM and a student JVM). The suite waits on sockets
     * more than it computes: on a 2-core machine 8 at a time graded a class of 100 in 9 minutes, 4 at
     * a time in 12, with every correct submission at full marks (see README).
     */
    public static final int DEFAULT_JOBS = defaultJobs();

    private final Grader grader;
    private final Path out;

    public BatchGrader(Grader grader, Path out) {
        this.grader = grader;
        this.out = out;
    }

    private static int defaultJobs() {
        int byProcessors = 4 * Runtime.getRuntime().availableProcessors();
        long memory = java.lang.management.ManagementFactory.getPlatformMXBean(
                com.sun.management.OperatingSystemMXBean.class).getTotalMemorySize();
        int byMemory = (int) Math.min(Integer.MAX_VALUE, memory / (512L * 1024 * 1024));
        return Math.max(1, Math.min(byProcessors, byMemory));
    }

    /** Told as submissions and their properties start and end (from several threads at once). */
    public interface Progress {
        default void started(Submission submission) {
        }

        default void property(Submission submission, PlannedProperty property, int index, int total) {
        }

        default void finished(SubmissionGrade grade, int done, int total) {
        }
    }

    /** Grades every submission with {@code seed}; returns their grades, by student id. */
    public List<SubmissionGrade> grade(List<Submission> submissions, long seed, int jobs, Progress progress)
            throws InterruptedException {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the output folder " + out, e);
        }
        AtomicInteger done = new AtomicInteger();
        List<Future<SubmissionGrade>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs), Thread.ofPlatform()
                .name("chatlab-grade-", 1).factory())) {
            for (Submission submission : submissions) {
                futures.add(pool.submit(() -> {
                    progress.started(submission);
                    SubmissionGrade grade = grader.grade(submission, seed,
                            (s, property, index, total) -> progress.property(s, property, index, total));
                    writeOne(grade, submission);
                    progress.finished(grade, done.incrementAndGet(), submissions.size());
                    return grade;
                }));
            }
            List<SubmissionGrade> grades = new ArrayList<>();
            for (Future<SubmissionGrade> future : futures) {
                try {
                    grades.add(future.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("grading failed: " + e.getCause(), e.getCause());
                }
            }
            grades.sort(Comparator.comparing(SubmissionGrade::student));
            Gradebook.write(grades, out.resolve("gradebook.csv"));
            ClassSummaryPage.write(grades, java.time.ZonedDateTime.now(), out.resolve("summary.html"));
            return grades;
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the batch's reports in " + out, e);
        }
    }

    /** Writes one submission's reports into its own folder. */
    private void writeOne(SubmissionGrade grade, Submission submission) throws IOException {
        Path folder = out.resolve(submission.folderName());
        Files.createDirectories(folder);
        GradescopeResults.write(grade, folder.resolve("results.json"));
        StudentFeedback.write(grade, folder.resolve("feedback.md"));
        JUnitXmlReport.write(grade, folder.resolve("junit.xml"));
    }
}
