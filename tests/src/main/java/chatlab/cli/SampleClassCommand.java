package chatlab.cli;

import chatlab.grading.SampleClass;
import chatlab.harness.Folders;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code chatlab sample-class}: a class of submissions to try {@code chatlab grade} on. */
@Command(name = "sample-class",
        mixinStandardHelpOptions = true,
        description = {
            "Writes a folder of submissions to try the grader on before a real class: one per catalogued mistake "
                    + "(tests/mistakes/), with --adversaries one per hostile submission (tests/adversarial/), "
                    + "and copies of the solutions up to --size. A mistaken or hostile submission is the solutions "
                    + "with that one stage swapped; each student is named for what it is.",
            "%nNeeds the instructor's checkout (solutions/ and tests/).%n"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./chatlab sample-class /tmp/class && ./chatlab grade /tmp/class --out /tmp/grades",
            "  ./chatlab sample-class /tmp/class100 --size 100          a mostly correct class of 100"})
final class SampleClassCommand implements Callable<Integer> {
    @ParentCommand
    private ChatLab chatlab;

    @Parameters(paramLabel = "DIR", description = "Where to write it: a new or empty folder.")
    private Path target;

    @Option(names = "--size", paramLabel = "N",
            description = "Students in the class (default: every mistake, every adversary if asked, and one correct).")
    private Integer size;

    @Option(names = "--adversaries", description = "Add the hostile submissions of tests/adversarial/.")
    private boolean adversaries;

    @Override
    public Integer call() {
        if (size != null && size < 1) {
            throw new CommandFailure(ExitCodes.USAGE, "--size must be at least 1");
        }
        if (!isNewOrEmpty(target)) {
            throw new CommandFailure(ExitCodes.USAGE, target + " is not an empty folder: name a new one");
        }
        var home = chatlab.home();
        List<SampleClass.Student> students = size != null ? SampleClass.plan(home, size, adversaries)
                : SampleClass.plan(home, adversaries);
        try {
            SampleClass.write(home, students, target);
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.SOFTWARE, "Cannot write the class: " + e.getMessage());
        }
        long correct = students.stream().filter(SampleClass.Student::correct).count();
        PrintStream out = chatlab.terminal().out();
        out.println("Wrote " + students.size() + " submissions to " + target.toAbsolutePath().normalize() + ": "
                + correct + " correct, " + (students.size() - correct) + " with one stage swapped (named for it).");
        out.println("Grade them with: ./chatlab grade " + target);
        return ExitCodes.OK;
    }

    private static boolean isNewOrEmpty(Path folder) {
        try {
            return Folders.isNewOrEmpty(folder);
        } catch (IOException e) {
            return false;
        }
    }
}
