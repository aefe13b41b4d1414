package chatlab.cli;

import chatlab.harness.Folders;
import chatlab.grading.AutograderZip;
import chatlab.property.Seeds;
import chatlab.stage.StageId;
import chatlab.suite.SuiteRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code chatlab gradescope}: the autograder zip for Gradescope. */
@Command(name = "gradescope",
        mixinStandardHelpOptions = true,
        description = {
            "Writes the autograder zip for Gradescope (setup.sh, run_autograder, and the grader): upload it as a "
                    + "\"zip file upload\" autograder. Each submission is graded with chatlab grade and its "
                    + "results.json lands in /autograder/results/.%n"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./chatlab gradescope --config grading.json --out autograder.zip"})
final class GradescopeCommand implements Callable<Integer> {
    @ParentCommand
    private ChatLab chatlab;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "autograder.zip",
            description = "The zip to write (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--config", paramLabel = "FILE", description = "The grading config to ship (see INSTRUCTOR.md).")
    private Path config;

    @Option(names = "--seed", paramLabel = "S",
            description = "The seed every submission is graded with (default: a fresh one, fixed in the zip).")
    private Long seed;

    @Override
    public Integer call() throws IOException {
        GradeCommand.readConfig(config, SuiteRunner.plan(EnumSet.allOf(StageId.class))); // fails early on a bad config
        long zipSeed = seed != null ? seed : Seeds.runSeed();
        Path staging = Files.createTempDirectory("chatlab-autograder");
        try {
            AutograderZip.write(chatlab.home(), staging, out, Optional.ofNullable(config), zipSeed);
        } finally {
            Folders.deleteTree(staging);
        }
        chatlab.terminal().out().println("Wrote " + out.toAbsolutePath().normalize() + " (seed " + zipSeed
                + "): upload it in Gradescope as the assignment's autograder (see INSTRUCTOR.md).");
        return ExitCodes.OK;
    }
}
