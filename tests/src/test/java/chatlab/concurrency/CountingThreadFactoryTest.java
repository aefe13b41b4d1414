package chatlab.concurrency;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class CountingThreadFactoryTest {

    /** How long awaitNoneAlive is given when the test expects it to give up. */
    private static final Duration GIVE_UP_AFTER = Duration.ofMillis(100);

    @Test
    void countsThreadsFromTheirMakingToTheEndOfTheirTask() throws InterruptedException {
        CountingThreadFactory threads = CountingThreadFactory.virtual("t");
        CountDownLatch release = new CountDownLatch(1);

        Thread first = threads.newThread(() -> awaitQuietly(release));
        Thread second = threads.newThread(() -> awaitQuietly(release));
        assertEquals(2, threads.alive(), "made but not started count as alive");
        assertEquals(2, threads.started());

        first.start();
        second.start();
        assertEquals(2, threads.alive());

        release.countDown();
        first.join();
        second.join();
        await().atMost(Duration.ofSeconds(5)).until(() -> threads.alive() == 0);
        assertEquals(2, threads.started(), "started counts every thread ever made");
    }

    @Test
    void aThreadWhoseTaskThrowsIsNoLongerAlive() throws InterruptedException {
        CountingThreadFactory threads = CountingThreadFactory.virtual("t");
        Thread thread = threads.newThread(() -> {
            throw new IllegalStateException("boom (expected by the test)");
        });
        thread.setUncaughtExceptionHandler((t, e) -> { });
        thread.start();

        assertTrue(threads.awaitNoneAlive(Duration.ofSeconds(5)));
        assertEquals(0, threads.alive());
    }

    @Test
    void virtualMakesNamedVirtualThreads() throws InterruptedException {
        CountingThreadFactory threads = CountingThreadFactory.virtual("room");
        Thread a = threads.newThread(() -> { });
        Thread b = threads.newThread(() -> { });

        assertTrue(a.isVirtual());
        assertEquals("room-0", a.getName());
        assertEquals("room-1", b.getName());
        a.start();
        b.start();
        assertTrue(threads.awaitNoneAlive(Duration.ofSeconds(5)));
    }

    @Test
    void platformMakesNamedDaemonPlatformThreads() throws InterruptedException {
        CountingThreadFactory threads = CountingThreadFactory.platform("room");
        Thread a = threads.newThread(() -> { });

        assertFalse(a.isVirtual());
        assertTrue(a.isDaemon());
        assertEquals("room-0", a.getName());
        a.start();
        assertTrue(threads.awaitNoneAlive(Duration.ofSeconds(5)));
    }

    @Test
    void awaitNoneAliveIsTrueAtOnceWhenNoThreadWasMade() throws InterruptedException {
        assertTrue(CountingThreadFactory.virtual("t").awaitNoneAlive(Duration.ZERO));
    }

    @Test
    void awaitNoneAliveGivesUpWhileAThreadIsStillAlive() throws InterruptedException {
        CountingThreadFactory threads = CountingThreadFactory.virtual("t");
        CountDownLatch release = new CountDownLatch(1);
        Thread thread = threads.newThread(() -> awaitQuietly(release));
        thread.start();
        try {
            assertFalse(threads.awaitNoneAlive(GIVE_UP_AFTER));
            assertEquals(1, threads.alive());
        } finally {
            release.countDown();
            thread.join();
        }
    }

    @Test
    void awaitNoneAliveWakesUpWhenTheLastThreadEnds() throws InterruptedException {
        CountingThreadFactory threads = CountingThreadFactory.virtual("t");
        CountDownLatch release = new CountDownLatch(1);
        threads.newThread(() -> awaitQuietly(release)).start();
        Thread waiter = Thread.currentThread();
        // Release the thread only once this test is waiting inside awaitNoneAlive.
        Thread.ofVirtual().start(() -> {
            await().atMost(Duration.ofSeconds(5)).until(() -> waiter.getState() == Thread.State.TIMED_WAITING);
            release.countDown();
        });

        long start = System.nanoTime();
        assertTrue(threads.awaitNoneAlive(Duration.ofSeconds(30)));
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos(), "woke up when the thread ended");
    }

    @Test
    void awaitNoneAliveIsInterruptible() {
        CountingThreadFactory threads = CountingThreadFactory.virtual("t");
        CountDownLatch release = new CountDownLatch(1);
        threads.newThread(() -> awaitQuietly(release)).start();
        try {
            Thread.currentThread().interrupt();
            assertThrows(InterruptedException.class, () -> threads.awaitNoneAlive(Duration.ofSeconds(30)));
        } finally {
            release.countDown();
        }
    }

    @Test
    void aNullTaskIsRefused() {
        assertThrows(NullPointerException.class, () -> CountingThreadFactory.virtual("t").newThread(null));
        assertThrows(NullPointerException.class, () -> new CountingThreadFactory(null));
    }

    static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
