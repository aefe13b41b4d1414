package chatlab.demo;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one client of the demo saw, with times counted from the start of its stage's run.
 *
 * @param name          the client's name
 * @param connectCalled when it called {@code connect()}
 * @param connected     when {@code connect()} returned, if it succeeded
 * @param answered      when the server's first line arrived, if one did
 * @param firstAnswer   that line ({@code ""} if none)
 * @param end           how the client's connection ended
 * @param endedAt       when: the moment the client left, the server closed or reset it, {@code connect()}
 *                      failed, or the client gave up waiting
 * @param detail        for a failed {@code connect()}, what the system said; otherwise {@code ""}
 * @param received      every line the client received, with its time
 */
record ClientRecord(String name, Duration connectCalled, Optional<Duration> connected, Optional<Duration> answered,
                    String firstAnswer, End end, Duration endedAt, String detail, List<TimedLine> received) {

    /** How a client's connection ended. */
    enum End {
        /** The client said goodbye and closed, as scripted. */
        LEFT,
        /** The server sent its farewell and closed. */
        FAREWELL,
        /** The server closed the connection (no farewell). */
        CLOSED,
        /** The connection was reset. */
        RESET,
        /** The observation window closed with no answer: the client gave up waiting. */
        GAVE_UP,
        /** {@code connect()} failed: nobody was listening (refused), or it timed out. */
        REFUSED,
        /** The demo stopped the run early (the stage stopped at a TODO). */
        ABORTED
    }

    /** A line received, and when. */
    record TimedLine(Duration at, String line) {
    }

    ClientRecord {
        Objects.requireNonNull(name, "name");
        received = List.copyOf(received);
    }

    /** Whether the server answered this client (for stages 1 and 2 its name, for stage 3 {@code NICK}). */
    boolean served() {
        return answered.isPresent();
    }

    /** Whether {@code connect()} succeeded. */
    boolean didConnect() {
        return connected.isPresent();
    }

    /** How long the client waited for its first answer, if it got one. */
    Optional<Duration> waited() {
        return answered.map(at -> at.minus(connected.orElseThrow()));
    }

    /** Whether the first answer came quicker than a person can tell ({@link DemoClient#AT_ONCE}). */
    boolean answeredAtOnce() {
        return waited().map(wait -> wait.compareTo(DemoClient.AT_ONCE) < 0).orElse(false);
    }

    /** What happened to the client, in a few words with times: {@code waited 1.49 s; left at 3.00 s}. */
    String story() {
        if (end == End.REFUSED) {
            return "connect() failed at " + Wording.seconds(endedAt) + (detail.isEmpty() ? "" : ": " + detail);
        }
        if (end == End.ABORTED) {
            return "stopped by the demo";
        }
        String ending = switch (end) {
            case LEFT -> "left at ";
            case FAREWELL -> "server said bye at ";
            case CLOSED -> "closed by server at ";
            case RESET -> "reset at ";
            case GAVE_UP -> "gave up at ";
            case REFUSED, ABORTED -> throw new AssertionError(end);
        } + Wording.seconds(endedAt);
        if (!served()) {
            return "no answer; " + ending;
        }
        return (answeredAtOnce() ? "served at once" : "waited " + Wording.seconds(waited().orElseThrow())) + "; " + ending;
    }
}
