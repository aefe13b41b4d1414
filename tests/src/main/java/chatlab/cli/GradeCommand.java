package chatlab.cli;

import chatlab.grading.BatchGrader;
import chatlab.grading.Grader;
import chatlab.grading.GradingConfig;
import chatlab.grading.Isolation;
import chatlab.grading.Submission;
import chatlab.grading.SubmissionFinder;
import chatlab.grading.SubmissionGrade;
import chatlab.harness.ChatLabHome;
import chatlab.property.Seeds;
import chatlab.stage.StageId;
import chatlab.suite.PlannedProperty;
import chatlab.suite.SuiteRunner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentSkipListMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code chatlab grade}: grades a class's submissions in isolation and writes Gradescope results,
 * student feedback, JUnit XML, a gradebook and a class summary page.
 */
@Command(name = "grade",
        mixinStandardHelpOptions = true,
        description = {
            "Grades submissions: each in isolation (a trusted driver, the student's code in a JVM of its own, "
                    + "in a network namespace where Linux allows), every stage on its own.",
            "%nA SUBMISSION is a folder laid out like labs/ (or a student's clone that contains labs/), a .zip of "
                    + "one, or a folder of those named by student id.",
            "%nWrites under --out: STUDENT/results.json (Gradescope), STUDENT/feedback.md, STUDENT/junit.xml, "
                    + "gradebook.csv and summary.html.%n"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./chatlab grade submissions/ --out grades        a folder of submissions, one per student",
            "  ./chatlab grade alice.zip bob/ --seed 42         two students, fixed scenarios",
            "  ./chatlab grade submissions/ --config grading.json --jobs 4"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every submission was graded (whatever its score)",
            ExitCodes.HELP_SOFTWARE, ExitCodes.HELP_USAGE})
final class GradeCommand implements Callable<Integer> {
    @ParentCommand
    private ChatLab chatlab;

