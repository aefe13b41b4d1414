package chatlab.cli;

import chatlab.grading.GradingConfig;
import chatlab.grading.StarterRepository;
import chatlab.stage.StageId;
import chatlab.suite.PlannedProperty;
import chatlab.suite.SuiteRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code chatlab export-student}: the starter repository an instructor hands out. */
@Command(name = "export-student",
        mixinStandardHelpOptions = true,
        description = {
            "Writes the starter repository you hand out: labs/, common/, the visible properties, the launcher "
                    + "and STUDENT.md. No solutions, no hidden properties, no catalogue of mistakes. "
                    + "./chatlab check works in it.%n"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./chatlab export-student ../chatlab-lab",
            "  ./chatlab export-student ../chatlab-lab --config grading.json   (leaves out the hidden properties)"})
final class ExportStudentCommand implements Callable<Integer> {
    @ParentCommand
    private ChatLab chatlab;

    @Parameters(paramLabel = "DIR", description = "Where to write it: a new or empty folder.")
    private Path target;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The grading config: properties that are not visible are left out (see INSTRUCTOR.md).")
    private Path config;

    @Override
    public Integer call() {
        List<PlannedProperty> suite = SuiteRunner.plan(EnumSet.allOf(StageId.class));
        GradingConfig settings = GradeCommand.readConfig(config, suite);
        List<PlannedProperty> hidden = suite.stream().filter(p -> !settings.visibilityOf(p).detailsInFeedback()).toList();
        List<String> left;
        try {
            left = StarterRepository.write(chatlab.home(), target, hidden);
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.SOFTWARE, "Cannot write the starter repository: " + e.getMessage());
        }
        var out = chatlab.terminal().out();
        out.println("Wrote the starter repository to " + target.toAbsolutePath().normalize() + ": "
                + (suite.size() - left.size()) + " of " + suite.size() + " properties visible.");
        left.forEach(name -> out.println("  left out (not visible): " + name));
        out.println("Students start with: ./chatlab check (see its STUDENT.md).");
        return ExitCodes.OK;
    }
}
