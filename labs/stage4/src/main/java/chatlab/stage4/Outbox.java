package chatlab.stage4;

import chatlab.protocol.LineWriter;
import chatlab.protocol.Protocol;
import chatlab.stage.Todo;
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
 * <p>The queue is bounded in bytes: a member for whom more than {@code maxQueuedBytes} would wait
 * is too slow. Its queued lines are dropped, {@code ERROR too slow} becomes its last line, and the
 * outbox closes. The batch the writer is already sending does not count: it has left the queue.
 *
 * <p>Once closed, an outbox takes no more lines. Its writer sends what was queued (unless the member
 * was too slow), then the last words if any, and stops. Every method takes the outbox's own lock
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
        // TODO 3: holding the lock: if closed, drop the line (return true). If queuedBytes plus this
        //         line would pass maxQueuedBytes, the member is too slow: clear the queue, reset
        //         queuedBytes, close(TOO_SLOW), return false. Otherwise add the line, count its bytes,
        //         and if it is the only line queued, linesReady.signal() (the writer waits only when
        //         nothing is queued). Also do finish() and takeAll() below.
        //         -- teaches: a bounded queue per member. Queueing never waits on a socket, so the
        //         room can queue a line for every member while holding its lock, keeping one order
        //         of events, and no member can hold the others up. The bound is what keeps a member
        //         that never reads from eating the server's memory: past it, the member is dropped.
        throw new Todo("3: the member's bounded queue of lines");
    }

    /**
     * Closes the outbox: no more lines; the writer sends what is queued, then {@code lastWords}
     * ({@code null} for none), and stops. Does nothing if it is closed already: the first reason
     * to close is the one the client hears.
     */
    void finish(String lastWords) {
        // TODO 3 (continued): holding the lock, if not closed yet, close(with the encoded last words,
        //         or null).
        throw new Todo("3: close the outbox with last words");
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
        // TODO 3 (continued): holding the lock: while nothing is queued and the outbox is open,
        //         linesReady.await(). Then take the whole queue as the batch, put `spare` in its
        //         place, reset queuedBytes; if closed and there are last words, add them to the batch
        //         (and forget them, so that they go once). Return the batch.
        //         -- teaches: take everything at once. Swapping the list takes the lock for an
        //         instant, however long the batch, and the writer sends the batch without the lock.
        throw new Todo("3: take every queued line at once");
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
