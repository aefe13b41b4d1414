package chatlab.suite;

import static org.junit.jupiter.api.Assertions.assertTrue;

import chatlab.harness.ChatLabHome;
import chatlab.property.Seeds;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The graded suite catches every catalogued mistake: each loses points in its own stage, by a
 * property that fails (not because it does not compile or crashes). Each mistake runs only its
 * stage's properties and stops at the first lost point, as the grader does. (That the solutions get
 * full marks is the graded-suite run of the build: every property passes.)
 *
 * <p>Each mistake runs in a child JVM of its own ({@link IsolatedSuiteRunner}), killed when it is
 * done: some mistakes leave threads behind (one spins at end of stream), and those must not slow
 * down the tests that run after this one.
 */
class MistakeCatalogueTest {
    private static final Duration TIME_LIMIT_PER_MISTAKE = Duration.ofMinutes(3);

    @TestFactory
    @DisplayName("the graded suite takes points off every catalogued mistake")
    Stream<DynamicTest> everyMistakeLosesPoints() {
        ChatLabHome home = ChatLabHome.locate();
        List<MistakeCatalogue.Mistake> mistakes = MistakeCatalogue.list(MistakeCatalogue.folderIn(home.root()));
        assertTrue(mistakes.size() >= 15, "the catalogue should hold at least 15 mistakes, it has " + mistakes.size());
        return mistakes.stream().map(mistake -> DynamicTest.dynamicTest(mistake.title(), () -> {
            IsolatedSuiteRunner.Settings settings = IsolatedSuiteRunner.Settings.likeThisJvm(
                    mistake.folder().toAbsolutePath().toString(), home);
            IsolatedSuiteRunner.Run run;
            try (IsolatedSuiteRunner runner = new IsolatedSuiteRunner(settings)) {
                run = runner.run(SuiteRunner.plan(Set.of(mistake.stage())), Seeds.runSeed(), TIME_LIMIT_PER_MISTAKE,
                        IsolatedSuiteRunner.Policy.FIRST_LOST_POINT, new IsolatedSuiteRunner.Listener() { });
            }
            String outcomes = run.outcomes().stream().map(o -> o.property().name() + ": " + o.kind() + " " + o.feedback())
                    .collect(Collectors.joining("\n"));
            assertTrue(run.earned() < run.available(), () -> mistake.id() + " got full marks (seed " + run.seed() + "):\n"
                    + outcomes);
            assertTrue(run.outcomes().stream().anyMatch(o -> o.kind() == PropertyOutcome.Kind.FAILED
                            || o.kind() == PropertyOutcome.Kind.TIMED_OUT),
                    () -> mistake.id() + " should lose points to a failing property (seed " + run.seed() + "):\n" + outcomes);
        }));
    }
}
