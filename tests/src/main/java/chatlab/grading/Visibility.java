package chatlab.grading;

import java.util.Locale;

/**
 * Who sees a property's details, as Gradescope names it. A hidden property counts in the score,
 * but its name and scenario stay out of what the student reads.
 */
public enum Visibility {
    /** The student sees it, with its scenario when it fails. */
    VISIBLE,
    /** Counts in the score; the student never sees its details. */
    HIDDEN,
    /** Like {@link #HIDDEN} until the due date has passed (Gradescope shows it then). */
    AFTER_DUE_DATE;

    /** Gradescope's name for it: {@code visible}, {@code hidden}, {@code after_due_date}. */
    public String gradescopeName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The visibility Gradescope calls {@code name}. */
    public static Visibility ofGradescopeName(String name) {
        for (Visibility v : values()) {
            if (v.gradescopeName().equals(name)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown visibility '" + name + "': use visible, hidden or after_due_date");
    }

    /** Whether its details go into {@code feedback.md}, which the student reads at once. */
    public boolean detailsInFeedback() {
        return this == VISIBLE;
    }
}
