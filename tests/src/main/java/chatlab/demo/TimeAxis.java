package chatlab.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The time axis shared by every timeline of a report, so that stages can be compared at a glance:
 * from 0 to {@link #span()}, with a tick every {@link #step()}.
 */
record TimeAxis(Duration span, Duration step) {
    private static final List<Duration> STEPS = List.of(Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofSeconds(60));

    /** An axis long enough for {@code last}, with at most {@code maxTicks} steps. */
    static TimeAxis covering(Duration last, int maxTicks) {
        for (Duration step : STEPS) {
            long steps = Math.max(1, (last.toNanos() + step.toNanos() - 1) / step.toNanos());
            if (steps <= maxTicks) {
                return new TimeAxis(step.multipliedBy(steps), step);
            }
        }
        Duration step = STEPS.getLast();
        return new TimeAxis(step.multipliedBy((last.toNanos() + step.toNanos() - 1) / step.toNanos()), step);
    }

    /** Where {@code at} falls on the axis, from 0 to 1. */
    double fraction(Duration at) {
        return Math.clamp((double) at.toNanos() / span.toNanos(), 0.0, 1.0);
    }

    /** The ticks, from 0 to the span included. */
    List<Duration> ticks() {
        List<Duration> ticks = new ArrayList<>();
        for (Duration t = Duration.ZERO; t.compareTo(span) <= 0; t = t.plus(step)) {
            ticks.add(t);
        }
        return ticks;
    }

    /** A tick's label: {@code 0 s}, {@code 1.5 s}. */
    static String label(Duration tick) {
        double seconds = tick.toMillis() / 1000.0;
        return (seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds)) + " s";
    }
}
