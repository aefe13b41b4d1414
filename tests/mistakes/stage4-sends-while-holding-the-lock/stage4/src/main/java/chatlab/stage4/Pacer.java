package chatlab.stage4;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The pace of the room's writers: a tick, the same for all of them. Each {@link ConnectionWriter},
 * once it has written, waits for the next tick before it takes more. So a writer sends at most once
 * per tick, and in a busy room each write carries everything said during the tick.
 *
 * <p>Why? Each write is a system call, and each wake-up of a writer is work for the scheduler.
 * Writers that wrote whenever a line came would, in a room of 50 busy members, wake and write
 * tens of thousands of times a second, a few lines each time. An event loop like Netty's batches by
 * its shape: it reads everything that is ready, then writes each member once. Threads that each
 * wait for their own socket need a clock to do the same. A millisecond is nothing to a person
 * reading a chat, and a quiet room pays nothing for it: a writer that had nothing to send since its
 * last tick sends the next line as soon as it comes.
 *
 * <p>Who keeps the time? No thread of its own: the first writer to wait sleeps out the tick, then
 * wakes those that waited meanwhile. That is one sleep per tick for the whole room, not one per
 * writer: a sleep is a timer, and timers by the ten thousand cost more than the writes they save.
 */
final class Pacer {
    private final Duration tick;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ticked = lock.newCondition();
    // Guarded by lock:
    private long ticks;      // how many ticks have passed
    private boolean timing;  // a writer is sleeping out the current tick

    Pacer(Duration tick) {
        this.tick = tick;
    }

    /** Waits for the next tick: at most one tick long, less if another writer started timing it. */
    void awaitNextTick() throws InterruptedException {
        lock.lock();
        try {
            if (timing) {
                long now = ticks;
                while (ticks == now) {
                    ticked.await();
                }
                return;
            }
            timing = true; // this writer keeps the time
        } finally {
            lock.unlock();
        }
        try {
            Thread.sleep(tick);
        } finally {
            // Even when interrupted: the writers waiting for this tick must not wait for ever.
            lock.lock();
            try {
                ticks++;
                timing = false;
                ticked.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
