package chatlab.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PropertyCheckTest {
    private static final Gen<List<Integer>> LISTS = Gen.listOf(Gen.ints(0, 1000), 0, 20);

    @Test
    @DisplayName("a property that holds runs every try and throws nothing")
    void holdingPropertyPasses() {
        List<List<Integer>> seen = new ArrayList<>();
        PropertyCheck.forAll(LISTS).named("sizes").seed(1).tries(25).check(seen::add);
        assertEquals(25, seen.size());
        assertTrue(seen.stream().allMatch(l -> l.size() <= 20));
    }

    @Test
    @DisplayName("the same seed draws the same scenarios; another seed draws others")
    void sameSeedSameScenarios() {
        List<List<Integer>> first = new ArrayList<>();
        List<List<Integer>> second = new ArrayList<>();
        List<List<Integer>> other = new ArrayList<>();
        PropertyCheck.forAll(LISTS).named("p").seed(42).tries(10).check(first::add);
        PropertyCheck.forAll(LISTS).named("p").seed(42).tries(10).check(second::add);
        PropertyCheck.forAll(LISTS).named("p").seed(43).tries(10).check(other::add);
        assertEquals(first, second);
        assertNotEquals(first, other);
    }

    @Test
    @DisplayName("a failing scenario is shrunk to a minimal one that still fails")
    void shrinksToMinimalCounterexample() {
        PropertyFailure failure = assertThrows(PropertyFailure.class, () ->
                PropertyCheck.forAll(LISTS).named("no element reaches 500").seed(7).tries(50)
                        .shrinkingFor(Duration.ofSeconds(5))
                        .check(list -> {
                            if (list.stream().anyMatch(i -> i >= 500)) {
                                throw new AssertionError("found " + list);
                            }
                        }));
        assertEquals(List.of(500), failure.scenario(), failure.getMessage());
        assertTrue(failure.getMessage().contains("no element reaches 500"));
        assertTrue(failure.getMessage().contains("./chatlab check --seed 7"), failure.getMessage());
        assertTrue(failure.getMessage().contains("-Dchatlab.seed=7"), failure.getMessage());
        assertEquals(7, failure.seed());
    }

    @Test
    @DisplayName("an exception other than an assertion is a failure too, and is named in the report")
    void exceptionsFail() {
        PropertyFailure failure = assertThrows(PropertyFailure.class, () ->
                PropertyCheck.forAll(Gen.ints(0, 10)).named("boom").seed(3).tries(5)
                        .check(i -> {
                            throw new java.io.IOException("connection refused");
                        }));
        assertTrue(failure.whatWentWrong().contains("IOException: connection refused"), failure.whatWentWrong());
    }

    @Test
    @DisplayName("oneOf and elementOf shrink towards their first alternative")
    void alternativesShrinkToFirst() {
        PropertyFailure failure = assertThrows(PropertyFailure.class, () ->
                PropertyCheck.forAll(Gen.elementOf("a", "b", "c", "d")).named("always fails").seed(5).tries(1)
                        .check(s -> {
                            throw new AssertionError(s);
                        }));
        assertEquals("a", failure.scenario());
    }
}
