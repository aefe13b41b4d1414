package chatlab.stage4;

import chatlab.protocol.LineWriter;
import chatlab.protocol.Protocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The lines waiting to be sent to one connection: its own queue, between those who produce lines
 * (the room, and the connection's reader for {@code NICK} and errors) and the one thread that
 * writes them, the connection's {@link ConnectionWriter}.
 *
 * <p>Why a queue per member? Putting a line in a queue never blocks, whoever the member is; only
 * that member's writer waits on its socket. So the room can hand a line to every member while
 * holding its lock, keeping one order, and a member that stops reading delays nobody but itself.
 *
 * <p>The queue is bounded in bytes: a member for whom more than {@code maxQueuedBytes} would wait
 * is too slow. Its queued lines are dropped, {@code ERROR too slow} becomes its last line, and the
 * outbox closes; {@link #offer} says so, so that the room can announce the departure. The batch the
 * writer is already sending, and bytes in the kernel's socket buffers, do not count: they have left.
 *
 * <p>Once closed, an outbox takes no more lines. Its writer sends what was queued (unless the member
 * was too slow), then the last words if any, and stops. Each method takes the outbox's own lock
 * briefly and never blocks while holding it, so the room can call {@link #offer} under its lock.
 */
final class Outbox {
    private static final byte[] TOO_SLOW = LineWriter.encode(Protocol.ERROR_TOO_SLOW);

    private final long maxQueuedBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition linesReady = lock.newCondition(); // the writer waits here
    private final Condition ended = lock.newCondition();      // the connection waits here
    // Guarded by lock:
    private List<byte[]> queued = new ArrayList<>();
    private long queuedBytes;
    private byte[] lastWords;
    private boolean writerEnded;
    // Written under lock; volatile so that the reader can check it on every line without the lock.
    private volatile boolean closed;

    Outbox(long maxQueuedBytes) {
        this.maxQueuedBytes = maxQueuedBytes;
    }

    /**
     * Queues one line (its bytes, {@code \n} included; they are shared, never changed).
     *
     * @return false if this line made the member too slow: the outbox is now closed with
     *         {@code ERROR too slow} as its last line, and the member must leave the room. Only the
     *         line that crosses the limit returns false; once closed, lines are dropped silently.
     */
    boolean offer(byte[] line) {
        lock.lock();
        try {
            if (closed) {
                return true;
            }
            if (queuedBytes + line.length > maxQueuedBytes) {
                queued.clear(); // nobody will read them now: free them at once
                queuedBytes = 0;
                close(TOO_SLOW);
                return false;
            }
            queued.add(line);
            queuedBytes += line.length;
            if (queued.size() == 1) {
                linesReady.signal(); // the writer waits only when nothing is queued
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes the outbox: no more lines; the writer sends what is queued, then {@code lastWords}
     * ({@code null} for none), and stops. Does nothing if it is closed already: the first reason
     * to close is the one the client hears.
     */
    void finish(String lastWords) {
        lock.lock();
        try {
            if (!closed) {
                close(lastWords == null ? null : LineWriter.encode(lastWords));
            }
        } finally {
            lock.unlock();
        }
    }

    private void close(byte[] last) {
        closed = true;
        lastWords = last;
        linesReady.signal();
        ended.signalAll();
    }

    /** Whether the connection is over: nothing more will be queued. */
    boolean isClosed() {
        return closed;
    }

    /**
     * For the writer: waits for lines, then takes them all at once, leaving {@code spare} (an empty
     * list) in their place. The last batch ends with the last words.
     *
     * @return the lines to send, in order; empty once the outbox is closed and everything is taken
     */
    List<byte[]> takeAll(List<byte[]> spare) throws InterruptedException {
        lock.lock();
        try {
            while (queued.isEmpty() && !closed) {
                linesReady.await();
            }
            List<byte[]> batch = queued;
            queued = spare;
            queuedBytes = 0;
            if (closed && lastWords != null) {
                batch.add(lastWords);
                lastWords = null;
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }

    /** For the writer, as it stops (done, or its socket failed): the outbox closes if it was not. */
    void writerEnded() {
        lock.lock();
        try {
            queued.clear();
            if (!closed) {
                close(null);
            }
            writerEnded = true;
            ended.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the outbox is closed: the moment the connection is over, whoever decided it. */
    void awaitClosed() throws InterruptedException {
        lock.lock();
        try {
            while (!closed) {
                ended.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits at most {@code timeout} for the writer to stop; tells whether it did. */
    boolean awaitWriterEnded(Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (!writerEnded) {
                if (left <= 0) {
                    return false;
                }
                left = ended.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
