package chatlab.concurrency;

import static chatlab.concurrency.Subtask.State.CANCELLED;
import static chatlab.concurrency.Subtask.State.FAILED;
import static chatlab.concurrency.Subtask.State.RUNNING;
import static chatlab.concurrency.Subtask.State.SUCCESS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TaskScopeTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final CountingThreadFactory threads = CountingThreadFactory.virtual("scope");
    /** Nothing is ever put here: a subtask taking from it blocks until interrupted. */
    private final BlockingQueue<String> never = new LinkedBlockingQueue<>();

    @AfterEach
    void noThreadOfTheScopeIsLeft() throws InterruptedException {
        assertTrue(threads.awaitNoneAlive(WAIT), "threads still alive: " + threads.alive());
    }

    // ---- open: every subtask must succeed --------------------------------------------------------

    @Test
    void joinWaitsForEverySubtaskAndTheirResultsAreThere() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        Subtask<String> quick;
        Subtask<Integer> slow;
        try (TaskScope scope = TaskScope.open(threads)) {
            quick = scope.fork(() -> "quick");
            slow = scope.fork(() -> {
                release.await();
                return 42;
            });
            whenWaiting(Thread.currentThread(), release::countDown);

            scope.join();

            assertEquals(SUCCESS, quick.state());
            assertEquals(SUCCESS, slow.state());
            assertEquals("quick", quick.get());
            assertEquals(42, slow.get());
            assertFalse(scope.isCancelled(), "a success cancels nothing");
        }
        assertEquals(0, threads.alive());
        assertEquals(2, threads.started());
    }

    @Test
    void aSubtaskMayReturnNull() throws InterruptedException {
        try (TaskScope scope = TaskScope.open(threads)) {
            Subtask<Object> nothing = scope.fork(() -> null);
            scope.join();

            assertEquals(SUCCESS, nothing.state());
            assertNull(nothing.get());
        }
    }

    @Test
    void aRunningSubtaskHasNeitherResultNorException() {
        try (TaskScope scope = TaskScope.open(threads)) {
            Subtask<String> running = scope.fork(never::take);

            assertEquals(RUNNING, running.state());
            assertThrows(IllegalStateException.class, running::get);
            assertThrows(IllegalStateException.class, running::exception);
        }
    }

    @Test
    void theFirstFailureInterruptsTheSiblingsAndJoinThrowsIt() throws InterruptedException {
        IOException boom = new IOException("boom (expected by the test)");
        CountDownLatch siblingsStarted = new CountDownLatch(2);
        Subtask<Object> sleeper;
        Subtask<String> taker;
        Subtask<Object> failing;
        try (TaskScope scope = TaskScope.open(threads)) {
            sleeper = scope.fork(() -> {
                siblingsStarted.countDown();
                Thread.sleep(Long.MAX_VALUE);
                return null;
            });
            taker = scope.fork(() -> {
                siblingsStarted.countDown();
                return never.take();
            });
            failing = scope.fork(() -> {
                siblingsStarted.await();
                throw boom;
            });

            TaskScope.FailedException thrown = assertThrows(TaskScope.FailedException.class, scope::join);

            assertSame(boom, thrown.getCause());
            assertTrue(scope.isCancelled());
        }
        assertSame(boom, failing.exception());
        assertInstanceOf(InterruptedException.class, sleeper.exception());
        assertInstanceOf(InterruptedException.class, taker.exception());
        assertEquals(0, threads.alive());
    }

    @Test
    void joinThrowsTheFirstFailureNotTheSiblingsReactionToIt() throws InterruptedException {
        IllegalStateException first = new IllegalStateException("first (expected by the test)");
        try (TaskScope scope = TaskScope.open(threads)) {
            Subtask<String> sibling = scope.fork(() -> {
                try {
                    return never.take();
                } catch (InterruptedException e) {
                    throw new IOException("interrupted (expected by the test)", e);
                }
            });
            scope.fork(() -> {
                throw first;
            });

            TaskScope.FailedException thrown = assertThrows(TaskScope.FailedException.class, scope::join);
            assertSame(first, thrown.getCause());
            scope.close();
            assertInstanceOf(IOException.class, sibling.exception());
        }
    }

    @Test
    void errorsThrownBySubtasksAreFailuresToo() {
        AssertionError error = new AssertionError("an Error (expected by the test)");
        try (TaskScope scope = TaskScope.open(threads)) {
            Subtask<Object> failing = scope.fork(() -> {
                throw error;
            });

            assertSame(error, assertThrows(TaskScope.FailedException.class, scope::join).getCause());
            assertTrue(scope.isCancelled(), "a failure cancels the scope before join reports it");
            assertEquals(FAILED, failing.state());
            assertThrows(IllegalStateException.class, failing::get);
        }
    }

    @Test
    void joinOfAnEmptyScopeReturnsAtOnce() throws InterruptedException {
        try (TaskScope scope = TaskScope.open(threads)) {
            assertNull(scope.join());
        }
        try (TaskScope scope = TaskScope.openFirstCompletion(threads)) {
            assertNull(scope.join());
        }
    }

    // ---- openFirstCompletion: the first to end ends them all ------------------------------------

    @Test
    void firstCompletionJoinReturnsTheFirstSubtaskToEndAndInterruptsTheOther() throws InterruptedException {
        Subtask<String> waiting;
        Subtask<String> fast;
        try (TaskScope scope = TaskScope.openFirstCompletion(threads)) {
            waiting = scope.fork(never::take);
            fast = scope.fork(() -> "fast");

            Subtask<?> first = scope.join();

            assertSame(fast, first);
            assertEquals("fast", first.get());
            assertTrue(scope.isCancelled());
        }
        assertInstanceOf(InterruptedException.class, waiting.exception());
        assertEquals(0, threads.alive());
    }

    @Test
    void firstCompletionCountsAFailureAsACompletionAndJoinDoesNotThrow() throws InterruptedException {
        IOException gone = new IOException("client left (expected by the test)");
        try (TaskScope scope = TaskScope.openFirstCompletion(threads)) {
            Subtask<String> operator = scope.fork(never::take);
            Subtask<Object> client = scope.fork(() -> {
                throw gone;
            });

            Subtask<?> first = scope.join();

            assertSame(client, first);
            assertSame(gone, first.exception());
            scope.close();
            assertInstanceOf(InterruptedException.class, operator.exception());
        }
    }

    @Test
    void aSubtaskForkedWhileTheScopeIsBeingCancelledNeverRuns() throws InterruptedException {
        // The second fork passes the "cancelled?" check, then its thread is made while the first
        // subtask completes and cancels the scope. The cancellation must still reach it, or close()
        // would wait for ever for a task blocked where nobody interrupts it.
        CountDownLatch secondForkUnderway = new CountDownLatch(1);
        AtomicReference<TaskScope> scopeRef = new AtomicReference<>();
        AtomicInteger made = new AtomicInteger();
        ThreadFactory slowSecondThread = task -> {
            if (made.incrementAndGet() == 2) {
                secondForkUnderway.countDown();
                await().atMost(WAIT).until(() -> scopeRef.get().isCancelled());
            }
            return threads.newThread(task);
        };
        AtomicReference<Thread> secondThread = new AtomicReference<>();
        TaskScope scope = TaskScope.openFirstCompletion(slowSecondThread);
        scopeRef.set(scope);

        Subtask<String> first = scope.fork(() -> {
            secondForkUnderway.await();
            return "first";
        });
        Subtask<String> second = scope.fork(() -> {
            secondThread.set(Thread.currentThread());
            return never.take();
        });
        assertSame(first, scope.join());

        Thread closer = Thread.ofVirtual().start(scope::close);
        if (!closer.join(WAIT)) {
            await().atMost(WAIT).until(() -> secondThread.get() != null);
            secondThread.get().interrupt(); // unblock it, so that the test leaves nothing behind
            closer.join();
            fail("close() kept waiting for a subtask that the cancellation never interrupted");
        }
        assertEquals(CANCELLED, second.state());
        assertNull(secondThread.get(), "the task of a subtask forked into a cancelled scope ran");
        assertEquals(2, threads.started());
        assertEquals(0, threads.alive(), "its thread was made, so it must have been started and ended");
    }

    // ---- cancel and close ------------------------------------------------------------------------

    @Test
    void closeWithoutJoinCancelsWhatStillRuns() {
        Subtask<String> taker;
        TaskScope scope = TaskScope.open(threads);
        try (scope) {
            taker = scope.fork(never::take);
        }
        assertTrue(scope.isCancelled());
        assertInstanceOf(InterruptedException.class, taker.exception());
        assertEquals(0, threads.alive());
    }

    @Test
    void closeWaitsForASubtaskThatTakesTimeToStop() {
        CountDownLatch mayFinish = new CountDownLatch(1);
        AtomicBoolean cleanedUp = new AtomicBoolean();
        TaskScope scope = TaskScope.open(threads);
        scope.fork(() -> {
            try {
                return never.take();
            } catch (InterruptedException e) {
                mayFinish.await(); // still cleaning up after the interrupt
                cleanedUp.set(true);
                throw e;
            }
        });
        whenWaiting(Thread.currentThread(), mayFinish::countDown);

        scope.close();

        assertTrue(cleanedUp.get(), "close returned before the subtask ended");
        assertEquals(0, threads.alive());
    }

    @Test
    void noThreadIsAliveTheMomentCloseReturns() throws InterruptedException {
        // Counted by the harness's factory: its count drops only when a thread's whole task is over,
        // a little after the subtask itself has reported its result.
        for (int round = 0; round < 300; round++) {
            int r = round;
            try (TaskScope scope = TaskScope.open(threads)) {
                scope.fork(() -> "done");
                scope.fork(() -> r);
                scope.join();
            }
            assertEquals(0, threads.alive(), "round " + round);
            try (TaskScope scope = TaskScope.openFirstCompletion(threads)) {
                scope.fork(never::take);
                scope.fork(() -> "done");
                scope.join();
            }
            assertEquals(0, threads.alive(), "round " + round);
        }
    }

    @Test
    void theOwnerMayCancelAndJoinThenReturnsAtOnce() throws InterruptedException {
        try (TaskScope scope = TaskScope.open(threads)) {
            Subtask<String> taker = scope.fork(never::take);
            scope.cancel();

            assertNull(scope.join());
            assertTrue(scope.isCancelled());
            scope.close();
            assertInstanceOf(InterruptedException.class, taker.exception());
        }
    }

    @Test
    void forkAfterCancelStartsNoThread() {
        AtomicBoolean ran = new AtomicBoolean();
        try (TaskScope scope = TaskScope.open(threads)) {
            scope.cancel();
            long made = threads.started();

            Subtask<Boolean> late = scope.fork(() -> ran.getAndSet(true));

            assertEquals(CANCELLED, late.state());
            assertEquals(made, threads.started());
            assertThrows(IllegalStateException.class, late::get);
        }
        assertFalse(ran.get());
    }

    @Test
    void forkAfterTheFirstCompletionStartsNoThread() throws InterruptedException {
        for (int round = 0; round < 200; round++) { // join() returning must never race ahead of the cancellation
            try (TaskScope scope = TaskScope.openFirstCompletion(threads)) {
                scope.fork(() -> "done");
                scope.join();

                assertTrue(scope.isCancelled(), "the first completion cancels the scope before join returns");
                assertEquals(CANCELLED, scope.fork(() -> "late").state());
            }
        }
        assertEquals(200, threads.started());
    }

    @Test
    void forkAfterCloseIsAnError() {
        TaskScope scope = TaskScope.open(threads);
        scope.close();

        assertThrows(IllegalStateException.class, () -> scope.fork(() -> "late"));
        scope.close(); // closing twice is harmless
    }

    @Test
    void aSubtaskThatCancelsTheScopeIsNotInterruptedItself() throws InterruptedException {
        // As in the JDK: cancelling from inside interrupts the siblings, not the caller, which may
        // still have work to do (send a farewell, close its socket).
        Subtask<Boolean> canceller;
        Subtask<String> sibling;
        try (TaskScope scope = TaskScope.open(threads)) {
            sibling = scope.fork(never::take);
            canceller = scope.fork(() -> {
                scope.cancel();
                return Thread.currentThread().isInterrupted();
            });
            scope.join();
        }
        assertEquals(SUCCESS, canceller.state());
        assertFalse(canceller.get(), "the cancelling subtask was interrupted");
        assertInstanceOf(InterruptedException.class, sibling.exception());
    }

    @Test
    void cancellationUnblocksAVirtualThreadReadingASocket() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(listener.getInetAddress(), listener.getLocalPort());
             Socket accepted = listener.accept()) {
            AtomicReference<Thread> reader = new AtomicReference<>();
            Subtask<Integer> reading;
            try (TaskScope scope = TaskScope.open(threads)) {
                reading = scope.fork(() -> {
                    reader.set(Thread.currentThread());
                    return accepted.getInputStream().read();
                });
                await().atMost(WAIT).until(() -> reader.get() != null
                        && reader.get().getState() == Thread.State.WAITING); // blocked in read()

                scope.cancel();
            }
            assertInstanceOf(SocketException.class, reading.exception());
            assertTrue(accepted.isClosed(), "the interrupt closes the socket");
            assertEquals(0, threads.alive());
        }
    }

    @Test
    void theOwnerInterruptedWhileJoiningGetsInterruptedException() {
        try (TaskScope scope = TaskScope.open(threads)) {
            scope.fork(never::take);
            Thread owner = Thread.currentThread();
            whenWaiting(owner, owner::interrupt);

            assertThrows(InterruptedException.class, scope::join);
        }
        assertEquals(0, threads.alive());
    }

    @Test
    void closeWaitsEvenWhenTheOwnerIsInterruptedAndKeepsTheInterrupt() {
        CountDownLatch mayFinish = new CountDownLatch(1);
        TaskScope scope = TaskScope.open(threads);
        scope.fork(() -> {
            try {
                return never.take();
            } catch (InterruptedException e) {
                mayFinish.await();
                throw e;
            }
        });
        Thread owner = Thread.currentThread();
        whenWaiting(owner, () -> {
            owner.interrupt();
            mayFinish.countDown();
        });

        scope.close();

        assertEquals(0, threads.alive(), "close gave up waiting when interrupted");
        assertTrue(Thread.interrupted(), "close forgot the owner's interrupt");
    }

    @Test
    void tenThousandShortSubtasksOnVirtualThreads() throws InterruptedException {
        int n = 10_000;
        List<Subtask<Integer>> subtasks = new ArrayList<>(n);
        try (TaskScope scope = TaskScope.open(threads)) {
            for (int i = 0; i < n; i++) {
                int value = i;
                subtasks.add(scope.fork(() -> value));
            }
            scope.join();
        }
        long sum = 0;
        for (Subtask<Integer> s : subtasks) {
            sum += s.get();
        }
        assertEquals((long) n * (n - 1) / 2, sum);
        assertEquals(n, threads.started());
        assertEquals(0, threads.alive());
    }

    /** Runs {@code action} on a helper thread once {@code thread} is waiting (in join or close). */
    private static void whenWaiting(Thread thread, Runnable action) {
        Thread.ofVirtual().start(() -> {
            await().atMost(WAIT).until(() -> thread.getState() == Thread.State.WAITING);
            action.run();
        });
    }
}
