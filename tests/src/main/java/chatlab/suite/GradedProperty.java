package chatlab.suite;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a graded property: a JUnit Jupiter test that belongs to one stage and is worth some points.
 *
 * <p>IDEs and Surefire list it by its {@code @DisplayName}; {@code chatlab check} and the grader
 * read {@link #stage()} and {@link #points()} to add up scores. The method receives a
 * {@link PropertyContext} that starts stages of the implementation under test and runs property
 * checks named after the test.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Test
@Tag("graded")
@ExtendWith(GradedPropertyExtension.class)
public @interface GradedProperty {

    /** The stage whose score the points count in, 1 to 4. */
    int stage();

    /** What the property is worth. The suite's points add up to 100. */
    int points();

    /** How many scenarios to try (a run may scale it with {@code chatlab.tries.factor}). */
    int tries() default 10;
}
