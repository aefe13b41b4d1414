package chatlab.cli;

import chatlab.harness.ChatLabHome;
import chatlab.harness.Implementation;
import chatlab.property.Seeds;
import chatlab.stage.StageId;
import chatlab.suite.IsolatedSuiteRunner;
import chatlab.suite.PlannedProperty;
import chatlab.suite.PropertyOutcome;
import chatlab.suite.SuiteRunner;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code chatlab check}: grades the student's own {@code labs/} with the graded properties they may
 * see, and says what to fix.
 *
 * <p>The properties run in a child JVM ({@link IsolatedSuiteRunner}), so that a stage that hangs or
 * ends the JVM costs one property, never the check: a property past its time limit is reported as
 * timed out, and the rest of its stage is not run (it would most likely hang as long again); the
 * other stages go on in a fresh JVM. A stage that cannot run at all (it does not compile, or stops
 * at a TODO) gets one line saying why, and its other properties are not run.
 */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        description = {
            "Grades your labs/ with the graded properties: a score per stage, and what to fix.",
            "%nFor each property that failed, it shows the smallest scenario it found that fails. The properties "
                    + "run in a JVM of their own, so a stage that hangs or ends the JVM cannot hang the check.%n"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./chatlab check                       all your stages",
            "  ./chatlab check --stage 2             only stage 2",
            "  ./chatlab check --seed 123456789      the same scenarios as an earlier check"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCodes.HELP_OK_CHECK, ExitCodes.HELP_SOFTWARE, ExitCodes.HELP_USAGE, ExitCodes.HELP_LOST_POINTS})
final class CheckCommand implements Callable<Integer> {
    @ParentCommand
    private ChatLab chatlab;

    @Option(names = "--stage", paramLabel = "N", converter = StageConverter.class,
            description = "Check only this stage (1 to 4); without it, every stage.")
    private StageId stage;

    @Option(names = "--impl", paramLabel = "labs|DIR", defaultValue = Implementation.LABS,
            description = "What to check: your labs/ (default), or a folder laid out like labs/ (or holding one).")
    private String impl;

    @Option(names = "--seed", paramLabel = "S",
            description = "The seed that picks the scenarios (default: a fresh one, printed at the top and bottom).")
    private Long seed;

