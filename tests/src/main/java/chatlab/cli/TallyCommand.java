package chatlab.cli;

import chatlab.harness.ChatLabHome;
import chatlab.harness.Implementation;
import chatlab.stage.StageId;
import chatlab.suite.GradedPropertyExtension;
import chatlab.suite.IsolatedSuiteRunner;
import chatlab.suite.MistakeCatalogue;
import chatlab.suite.PlannedProperty;
import chatlab.suite.PropertyOutcome;
import chatlab.suite.SuiteRunner;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code chatlab tally-flakiness [N]} (behind {@code tests/tally-flakiness}): runs the graded suite N
 * times, each with a fresh seed, against the reference solutions (every stage) and against every
 * catalogued mistake (its own stage, stopping at its first lost point), and tallies the outcomes.
 * The suite is stable when the solutions get full marks in every run and every mistake loses
 * points in every run; any other outcome is listed with its seed, and fails the command.
 *
 * <p>Each implementation gets one worker JVM for all its runs (a fresh one after a property timed
 * out or ended it), so that what a mistake leaves behind (threads that never end) cannot touch the
 * runs of another. It also gives the benchmark of the suite: the median wall time of one whole run
 * against the solutions.
 */
@Command(name = "tally-flakiness",
        hidden = true,
        mixinStandardHelpOptions = true,
        description = {
            "Runs the graded suite N times with fresh seeds against the solutions and every catalogued mistake, "
                    + "and tallies the outcomes: the solutions must get full marks every time, each mistake must lose "
                    + "points every time.%n"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every outcome as expected", "1:some outcome was not (its seed is listed)", "2:wrong command line"})
final class TallyCommand implements Callable<Integer> {
    /** How long one run of the suite may take in all, before what is left counts as not run. */
    private static final Duration RUN_LIMIT = Duration.ofMinutes(5);

    @ParentCommand
    private ChatLab chatlab;

    @Parameters(index = "0", arity = "0..1", paramLabel = "N", defaultValue = "20",
            description = "How many runs per implementation (default: ${DEFAULT-VALUE}).")
    private int runs;

    @Option(names = "--only", paramLabel = "TEXT",
            description = "Only the implementations whose name contains TEXT (solutions, stage3, a mistake's folder name).")
    private String only;

    @Option(names = "--property-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long one property may run before it counts as timed out (default: ${DEFAULT-VALUE}; "
                    + "the solutions' slowest takes a few seconds).")
    private int propertyTimeout;

    @Option(names = "--jobs", paramLabel = "J", defaultValue = "2",
            description = "How many mistakes run at once, as the grader runs two submissions at once (default: "
                    + "${DEFAULT-VALUE}). The solutions always run alone, so that their times are the benchmark's.")
    private int jobs;

    @Option(names = "--shrink", negatable = true, defaultValue = "false", fallbackValue = "true",
            description = "Shrink failing scenarios as a check does (default: no; shrinking takes time and never "
                    + "turns a lost point into a kept one).")
    private boolean shrink;

    /** One implementation to tally. */
    private record Target(String name, String implementation, Set<StageId> stages, boolean correct) {
    }

    /** One unexpected run. */
    private record Surprise(long seed, String what, String details) {
    }

    /** What the runs of one target came to. */
    private static final class Tally {
        final Target target;
        final List<PlannedProperty> plan;
        int runs;
        int fullMarks;
        int lost;
        int stopped; // runs in which a property timed out or ended its JVM
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        int available;
        final List<Duration> times = new ArrayList<>();
        final List<Surprise> surprises = new ArrayList<>();

        Tally(Target target, List<PlannedProperty> plan) {
            this.target = target;
            this.plan = plan;
            this.available = plan.stream().mapToInt(PlannedProperty::points).sum();
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        if (runs < 1) {
            throw new CommandFailure(ExitCodes.USAGE, "N must be at least 1, not " + runs);
        }
        ChatLabHome home = chatlab.home();
        PrintStream out = chatlab.terminal().out();
        List<Target> targets = targets(home);
        if (targets.isEmpty()) {
            throw new CommandFailure(ExitCodes.USAGE, "No implementation's name contains '" + only + "'.");
        }
        Map<Set<StageId>, List<PlannedProperty>> plans = new HashMap<>();
        List<Tally> tallies = new ArrayList<>();
        List<Target> ungraded = new ArrayList<>();
        for (Target target : targets) {
            List<PlannedProperty> plan = plans.computeIfAbsent(target.stages(), SuiteRunner::plan);
            if (plan.isEmpty()) {
                ungraded.add(target);
            } else {
                tallies.add(new Tally(target, plan));
            }
        }
        long mistakes = tallies.stream().filter(t -> !t.target.correct()).count();
        out.println("Tallying " + runs + (runs == 1 ? " run" : " runs") + " of the graded suite for each of "
                + tallies.size() + (tallies.size() == 1 ? " implementation: " : " implementations: ") + (mistakes < tallies.size() ? "the solutions (every stage, alone)"
                + (mistakes > 0 ? " and " : "") : "") + (mistakes > 0 ? mistakes + " catalogued mistakes (their own "
                + "stage, stopping at the first lost point, " + Math.max(1, jobs) + " at a time)" : "") + ".");
        long start = System.nanoTime();
        try (ProgressLine progress = ProgressLine.on(chatlab.terminal())) {
            Lanes lanes = new Lanes(progress);
            List<Tally> correct = tallies.stream().filter(t -> t.target.correct()).toList();
            List<Tally> mistaken = tallies.stream().filter(t -> !t.target.correct()).toList();
            for (Tally tally : correct) {
                tally(home, tally, lanes);
            }
            runAll(home, mistaken, lanes);
        }
        out.println();
        table(tallies).forEach(out::println);
        ungraded.forEach(target -> out.println(target.name() + ": not run, stage "
                + target.stages().stream().map(s -> Integer.toString(s.number())).collect(Collectors.joining(", "))
                + " has no graded properties yet"));
        out.println();
        out.println("(Timed out: runs in which a property ran past its time limit or ended its JVM, and was stopped.)");
        for (Tally t : tallies) {
            if (t.target.correct()) {
                out.println("The suite against " + t.target.name() + ": median " + CheckCommand.seconds(median(t.times))
                        + " per run of " + t.available + " points (" + t.times.size()
                        + (t.times.size() == 1 ? " run" : " runs in one JVM") + "; the first, which starts the JVM: "
                        + CheckCommand.seconds(t.times.getFirst()) + "; the slowest: "
                        + CheckCommand.seconds(t.times.stream().max(Duration::compareTo).orElseThrow()) + ").");
            }
        }
        long surprises = tallies.stream().mapToLong(t -> t.surprises.size()).sum();
        if (surprises > 0) {
            out.println();
            out.println("Unexpected outcomes:");
            for (Tally t : tallies) {
                for (Surprise s : t.surprises) {
                    out.println("  " + t.target.name() + ", seed " + s.seed() + ": " + s.what());
                    out.println("    repeat: ./chatlab check --impl " + t.target.implementation()
                            + (t.target.correct() ? "" : " --stage " + t.target.stages().iterator().next().number())
                            + " --seed " + s.seed());
                    s.details().lines().map(line -> "    | " + line).forEach(out::println);
                }
            }
        }
        out.println();
        out.println((surprises == 0 ? "Every outcome as expected" : surprises + " unexpected outcome" + (surprises == 1 ? "" : "s"))
                + ", in " + minutes(Duration.ofNanos(System.nanoTime() - start)) + ".");
        return surprises == 0 ? ExitCodes.OK : ExitCodes.SOFTWARE;
    }

    private List<Target> targets(ChatLabHome home) {
        List<Target> targets = new ArrayList<>();
        targets.add(new Target(Implementation.SOLUTIONS, Implementation.SOLUTIONS, EnumSet.allOf(StageId.class), true));
        var catalogue = MistakeCatalogue.folderIn(home.root());
        if (Files.isDirectory(catalogue)) {
            for (MistakeCatalogue.Mistake mistake : MistakeCatalogue.list(catalogue)) {
                targets.add(new Target(mistake.id(), mistake.folder().toString(), EnumSet.of(mistake.stage()), false));
            }
        }
        return targets.stream().filter(t -> only == null || t.name().contains(only)).toList();
    }

    /** Runs the tallies of {@code mistaken}, {@code jobs} at a time. */
    private void runAll(ChatLabHome home, List<Tally> mistaken, Lanes lanes) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs),
                task -> Thread.ofPlatform().name("chatlab-tally").unstarted(task));
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (Tally tally : mistaken) {
                done.add(pool.submit(() -> {
                    tally(home, tally, lanes);
                    return null;
                }));
            }
            for (Future<Void> future : done) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
    }

    /** Runs one implementation {@code runs} times, in a worker of its own. */
    private void tally(ChatLabHome home, Tally tally, Lanes lanes) throws InterruptedException {
        Target target = tally.target;
        IsolatedSuiteRunner.Settings settings = IsolatedSuiteRunner.Settings.likeThisJvm(target.implementation(), home)
                .withPropertyTimeout(Duration.ofSeconds(propertyTimeout));
        if (!shrink) {
            settings = settings.withJvmOption("-D" + GradedPropertyExtension.SHRINK_BUDGET + "=0");
        }
        IsolatedSuiteRunner.Policy policy = target.correct()
                ? IsolatedSuiteRunner.Policy.EVERY_PROPERTY : IsolatedSuiteRunner.Policy.FIRST_LOST_POINT;
        SplittableRandom seeds = new SplittableRandom();
        try (IsolatedSuiteRunner runner = new IsolatedSuiteRunner(settings)) {
            for (int r = 1; r <= runs; r++) {
                long seed = Math.floorMod(seeds.nextLong(), 1_000_000_000L);
                String where = target.name() + " run " + r + "/" + runs + " (seed " + seed + ")";
                IsolatedSuiteRunner.Run run = runner.run(tally.plan, seed, RUN_LIMIT, policy, new IsolatedSuiteRunner.Listener() {
                    @Override
                    public void started(PlannedProperty property, int i, int total) {
                        lanes.status(target.name(), where + ": property " + i + "/" + total);
                    }
                });
                record(tally, run);
                lanes.done(target.name(), String.format(Locale.ROOT, "%s  %d/%d  %s%s", where, run.earned(),
                        run.available(), CheckCommand.seconds(run.elapsed()), expected(target, run) ? "" : "  UNEXPECTED"));
            }
        }
    }

    /** Progress of tallies running side by side: a line per finished run, and what each is doing now. */
    private static final class Lanes {
        private final ProgressLine progress;
        private final Map<String, String> running = new LinkedHashMap<>(); // guarded by this

        Lanes(ProgressLine progress) {
            this.progress = progress;
        }

        synchronized void status(String lane, String text) {
            running.put(lane, text);
            progress.status(String.join("  |  ", running.values()));
        }

        synchronized void done(String lane, String line) {
            running.remove(lane);
            progress.println("  " + progress.elapsed() + "  " + line);
            progress.status(String.join("  |  ", running.values()));
        }
    }

    private static boolean expected(Target target, IsolatedSuiteRunner.Run run) {
        return target.correct() == run.fullMarks();
    }

    private static void record(Tally tally, IsolatedSuiteRunner.Run run) {
        tally.runs++;
        if (run.fullMarks()) {
            tally.fullMarks++;
        } else {
            tally.lost++;
        }
        if (run.outcomes().stream().anyMatch(o -> o.kind() == PropertyOutcome.Kind.TIMED_OUT
                || o.kind() == PropertyOutcome.Kind.CRASHED)) {
            tally.stopped++;
        }
        tally.min = Math.min(tally.min, run.earned());
        tally.max = Math.max(tally.max, run.earned());
        tally.times.add(run.elapsed());
        if (!expected(tally.target, run)) {
            List<PropertyOutcome> lost = run.outcomes().stream().filter(o -> o.kind() != PropertyOutcome.Kind.PASSED).toList();
            String what = tally.target.correct()
                    ? "lost points: " + lost.stream().map(o -> "\"" + o.property().name() + "\" " + o.kind().label()
                            + whatWentWrong(o.feedback())).collect(Collectors.joining("; "))
                    : "kept full marks (" + run.earned() + "/" + run.available() + ")";
            // Everything the failures said: a flaky outcome may not come back with the same seed.
            String details = lost.stream().map(o -> o.property().name() + ": " + o.kind().label() + "\n" + o.feedback())
                    .collect(Collectors.joining("\n\n"));
            tally.surprises.add(new Surprise(run.seed(), what, details));
        }
    }

    /** The gist of a failure report: the first line of what went wrong (a property failure's), or its first line. */
    private static String whatWentWrong(String feedback) {
        List<String> lines = feedback.lines().map(String::strip).toList();
        int heading = lines.indexOf("What went wrong:");
        String gist = heading >= 0 && heading + 1 < lines.size() ? lines.get(heading + 1)
                : lines.stream().findFirst().orElse("");
        return gist.isEmpty() ? "" : " (" + gist + ")";
    }

    private static List<String> table(List<Tally> tallies) {
        int nameWidth = Math.max("Implementation".length(), tallies.stream().mapToInt(t -> t.target.name().length()).max().orElse(0));
        String format = "%-" + nameWidth + "s  %4s  %10s  %11s  %-14s  %9s  %s";
        List<String> lines = new ArrayList<>();
        lines.add(String.format(format, "Implementation", "Runs", "Full marks", "Lost points", "Score", "Timed out",
                "Unexpected (seeds)"));
        for (Tally t : tallies) {
            String seeds = t.surprises.isEmpty() ? "-" : t.surprises.stream().map(s -> Long.toString(s.seed()))
                    .collect(Collectors.joining(" "));
            String score = (t.min == t.max ? Integer.toString(t.min) : t.min + ".." + t.max) + " of " + t.available;
            lines.add(String.format(format, t.target.name(), t.runs, t.fullMarks, t.lost, score, t.stopped, seeds));
        }
        return lines;
    }

    private static Duration median(List<Duration> times) {
        List<Duration> sorted = times.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
    }

    private static String minutes(Duration duration) {
        long s = duration.toSeconds();
        return s < 60 ? s + " s" : s / 60 + " min " + s % 60 + " s";
    }
}
