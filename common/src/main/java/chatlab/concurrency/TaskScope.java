package chatlab.concurrency;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A scope of concurrent subtasks whose lifetime is bounded by a block of code: structured
 * concurrency, in a few lines of final Java 21.
 *
 * <p>A task scope is <em>opened</em>, subtasks are <em>forked</em> into it, each on a new thread
 * from the scope's thread factory, the owner <em>joins</em> them, and the scope is <em>closed</em>.
 * Closing cancels every subtask still running and waits until each of their threads has ended, so
 * that when the {@code try} block is left no thread of the scope is left behind:
 *
 * <pre>{@code
 * try (var scope = TaskScope.open(threads)) {        // first failure cancels the siblings
 *     var user  = scope.fork(() -> findUser(id));    // runs in a new thread
 *     var order = scope.fork(() -> fetchOrder(id));  // runs in another, at the same time
 *     scope.join();                                  // waits for both; throws if one failed
 *     return new Page(user.get(), order.get());      // both succeeded
 * }                                                  // close(): no thread outlives the block
 * }</pre>
 *
 * <h2>Policies</h2>
 * How {@link #join()} ends depends on how the scope was opened:
 * <ul>
 *   <li>{@link #open(ThreadFactory)}: join waits for every subtask. The first one to <em>fail</em>
 *       cancels its siblings, and join then throws {@link FailedException} with that failure as
 *       its cause. Use it when every subtask's result is needed.</li>
 *   <li>{@link #openFirstCompletion(ThreadFactory)}: the first subtask to <em>complete</em>, with a
 *       result or with an exception, cancels its siblings, and join returns it. Use it when the
 *       subtasks race, or when any one of them ending means the whole is over: a chat session ends
 *       when the client leaves <em>or</em> when the operator types {@code [bye]}.</li>
 * </ul>
 *
 * <h2>Cancellation</h2>
 * Cancelling a subtask interrupts its thread, as the JDK does. A virtual thread blocked reading or
 * writing a {@code java.net.Socket} reacts to the interrupt by closing that socket and throwing a
 * {@code SocketException}; a thread blocked in {@code BlockingQueue.take()} or
 * {@code Thread.sleep()} throws {@code InterruptedException}. A platform thread blocked in socket
 * I/O does <em>not</em> react: close the socket yourself before the scope closes. A subtask that
 * ignores interrupts keeps {@link #close()} waiting: that is a bug the scope makes visible rather
 * than a thread it lets leak.
 *
 * <h2>Who may call what</h2>
 * The thread that opened the scope is its owner: it forks, joins, cancels and closes. Subtasks may
 * call {@link #cancel()} (to end the whole scope from inside). A scope is used once.
 *
 * <h2>The JDK's counterpart</h2>
 * The JDK's {@code java.util.concurrent.StructuredTaskScope} is still a preview API (JEP 453 in
 * Java 21, JEP 505 in Java 25) whose shape changes from release to release, and class files that use
 * a preview API run only on the release that compiled them. ChatLab teaches the same ideas with
 * this class; each call maps onto the JDK like this:
 * <table>
 *   <caption>TaskScope and the JDK's StructuredTaskScope</caption>
 *   <tr><th>TaskScope</th><th>Java 21 (JEP 453)</th><th>Java 25 (JEP 505)</th></tr>
 *   <tr><td>{@code open(f)}</td><td>{@code new ShutdownOnFailure(null, f)}</td>
 *       <td>{@code open(Joiner.awaitAllSuccessfulOrThrow(), c -> c.withThreadFactory(f))}</td></tr>
 *   <tr><td>{@code openFirstCompletion(f)}</td><td>{@code new ShutdownOnSuccess<>(null, f)} (which waits
 *       for a success rather than any completion)</td>
 *       <td>{@code open(Joiner.anySuccessfulResultOrThrow(), ...)} (likewise)</td></tr>
 *   <tr><td>{@code fork(task)}</td><td>{@code fork(task)}</td><td>{@code fork(task)}</td></tr>
 *   <tr><td>{@code join()}</td><td>{@code join(); throwIfFailed()}</td><td>{@code join()}</td></tr>
 *   <tr><td>{@code cancel()}</td><td>{@code shutdown()}</td><td>(a Joiner's {@code onComplete} returning true)</td></tr>
 *   <tr><td>{@code close()}</td><td>{@code close()}</td><td>{@code close()}</td></tr>
 * </table>
 * One difference: the JDK insists that {@code join()} is called before {@code close()}. Here a
 * server may leave its accept loop and simply close the scope of its connections, which cancels
 * them; calling {@code join()} first is still the way to wait for subtasks to finish on their own.
 *
 * <h2>Memory consistency</h2>
 * Actions in a subtask happen-before {@link Subtask#get()} returns its result and before
 * {@link #join()} returns; actions of the owner before {@link #fork} happen-before the subtask runs.
 */
public final class TaskScope implements AutoCloseable {

    private enum Policy { FIRST_FAILURE, FIRST_COMPLETION }

    private final Policy policy;
    private final ThreadFactory threads;
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();
    // Threads whose subtask is over but that may still run their last instructions (the thread
    // factory's own bookkeeping, for one): close() joins them, so that "no thread left" is exact.
    private final Set<Thread> ending = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // Guarded by lock:
    private int unfinished;
    private boolean cancelled;
    private Subtask<?> firstCompleted;
    private Throwable firstFailure;
    private boolean closed;

    private TaskScope(Policy policy, ThreadFactory threads) {
        this.policy = policy;
        this.threads = Objects.requireNonNull(threads, "threads");
    }

    /** Opens a scope whose first failing subtask cancels the others; {@link #join()} waits for all. */
    public static TaskScope open(ThreadFactory threads) {
        return new TaskScope(Policy.FIRST_FAILURE, threads);
    }

    /** Opens a scope whose first completed subtask, successful or not, cancels the others. */
    public static TaskScope openFirstCompletion(ThreadFactory threads) {
        return new TaskScope(Policy.FIRST_COMPLETION, threads);
    }

    /**
     * Starts {@code task} in a new thread of the scope. After the scope was cancelled the task never
     * runs, and the subtask returned is already {@link Subtask.State#CANCELLED}: no thread is made (or,
     * if the cancellation came while it was being made, it is started only to end at once).
     *
     * @throws IllegalStateException if the scope is closed
     */
    public <T> Subtask<T> fork(Callable<? extends T> task) {
        Objects.requireNonNull(task, "task");
        ending.removeIf(thread -> !thread.isAlive()); // keeps a long-lived scope's set small
        Subtask<T> subtask = new Subtask<>();
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the scope is closed");
            }
            if (cancelled) {
                subtask.cancelled();
                return subtask;
            }
            unfinished++;
        } finally {
            lock.unlock();
        }
        Thread thread = null;
        try {
            thread = threads.newThread(() -> run(subtask, task));
            if (thread == null) {
                throw new IllegalStateException("the thread factory made no thread");
            }
            // Registered and started under the lock: cancel() sets `cancelled` under it too, so it
            // either comes later and interrupts this thread, or came while the thread was being
            // made, and then the task must not run at all.
            lock.lock();
            try {
                if (cancelled) {
                    subtask.cancelled();
                    unfinished--;
                    changed.signalAll();
                    ending.add(thread); // started only to end at once: close() still joins it
                } else {
                    running.add(thread);
                }
                thread.start();
            } finally {
                lock.unlock();
            }
        } catch (RuntimeException | Error e) {
            if (thread != null) {
                running.remove(thread);
                ending.remove(thread);
            }
            if (subtask.state() != Subtask.State.CANCELLED) {
                forget(subtask);
            }
            throw e;
        }
        return subtask;
    }

    /** A subtask whose thread could not be made or started never ran: it is not counted. */
    private void forget(Subtask<?> subtask) {
        subtask.cancelled();
        lock.lock();
        try {
            unfinished--;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private <T> void run(Subtask<T> subtask, Callable<? extends T> task) {
        if (subtask.state() == Subtask.State.CANCELLED) {
            return; // the scope was cancelled while this thread was being made
        }
        Throwable failure = null;
        try {
            subtask.succeeded(task.call());
        } catch (Throwable t) {
            failure = t;
            subtask.failed(t);
        } finally {
            ending.add(Thread.currentThread());
            running.remove(Thread.currentThread());
            finished(subtask, failure);
        }
    }

    private void finished(Subtask<?> subtask, Throwable failure) {
        boolean cancelOthers = false;
        lock.lock();
        try {
            unfinished--;
            if (!cancelled) {
                if (firstCompleted == null) {
                    firstCompleted = subtask;
                }
                if (failure != null && firstFailure == null) {
                    firstFailure = failure;
                    cancelOthers = policy == Policy.FIRST_FAILURE;
                }
                cancelOthers |= policy == Policy.FIRST_COMPLETION;
                // Cancelled in the same step as counted finished: a join() that wakes up now finds
                // the scope already cancelled, and no later fork starts a thread.
                cancelled = cancelOthers;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (cancelOthers) {
            interruptRunning();
        }
    }

    /**
     * Waits for the subtasks, as the scope's policy says.
     *
     * <p>With {@link #open}, returns once every subtask has succeeded, or throws
     * {@link FailedException} once one has failed (the others are then cancelled). With
     * {@link #openFirstCompletion}, returns the first subtask to complete (the others are then
     * cancelled), or {@code null} if none was forked. Returns at once if the scope was cancelled.
     *
     * @return the first subtask that completed, or {@code null} if none did
     * @throws InterruptedException if the owner is interrupted while waiting
     * @throws FailedException      with {@link #open}, if a subtask failed
     */
    public Subtask<?> join() throws InterruptedException {
        lock.lock();
        try {
            while (!cancelled && unfinished > 0) {
                changed.await();
            }
            if (policy == Policy.FIRST_FAILURE && firstFailure != null) {
                throw new FailedException(firstFailure);
            }
            return firstCompleted;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Cancels the scope: no new subtask starts, and every running one is interrupted, except the
     * caller's own thread when a subtask cancels its scope (as in the JDK: it may still have work to
     * finish, such as a farewell to send). Does not wait for them to end; {@link #close()} does.
     */
    public void cancel() {
        lock.lock();
        try {
            if (cancelled) {
                return;
            }
            cancelled = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        interruptRunning();
    }

    private void interruptRunning() {
        for (Thread thread : running) {
            if (thread != Thread.currentThread()) {
                thread.interrupt();
            }
        }
    }

    /** Whether the scope was cancelled, by {@link #cancel()} or by its policy. */
    public boolean isCancelled() {
        lock.lock();
        try {
            return cancelled;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Cancels whatever still runs, then waits until every thread of the scope has ended. Waiting is
     * not interruptible (an interrupt is kept for later), since leaving earlier would leak threads.
     */
    @Override
    public void close() {
        cancel();
        boolean interrupted = false;
        lock.lock();
        try {
            closed = true;
            while (unfinished > 0) {
                try {
                    changed.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            lock.unlock();
        }
        // Every subtask has counted itself finished, but its thread may still be executing its last
        // instructions: join it so that "no thread left behind" is exact.
        for (Thread thread : Set.copyOf(ending)) {
            interrupted |= joinUninterruptibly(thread);
        }
        ending.clear();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                return interrupted;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
    }

    /** Thrown by {@link #join()} of a scope opened with {@link #open} when a subtask failed. */
    public static final class FailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FailedException(Throwable cause) {
            super("a subtask failed: " + cause, cause);
        }
    }
}