    @Option(names = "--property-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long one property may run before it is stopped and counted as timed out "
                    + "(default: ${DEFAULT-VALUE}).")
    private int propertyTimeout;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "900",
            description = "How long the whole check may run; what it leaves no time for is not run "
                    + "(default: ${DEFAULT-VALUE}).")
    private int timeout;

    @Override
    public Integer call() throws InterruptedException {
        if (propertyTimeout <= 0 || timeout <= 0) {
            throw new CommandFailure(ExitCodes.USAGE, "--property-timeout and --timeout must be at least 1 second");
        }
        ChatLabHome home = chatlab.home();
        Implementation implementation = Implementation.resolve(impl, home);
        if (!Files.isDirectory(implementation.root())) {
            throw new CommandFailure(ExitCodes.USAGE, "There is nothing to check in " + implementation.name()
                    + ": no such folder (--impl takes labs, or a folder laid out like labs/).");
        }
        Set<StageId> stages = stage == null ? EnumSet.allOf(StageId.class) : EnumSet.of(stage);
        List<PlannedProperty> plan = visible(SuiteRunner.plan(stages));
        long runSeed = seed != null ? seed : Seeds.runSeed();
        PrintStream out = chatlab.terminal().out();

        Set<Integer> covered = plan.stream().map(PlannedProperty::stage).collect(Collectors.toCollection(TreeSet::new));
        List<String> withoutProperties = stages.stream().filter(s -> !covered.contains(s.number()))
                .map(s -> "Stage " + s.number() + " (" + s.title() + ") has no properties to check here: in a starter copy "
                        + "your instructor may keep a stage's properties for grading only.").toList();
        if (plan.isEmpty()) {
            withoutProperties.forEach(out::println);
            out.println("Nothing to check.");
            return ExitCodes.OK;
        }
        int points = plan.stream().mapToInt(PlannedProperty::points).sum();
        out.println("Checking " + implementation.name() + ": " + stagesText(covered) + ", " + plan.size()
                + (plan.size() == 1 ? " property, " : " properties, ") + points + " points.");
        out.println(seedLine(runSeed));
        out.println();

        IsolatedSuiteRunner.Settings settings = IsolatedSuiteRunner.Settings.likeThisJvm(impl, home)
                .withPropertyTimeout(Duration.ofSeconds(propertyTimeout));
        IsolatedSuiteRunner.Run run;
        try (IsolatedSuiteRunner runner = new IsolatedSuiteRunner(settings);
             ProgressLine progress = ProgressLine.on(chatlab.terminal())) {
            run = runner.run(plan, runSeed, Duration.ofSeconds(timeout), IsolatedSuiteRunner.Policy.EVERY_PROPERTY,
                    new Shown(progress));
        } catch (IllegalStateException e) {
            throw new CommandFailure(ExitCodes.SOFTWARE, "The check could not run: " + e.getMessage());
        }

        out.println();
        ScoreTable.render(run.outcomes()).forEach(out::println);
        withoutProperties.forEach(out::println);
        List<String> feedback = feedback(run.outcomes());
        if (!feedback.isEmpty()) {
            out.println();
            feedback.forEach(out::println);
        }
        out.println();
        out.println((run.fullMarks() ? "Full marks: " : "Score: ") + run.earned() + " of " + run.available()
                + " points, in " + seconds(run.elapsed()) + ".");
        out.println(seedLine(runSeed));
        return run.fullMarks() ? ExitCodes.OK : ExitCodes.LOST_POINTS;
    }

    /**
     * The properties a student may run. For now every graded property; the instructor's visibility
     * configuration (visible, hidden, after the due date) will filter them here.
     */
    static List<PlannedProperty> visible(List<PlannedProperty> properties) {
        return properties;
    }

    /** What a student reads after the table: a line per stage that cannot run, the report of every failed property. */
    private static List<String> feedback(List<PropertyOutcome> outcomes) {
        List<String> lines = new ArrayList<>();
        for (PropertyOutcome outcome : outcomes) {
            PlannedProperty property = outcome.property();
            switch (outcome.kind()) {
                case PASSED, NOT_RUN -> {
                }
                case STAGE_UNAVAILABLE -> {
                    lines.add(outcome.feedback());
                }
                case FAILED, TIMED_OUT, CRASHED -> {
                    if (!lines.isEmpty()) {
                        lines.add("");
                    }
                    lines.add("Stage " + property.stage() + ", " + property.points() + " points: " + property.name() + " -- "
                            + outcome.kind().label().toUpperCase(Locale.ROOT));
                    outcome.feedback().lines().map(line -> "  " + line).forEach(lines::add);
                    boolean restNotRun = outcomes.stream().anyMatch(o -> o.property().stage() == property.stage()
                            && o.kind() == PropertyOutcome.Kind.NOT_RUN);
                    if (outcome.kind() == PropertyOutcome.Kind.TIMED_OUT && restNotRun) {
                        lines.add("  The rest of stage " + property.stage() + " was not run: it would likely hang as long.");
                    }
                }
            }
        }
        return lines;
    }

    private String seedLine(long runSeed) {
        return "Seed " + runSeed + ": " + repeat(runSeed) + " runs the same scenarios again.";
    }

    private String repeat(long runSeed) {
        StringBuilder command = new StringBuilder("./chatlab check");
        if (stage != null) {
            command.append(" --stage ").append(stage.number());
        }
        if (!impl.equals(Implementation.LABS)) {
            command.append(" --impl ").append(impl.contains(" ") ? "'" + impl + "'" : impl);
        }
        return command.append(" --seed ").append(runSeed).toString();
    }

    private static String stagesText(Set<Integer> stages) {
        List<Integer> list = List.copyOf(stages);
        if (list.size() == 1) {
            return "stage " + list.getFirst();
        }
        boolean consecutive = list.getLast() - list.getFirst() == list.size() - 1;
        return consecutive ? "stages " + list.getFirst() + " to " + list.getLast()
                : "stages " + list.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    /** The check's progress: the property running now, and a line for each one that ran. */
    private record Shown(ProgressLine progress) implements IsolatedSuiteRunner.Listener {
        @Override
        public void started(PlannedProperty property, int index, int total) {
            progress.status("[" + index + "/" + total + "] stage " + property.stage() + ": " + property.name());
        }

        @Override
        public void finished(PropertyOutcome outcome, int index, int total) {
            progress.status("");
            if (outcome.kind() == PropertyOutcome.Kind.NOT_RUN) {
                return; // said once, in the feedback, not once per property
            }
            String width = Integer.toString(Integer.toString(total).length());
            progress.println(String.format("  %s [%" + width + "d/%d] %-10s stage %d  %s  (%s)", progress.elapsed(), index, total,
                    outcome.kind().label(), outcome.property().stage(), outcome.property().name(),
                    seconds(Duration.ofMillis(outcome.millis()))));
        }
    }
}
