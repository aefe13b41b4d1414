package chatlab.grading;

import chatlab.harness.ChatLabHome;
import chatlab.harness.Compilation;
import chatlab.harness.Implementation;
import chatlab.harness.StageCompiler;
import chatlab.stage.StageId;
import chatlab.suite.IsolatedSuiteRunner;
import chatlab.suite.PlannedProperty;
import chatlab.suite.PropertyOutcome;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Grades one submission: checks each stage's bytecode for forbidden calls, then runs the graded
 * suite against it in isolation ({@link IsolatedSuiteRunner}: a trusted driver JVM, the student's
 * code in a JVM of its own), and turns the outcomes into a {@link SubmissionGrade}. Stages are
 * graded independently: a stage that does not compile, or calls what the grader forbids, scores 0
 * and costs no other stage anything.
 */
public final class Grader {
    private final ChatLabHome home;
    private final GradingConfig config;
    private final List<PlannedProperty> suite;
    private final UnaryOperator<IsolatedSuiteRunner.Settings> isolation;

    /**
     * @param home      the checkout (its compile cache, the suite's class path)
     * @param config    visibility and time limits
     * @param suite     the properties to run, in suite order
     * @param isolation how the runner isolates the student's code (the student JVM, the sandbox)
     */
    public Grader(ChatLabHome home, GradingConfig config, List<PlannedProperty> suite,
                  UnaryOperator<IsolatedSuiteRunner.Settings> isolation) {
        this.home = home;
        this.config = config;
        this.suite = List.copyOf(suite);
        this.isolation = isolation;
    }

    /** Told as each property of a submission starts. */
    public interface Listener {
        void started(Submission submission, PlannedProperty property, int index, int total);
    }

    /**
     * Grades {@code submission} with {@code seed}. Whatever the submission does, this returns a
     * grade: one that cannot be read, or that the grader itself cannot run, scores 0 and says why.
     */
    public SubmissionGrade grade(Submission submission, long seed, Listener listener) throws InterruptedException {
        long start = System.nanoTime();
        if (!submission.readable()) {
            return notRun(submission, seed, SubmissionGrade.Status.UNREADABLE,
                    "Your submission could not be graded: " + submission.problem() + ".", start);
        }
        try {
            return run(submission, seed, listener, start);
        } catch (RuntimeException e) { // the grader's own trouble (a JVM that does not start): say so, go on
            return notRun(submission, seed, SubmissionGrade.Status.GRADER_ERROR, "The grader could not run your "
                    + "submission (" + e.getMessage() + "). This is not your fault: it will be graded again.", start);
        }
    }

    private SubmissionGrade notRun(Submission submission, long seed, SubmissionGrade.Status status, String notice,
                                   long start) {
        List<PropertyOutcome> none = suite.stream().map(p -> new PropertyOutcome(p, PropertyOutcome.Kind.NOT_RUN,
                "not run: " + notice, 0)).toList();
        return grade(submission, seed, status, List.of(notice), none, start);
    }

    private SubmissionGrade run(Submission submission, long seed, Listener listener, long start)
            throws InterruptedException {
        Implementation implementation = new Implementation(submission.student(), submission.root());
        List<String> notices = new ArrayList<>();
        Map<Integer, String> blocked = forbiddenCalls(implementation, notices);

        List<PlannedProperty> plan = suite.stream().filter(p -> !blocked.containsKey(p.stage())).toList();
        IsolatedSuiteRunner.Settings settings = isolation.apply(
                IsolatedSuiteRunner.Settings.likeThisJvm(submission.root().toString(), home)
                        .withPropertyTimeout(config.propertyTimeout()));
        IsolatedSuiteRunner.Run run;
        try (IsolatedSuiteRunner runner = new IsolatedSuiteRunner(settings)) {
            run = runner.run(plan, seed, config.submissionTimeout(), IsolatedSuiteRunner.Policy.EVERY_PROPERTY,
                    new IsolatedSuiteRunner.Listener() {
                        @Override
                        public void started(PlannedProperty property, int index, int total) {
                            listener.started(submission, property, index, total);
                        }
                    });
        }
        Map<String, PropertyOutcome> ran = new HashMap<>();
        run.outcomes().forEach(o -> ran.put(o.property().id(), o));
        List<PropertyOutcome> outcomes = suite.stream().map(p -> blocked.containsKey(p.stage())
                ? new PropertyOutcome(p, PropertyOutcome.Kind.STAGE_UNAVAILABLE, blocked.get(p.stage()), 0)
                : ran.get(p.id())).toList();
        boolean outOfTime = run.elapsed().compareTo(config.submissionTimeout()) >= 0;
        if (outOfTime) {
            notices.add("Grading stopped after " + config.submissionTimeout().toMinutes()
                    + " minutes, the time limit for a submission: what had not run by then scores 0.");
        }
        return grade(submission, seed, outOfTime ? SubmissionGrade.Status.TIMED_OUT : SubmissionGrade.Status.GRADED,
                notices, outcomes, start);
    }

    /**
     * Compiles each stage and checks its bytecode; returns, per stage that calls something
     * forbidden, the feedback its properties get (and adds a notice for each).
     */
    private Map<Integer, String> forbiddenCalls(Implementation implementation, List<String> notices) {
        Map<Integer, String> blocked = new HashMap<>();
        StageCompiler compiler = StageCompiler.forHome(home);
        for (StageId stage : StageId.values()) {
            if (suite.stream().noneMatch(p -> p.stage() == stage.number())) {
                continue;
            }
            Compilation compilation;
            try {
                compilation = compiler.compile(stage, implementation);
            } catch (IOException e) {
                continue; // the run reports it, stage by stage
            }
            if (compilation instanceof Compilation.Compiled compiled) {
                List<ForbiddenCall> calls = BytecodeCheck.check(compiled.classes());
                if (!calls.isEmpty()) {
                    String text = "Stage " + stage.number() + " was not run: it calls what the grader does not allow.\n"
                            + BytecodeCheck.describe(calls);
                    blocked.put(stage.number(), text);
                    notices.add(text);
                }
            }
        }
        return blocked;
    }

    private SubmissionGrade grade(Submission submission, long seed, SubmissionGrade.Status status, List<String> notices,
                                  List<PropertyOutcome> outcomes, long start) {
        List<PropertyGrade> grades = new ArrayList<>();
        Map<Integer, Integer> perStage = new HashMap<>();
        for (PropertyOutcome outcome : outcomes) {
            int number = perStage.merge(outcome.property().stage(), 1, Integer::sum);
            grades.add(new PropertyGrade(number, outcome, config.visibilityOf(outcome.property())));
        }
        return new SubmissionGrade(submission.student(), seed, status, notices, grades,
                Duration.ofNanos(System.nanoTime() - start));
    }
}
