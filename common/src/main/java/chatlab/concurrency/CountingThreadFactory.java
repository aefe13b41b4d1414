package chatlab.concurrency;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A thread factory that counts the threads it made that are still alive.
 *
 * <p>Why: the JDK lists platform threads ({@code Thread.getAllStackTraces()}) but no virtual
 * threads. The harness hands every stage a factory of this kind and the stage starts all its
 * threads through it, so "closing the server left no thread behind" becomes a number that can be
 * checked: {@link #alive()} is zero.
 */
public final class CountingThreadFactory implements ThreadFactory {
    private final ThreadFactory delegate;
    private final AtomicInteger alive = new AtomicInteger();
    private final AtomicLong started = new AtomicLong();
    private final Object lock = new Object();

    public CountingThreadFactory(ThreadFactory delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** Virtual threads named {@code prefix-0}, {@code prefix-1}, ... */
    public static CountingThreadFactory virtual(String prefix) {
        return new CountingThreadFactory(Thread.ofVirtual().name(prefix + "-", 0).factory());
    }

    /** Platform (daemon) threads named {@code prefix-0}, {@code prefix-1}, ... */
    public static CountingThreadFactory platform(String prefix) {
        return new CountingThreadFactory(Thread.ofPlatform().daemon().name(prefix + "-", 0).factory());
    }

    @Override
    public Thread newThread(Runnable task) {
        Objects.requireNonNull(task, "task");
        Thread thread = delegate.newThread(() -> {
            try {
                task.run();
            } finally {
                if (alive.decrementAndGet() == 0) {
                    synchronized (lock) {
                        lock.notifyAll();
                    }
                }
            }
        });
        if (thread != null) {
            alive.incrementAndGet();
            started.incrementAndGet();
        }
        return thread;
    }

    /** Threads made by this factory whose task has not ended (made but not started count too). */
    public int alive() {
        return alive.get();
    }

    /** How many threads this factory has made in all. */
    public long started() {
        return started.get();
    }

    /**
     * Waits until no thread of this factory is alive, at most {@code timeout}.
     *
     * @return whether none is alive
     */
    public boolean awaitNoneAlive(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (alive.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }
}
