package chatlab.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatlab.suite.PlannedProperty;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradingConfigTest {
    private static final PlannedProperty RULES = new PlannedProperty("a", 3, "the room's rules", 8);
    private static final PlannedProperty STRESS = new PlannedProperty("b", 3, "many members at once", 9);
    private static final PlannedProperty NICK = new PlannedProperty("c", 4, "nicknames", 6);
    private static final List<PlannedProperty> SUITE = List.of(RULES, STRESS, NICK);

    @TempDir
    Path dir;

    private GradingConfig read(String json) throws IOException {
        return GradingConfig.read(Files.writeString(dir.resolve("grading.json"), json), SUITE);
    }

    @Test
    void aPropertysOwnEntryWinsOverItsStagesAndTheDefaultCoversTheRest() throws IOException {
        GradingConfig config = read("""
                {"default_visibility": "visible",
                 "visibility": {"stage 3": "after_due_date", "many members at once": "hidden"},
                 "property_timeout_seconds": 30, "submission_timeout_seconds": 300}
                """);
        assertEquals(Visibility.AFTER_DUE_DATE, config.visibilityOf(RULES));
        assertEquals(Visibility.HIDDEN, config.visibilityOf(STRESS));
        assertEquals(Visibility.VISIBLE, config.visibilityOf(NICK));
        assertEquals(Duration.ofSeconds(30), config.propertyTimeout());
        assertEquals(Duration.ofSeconds(300), config.submissionTimeout());
    }

    @Test
    void anEmptyConfigIsTheDefault() throws IOException {
        GradingConfig config = read("{}");
        assertEquals(GradingConfig.DEFAULT, config);
        assertEquals(Visibility.VISIBLE, config.visibilityOf(STRESS));
    }

    @Test
    void mistakesInTheFileAreNamedForTheInstructor() {
        var typo = assertThrows(IllegalArgumentException.class, () -> read("{\"visibility\": {\"many members\": \"hidden\"}}"));
        assertTrue(typo.getMessage().contains("names no property of the suite: 'many members'"), typo.getMessage());
        assertTrue(typo.getMessage().contains("many members at once"), typo.getMessage());
        var badValue = assertThrows(IllegalArgumentException.class, () -> read("{\"default_visibility\": \"secret\"}"));
        assertTrue(badValue.getMessage().contains("use visible, hidden or after_due_date"), badValue.getMessage());
        var unknown = assertThrows(IllegalArgumentException.class, () -> read("{\"visibilty\": {}}"));
        assertTrue(unknown.getMessage().contains("visibilty"), unknown.getMessage());
        var notJson = assertThrows(IllegalArgumentException.class, () -> read("{\"visibility\": "));
        assertTrue(notJson.getMessage().startsWith("the grading config "), notJson.getMessage());
        var negative = assertThrows(IllegalArgumentException.class, () -> read("{\"property_timeout_seconds\": 0}"));
        assertTrue(negative.getMessage().contains("must be positive"), negative.getMessage());
    }
}
