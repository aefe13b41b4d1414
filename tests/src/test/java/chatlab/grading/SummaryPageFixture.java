package chatlab.grading;

import chatlab.suite.PropertyOutcome.Kind;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A made-up class of 30 graded submissions, the suite's properties with pass rates a real class
 * might show (the stage 4 slow reader most often missed), and a few odd ones: an unreadable
 * submission, one that timed out, a stage 4 that does not compile, and student ids that are markup
 * and a spreadsheet formula.
 *
 * <p>{@code main} writes its {@code summary.html} for the page check (tests/page-check/check-page):
 * {@code java -cp tests/target/test-classes:tests/target/classes:common/target/classes
 * chatlab.grading.SummaryPageFixture OUT.html}.
 */
public final class SummaryPageFixture {
    /** Stage, points, name, and the share of a class that passes it. */
    private record Suite(int stage, int points, String name, double passRate) {
    }

    private static final List<Suite> SUITE = List.of(
            new Suite(1, 4, "names are exchanged both ways: the client's name on the console, the operator's to the client", 0.97),
            new Suite(1, 7, "full duplex: every line reaches the other side in order, whatever the interleaving", 0.9),
            new Suite(1, 4, "[bye] from either side ends the session with the right farewell, and the stage returns", 0.75),
            new Suite(1, 5, "of clients arriving together exactly one is served; the others are never answered, then reset", 0.85),
            new Suite(2, 6, "clients arriving together are served one at a time, in arrival order, each session complete", 0.9),
            new Suite(2, 5, "the server keeps accepting after any number of sessions", 0.93),
            new Suite(2, 5, "each session gets the operator's lines from its start; lines typed between sessions go to nobody", 0.45),
            new Suite(2, 4, "a waiting client is answered only after the previous session has ended", 0.85),
            new Suite(3, 8, "every member receives exactly the room's events, in order, for any schedule", 0.8),
            new Suite(3, 4, "members that are cut off, close without [bye] or vanish before joining do not stop the room", 0.6),
            new Suite(3, 4, "a message's text cannot change whose name it carries: the server adds the sender's nickname", 0.9),
            new Suite(3, 5, "clients arriving together are all answered at once, and join in whatever order they answer", 0.85),
            new Suite(3, 9, "many members at once: whole lines, each event once to everyone in the room, in one order for all", 0.55),
            new Suite(4, 6, "stage 3's rules still hold: every member receives exactly the room's events, in order, for any schedule", 0.8),
            new Suite(4, 6, "nicknames: invalid, reserved and taken ones (ignoring case, in any script) get the right ERROR and"
                    + " a retry; a valid one joins", 0.65),
            new Suite(4, 2, "nicknames: no valid nickname in time gets ERROR no nickname and a disconnect; members stay", 0.8),
            new Suite(4, 4, "line limit: 1024 bytes go through; the 1025th gets ERROR line too long, a disconnect, and left! to the others", 0.7),
            new Suite(4, 3, "UTF-8: a line or nickname that is not valid UTF-8 gets ERROR invalid UTF-8 and is dropped; the connection stays", 0.75),
            new Suite(4, 5, "a member that stops reading delays nobody, and is dropped with left! once more than 1 MiB waits for it", 0.2),
            new Suite(4, 4, "shutdown: every connection gets ERROR server shutting down and is closed, no left!, no thread left", 0.5));

    static final long SEED = 20_260_302L;
    static final ZonedDateTime GRADED_AT = ZonedDateTime.of(2026, 3, 2, 14, 5, 0, 0, ZoneOffset.UTC);

    private SummaryPageFixture() {
    }

    /** The class, in no particular order. */
    static List<SubmissionGrade> batch() {
        Random random = new Random(7);
        List<SubmissionGrade> batch = new ArrayList<>();
        for (int i = 1; i <= 26; i++) {
            double skill = 0.55 + 0.45 * random.nextDouble();
            batch.add(graded(String.format("s%04d", 1000 + 37 * i), random, skill, false));
        }
        batch.add(graded("<script>alert('id')</script>", random, 0.9, false));
        batch.add(graded("=cmd|' /C calc'!A0", random, 0.8, false));
        batch.add(graded("s2001", random, 0.9, true));
        batch.add(new SubmissionGrade("s2002", SEED, SubmissionGrade.Status.UNREADABLE,
                List.of("s2002.zip is not a zip file"), notRun("the submission could not be read"), Duration.ofMillis(300)));
        SubmissionGrade slow = graded("s2003", random, 0.7, false);
        batch.add(new SubmissionGrade(slow.student(), SEED, SubmissionGrade.Status.TIMED_OUT,
                List.of("grading stopped at the submission's time limit (900 s)"), slow.properties(), Duration.ofSeconds(900)));
        return batch;
    }

    private static SubmissionGrade graded(String student, Random random, double skill, boolean stage4Broken) {
        List<PropertyGrade> properties = new ArrayList<>();
        int[] numbers = new int[5];
        for (Suite p : SUITE) {
            int number = ++numbers[p.stage()];
            Kind kind;
            String feedback = "";
            if (stage4Broken && p.stage() == 4) {
                kind = Kind.STAGE_UNAVAILABLE;
                feedback = "HardenedRoomServer.java:41: error: ';' expected";
            } else if (random.nextDouble() < p.passRate() * (0.6 + 0.4 * skill) / 0.9) {
                kind = Kind.PASSED;
            } else {
                kind = random.nextInt(10) == 0 ? Kind.TIMED_OUT : Kind.FAILED;
                feedback = "Property failed: " + p.name();
            }
            Visibility visibility = p.stage() == 4 && number >= 6 ? Visibility.HIDDEN : Visibility.VISIBLE;
            properties.add(Grades.property(p.stage(), number, p.name(), p.points(), kind, feedback, visibility));
        }
        List<String> notices = stage4Broken ? List.of("Stage 4 does not compile: it scores 0") : List.of();
        return new SubmissionGrade(student, SEED, SubmissionGrade.Status.GRADED, notices, properties,
                Duration.ofSeconds(40 + random.nextInt(40)));
    }

    private static List<PropertyGrade> notRun(String why) {
        List<PropertyGrade> properties = new ArrayList<>();
        int[] numbers = new int[5];
        for (Suite p : SUITE) {
            properties.add(Grades.property(p.stage(), ++numbers[p.stage()], p.name(), p.points(), Kind.NOT_RUN, why,
                    Visibility.VISIBLE));
        }
        return properties;
    }

    /** Writes the class's summary.html to the path given. */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: SummaryPageFixture OUT.html");
            System.exit(2);
        }
        ClassSummaryPage.write(batch(), GRADED_AT, Path.of(args[0]));
    }
}
