package chatlab.stage4;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The reference solution's {@link Pacer} on its own: the clock its writers share. A writer that waits
 * for ten ticks waits ten ticks long, even among others that keep the time in turns; and a writer that
 * keeps the time and is interrupted (the server closing in a hurry) still lets the others go.
 */
@DisplayName("Stage 4: the writers' pacer")
class PacerTest {
    private static final Duration TICK = Duration.ofMillis(20);
    private static final int WAITS = 10;

    @Test
    @DisplayName("writers waiting in turns each wait a tick per wait: ten waits last at least nine ticks")
    void eachWaitEndsAtANewTick() throws InterruptedException {
        Pacer pacer = new Pacer(TICK);
        ConcurrentLinkedQueue<Long> elapsedNanos = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> writers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            writers.add(Thread.ofVirtual().start(() -> {
                long start = System.nanoTime();
                try {
                    for (int wait = 0; wait < WAITS; wait++) {
                        pacer.awaitNextTick();
                    }
                    elapsedNanos.add(System.nanoTime() - start);
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread writer : writers) {
            writer.join(Duration.ofSeconds(30)); // a bound, not an expectation: about 0.2 s
        }

        assertTrue(failures.isEmpty(), () -> "no writer failed: " + failures);
        assertEquals(writers.size(), elapsedNanos.size(), "every writer got through its waits");
        // Ten waits end at ten different ticks, and ticks end at least a tick apart. (Only a lower
        // bound: how much longer it takes is the scheduler's business, not the pacer's.)
        long atLeast = (WAITS - 1) * TICK.toNanos();
        for (long elapsed : elapsedNanos) {
            assertTrue(elapsed >= atLeast, "ten waits took " + elapsed / 1_000_000 + " ms, less than nine ticks");
        }
    }

    @Test
    @DisplayName("a writer keeping the time that is interrupted still lets the others go")
    void anInterruptedTimekeeperLetsTheOthersGo() {
        Pacer pacer = new Pacer(Duration.ofHours(1)); // only the interrupt ends this tick
        ConcurrentLinkedQueue<String> outcomes = new ConcurrentLinkedQueue<>();
        Thread timekeeper = Thread.ofVirtual().start(() -> {
            try {
                pacer.awaitNextTick();
                outcomes.add("timekeeper returned");
            } catch (InterruptedException e) {
                outcomes.add("timekeeper interrupted");
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> timekeeper.getState() == Thread.State.TIMED_WAITING);
        List<Thread> others = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            others.add(Thread.ofVirtual().start(() -> {
                try {
                    pacer.awaitNextTick();
                    outcomes.add("writer let go");
                } catch (InterruptedException e) {
                    outcomes.add("writer interrupted");
                }
            }));
        }
        await().atMost(Duration.ofSeconds(5))
                .until(() -> others.stream().allMatch(t -> t.getState() == Thread.State.WAITING));

        timekeeper.interrupt();

        await().atMost(Duration.ofSeconds(5)).until(() -> outcomes.size() == 4);
        assertEquals(List.of("timekeeper interrupted", "writer let go", "writer let go", "writer let go"),
                outcomes.stream().sorted().toList());
    }
}
