package chatlab.suite;

/**
 * A graded property as discovery finds it, before it runs: what a progress line, a score table or
 * a child JVM asked to run it needs to know.
 *
 * @param id     JUnit's unique id of the test: names the property across JVMs
 * @param stage  the stage it counts in
 * @param name   its readable name ({@code @DisplayName})
 * @param points what it is worth
 */
public record PlannedProperty(String id, int stage, String name, int points) {
}