    @Parameters(paramLabel = "SUBMISSION", arity = "1..*", description = "What to grade (see above).")
    private List<Path> submissions;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "grades",
            description = "Where the reports go (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--jobs", paramLabel = "N",
            description = "Submissions graded at once (default: four per processor, while there is 512 MB "
                    + "of memory for each; see README).")
    private Integer jobs;

    @Option(names = "--seed", paramLabel = "S",
            description = "The seed of every submission's scenarios (default: a fresh one, in every report).")
    private Long seed;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The grading config: visibility per property, time limits (JSON; see INSTRUCTOR.md).")
    private Path config;

    @Override
    public Integer call() throws InterruptedException {
        int jobs = this.jobs != null ? this.jobs : BatchGrader.DEFAULT_JOBS;
        if (jobs < 1) {
            throw new CommandFailure(ExitCodes.USAGE, "--jobs must be at least 1");
        }
        ChatLabHome home = chatlab.home();
        List<PlannedProperty> suite = SuiteRunner.plan(EnumSet.allOf(StageId.class));
        GradingConfig settings = readConfig(config, suite);
        long runSeed = seed != null ? seed : Seeds.runSeed();
        PrintStream printed = chatlab.terminal().out();
        Path outDir = out.toAbsolutePath().normalize();
        List<Submission> found = new SubmissionFinder(outDir.resolve(".unpacked")).find(submissions);
        Isolation isolation = Isolation.probe();

        printed.println("Grading " + found.size() + (found.size() == 1 ? " submission" : " submissions") + ", "
                + jobs + " at a time, seed " + runSeed + ", into " + outDir + ".");
        printed.println(isolation.describe());
        printed.println();

        Grader grader = new Grader(home, settings, suite, isolation::apply);
        List<SubmissionGrade> grades;
        try (ProgressLine progress = ProgressLine.on(chatlab.terminal())) {
            grades = new BatchGrader(grader, outDir).grade(found, runSeed, jobs, new Shown(progress, found.size()));
        } catch (RuntimeException e) {
            throw new CommandFailure(ExitCodes.SOFTWARE, "The batch could not be graded: " + e.getMessage());
        }
        printed.println();
        table(grades).forEach(printed::println);
        printed.println();
        printed.println("Reports: " + outDir.resolve("gradebook.csv") + ", " + outDir.resolve("summary.html")
                + ", and per student results.json, feedback.md, junit.xml.");
        return ExitCodes.OK;
    }

    /**
     * The grading config in {@code file} (the default config when null), checked against
     * {@code suite}: a usage error, with what is wrong, when it does not fit.
     */
    static GradingConfig readConfig(Path file, List<PlannedProperty> suite) {
        try {
            return file == null ? GradingConfig.DEFAULT : GradingConfig.read(file, suite);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCodes.USAGE, e.getMessage());
        }
    }

    /** The table at the end: a row per student. */
    static List<String> table(List<SubmissionGrade> grades) {
        List<Integer> stages = grades.stream().flatMap(g -> g.availableByStage().keySet().stream()).distinct().sorted()
                .toList();
        int width = Math.max(7, grades.stream().mapToInt(g -> g.student().length()).max().orElse(0));
        List<String> lines = new ArrayList<>();
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s", "student"));
        stages.forEach(s -> header.append(String.format(Locale.ROOT, "  %7s", "stage " + s)));
        header.append("    total  status       time");
        lines.add(header.toString());
        for (SubmissionGrade grade : grades) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s", grade.student()));
            Map<Integer, Integer> earned = grade.earnedByStage();
            Map<Integer, Integer> available = grade.availableByStage();
            stages.forEach(s -> row.append(String.format(Locale.ROOT, "  %7s",
                    earned.getOrDefault(s, 0) + "/" + available.getOrDefault(s, 0))));
            row.append(String.format(Locale.ROOT, "  %7s  %-11s %5.1f s", grade.score() + "/" + grade.maxScore(),
                    grade.status().label(), grade.elapsed().toMillis() / 1000.0));
            lines.add(row.toString());
        }
        if (!grades.isEmpty()) {
            double mean = grades.stream().mapToInt(SubmissionGrade::score).average().orElse(0);
            lines.add(String.format(Locale.ROOT, "%d graded, mean %.1f points", grades.size(), mean));
        }
        return lines;
    }

    /** The batch's progress: a line per submission done, and a status line with what runs now and the time left. */
    private static final class Shown implements BatchGrader.Progress {
        private final ProgressLine progress;
        private final int total;
        private final long start = System.nanoTime();
        private final Map<String, String> running = new ConcurrentSkipListMap<>();

        Shown(ProgressLine progress, int total) {
            this.progress = progress;
            this.total = total;
        }

        @Override
        public void started(Submission submission) {
            running.put(submission.student(), "starting");
            show(0);
        }

        @Override
        public void property(Submission submission, PlannedProperty property, int index, int all) {
            running.put(submission.student(), "stage " + property.stage() + ", " + index + "/" + all);
            show(-1);
        }

        @Override
        public void finished(SubmissionGrade grade, int done, int all) {
            running.remove(grade.student());
            progress.println(String.format(Locale.ROOT, "[%d/%d] %s: %d of %d points (%s, %.1f s)", done, all,
                    grade.student(), grade.score(), grade.maxScore(), grade.status().label(),
                    grade.elapsed().toMillis() / 1000.0));
            show(done);
        }

        private int done; // the last count finished() told

        private synchronized void show(int doneNow) {
            if (doneNow >= 0) {
                done = Math.max(done, doneNow);
            }
            StringBuilder status = new StringBuilder(done + " of " + total + " done");
            if (!running.isEmpty()) {
                status.append(" · now: ");
                running.forEach((student, where) -> status.append(student).append(" (").append(where).append(") "));
            }
            if (done > 0 && done < total) {
                long perSubmission = (System.nanoTime() - start) / done;
                Duration left = Duration.ofNanos(perSubmission * (total - done));
                status.append("· about ").append(left.toMinutes()).append(" min ")
                        .append(left.toSecondsPart()).append(" s left");
            }
            progress.status(status.toString().strip());
        }
    }
}
