package chatlab.suite;

import static org.junit.jupiter.api.Assertions.assertTrue;

import chatlab.harness.ChatLabHome;
import chatlab.property.Seeds;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The graded suite catches every catalogued mistake: each loses points in its own stage. Each
 * mistake runs only its stage's properties and stops at the first lost point, as the grader does.
 * (That the solutions get full marks is the graded-suite run of the build: every property passes.)
 */
class MistakeCatalogueTest {

    @TestFactory
    @DisplayName("the graded suite takes points off every catalogued mistake")
    Stream<DynamicTest> everyMistakeLosesPoints() {
        List<MistakeCatalogue.Mistake> mistakes =
                MistakeCatalogue.list(MistakeCatalogue.folderIn(ChatLabHome.locate().root()));
        assertTrue(mistakes.size() >= 15, "the catalogue should hold at least 15 mistakes, it has " + mistakes.size());
        return mistakes.stream().map(mistake -> DynamicTest.dynamicTest(mistake.title(), () -> {
            ScoreCard card = SuiteRunner.run(new SuiteRunner.Request(Optional.of(mistake.folder()), Set.of(mistake.stage()),
                    Seeds.runSeed(), 1.0, true), new SuiteRunner.Progress() { });
            assertTrue(card.earned() < card.available(), () -> mistake.id() + " got full marks ("
                    + card.earned() + " of " + card.available() + ", seed " + card.seed() + "): "
                    + card.results().stream().map(r -> r.name() + " " + r.status()).collect(Collectors.joining("; ")));
        }));
    }
}
