package chatlab.stage4;

import chatlab.protocol.LineWriter;
import chatlab.protocol.Protocol;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What waits to be sent to one connection: the room's lines since its {@link Transcript.Cursor}
 * (once it has joined), and the lines for this client alone (the {@code NICK} prompt, its welcome,
 * errors), each in its place among the room's. Between those who produce lines and the one thread
 * that writes them, the connection's {@link ConnectionWriter}.
 *
 * <p>Why does nobody ever wait to put a line here? Telling a line never blocks, and the room's lines
 * are not put here at all: the writer reads them from the transcript. Only this member's writer waits
 * on its socket, so a member that stops reading delays nobody but itself.
 *
 * <p>What waits is bounded in bytes: a member for whom more than {@code maxQueuedBytes} wait is too
 * slow. It gets nothing more from the room, {@code ERROR too slow} becomes its last line, and the
 * outbox closes; the room, which checks every member now and then, announces the departure. The
 * batch the writer is already sending, and bytes in the kernel's socket buffers, do not count: they
 * have left.
 *
 * <p>Once closed, an outbox takes no more lines. Its writer sends what was said until then (unless
 * the member was too slow), then the last words if any, and stops. Each method takes the outbox's
 * own lock briefly and never blocks while holding it, so the room can call them under its lock.
 */
final class Outbox {
    private static final byte[] TOO_SLOW = LineWriter.encode(Protocol.ERROR_TOO_SLOW);
    /** The most bytes one batch gathers: a writer a megabyte behind sends it 16 KiB at a time, not in one copy. */
    private static final int MOST_BATCH_BYTES = 16 * 1024;

    /** A line for this client alone, to be sent after the room's lines before position {@code at}. */
    private record Told(long at, byte[] line) {}

    private final long maxQueuedBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition linesReady = lock.newCondition(); // the writer waits here
    private final Condition ended = lock.newCondition();      // the connection waits here
    // Guarded by lock:
    private Transcript.Cursor cursor; // null until the member joins
    private final ArrayDeque<Told> told = new ArrayDeque<>();
    private long toldBytes;
    private long closedAt;            // once closed: the room's lines before this position are still sent
    private byte[] lastWords;
    private boolean waitingForRoom;   // asked the transcript for a wake-up, not had it yet
    private boolean writerEnded;
    // Written under lock; volatile so that the reader can check it on every line without the lock.
    private volatile boolean closed;

    Outbox(long maxQueuedBytes) {
        this.maxQueuedBytes = maxQueuedBytes;
    }

    /**
     * Queues a line for this client alone (its bytes, {@code \n} included), after what the room has
     * said so far. A client that sends faster than it reads could pile these up too: they count
     * towards its limit, and past it the outbox closes as too slow.
     */
    void tell(byte[] line) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            told.add(new Told(cursor == null ? 0 : cursor.transcript().end(), line));
            toldBytes += line.length;
            if (behind() > maxQueuedBytes) {
                closeTooSlow();
            }
            linesReady.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The member has joined: from now on it reads the room's transcript from {@code at}, and gets
     * {@code welcome} right after the first line there (its own {@code joined!}). Under the room's lock.
     */
    void joined(Transcript.Cursor at, byte[] welcome) {
        lock.lock();
        try {
            cursor = at;
            if (!closed) {
                told.add(new Told(at.position() + 1, welcome));
                toldBytes += welcome.length;
                linesReady.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes the outbox as too slow if more than the limit waits for this member; tells whether it
     * did. Under the room's lock: the room then drops the member.
     */
    boolean closeIfTooSlow() {
        lock.lock();
        try {
            if (closed || behind() <= maxQueuedBytes) {
                return false;
            }
            closeTooSlow();
            return true;
        } finally {
            lock.unlock();
        }
    }

    private long behind() {
        return (cursor == null ? 0 : cursor.behind()) + toldBytes;
    }

    private void closeTooSlow() {
        told.clear(); // nobody will read them now
        toldBytes = 0;
        closedAt = cursor == null ? 0 : cursor.position(); // nothing more from the room either
        close(TOO_SLOW);
    }

    /**
     * Closes the outbox: no more lines; the writer sends what the room said until now and what was
     * told, then {@code lastWords} ({@code null} for none), and stops. Does nothing if it is closed
     * already: the first reason to close is the one the client hears.
     */
    void finish(String lastWords) {
        lock.lock();
        try {
            if (!closed) {
                closedAt = cursor == null ? 0 : cursor.transcript().end();
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

    /** From the transcript: lines were appended since this outbox asked to be woken. */
    void wake() {
        lock.lock();
        try {
            waitingForRoom = false;
            linesReady.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * For the writer: waits for lines, then takes what waits, in order, as one array of bytes (at
     * most about {@value #MOST_BATCH_BYTES} bytes, and at least one line). The last batch ends with
     * the last words.
     *
     * @return the bytes to send; null once the outbox is closed and everything is taken
     */
    byte[] take() throws InterruptedException {
        lock.lock();
        try {
            while (!closed && told.isEmpty() && (cursor == null || !cursor.hasNext())) {
                if (cursor != null && !waitingForRoom) {
                    // Ask first, then look again: a line appended in between is seen now, one
                    // appended later wakes us.
                    waitingForRoom = true;
                    cursor.transcript().wakeOnNextLine(this);
                    continue;
                }
                linesReady.await();
            }
            return gather();
        } finally {
            lock.unlock();
        }
    }

    /**
     * What waits, in order, as one array of bytes: the room's lines from the cursor, each told line
     * after the room's lines said before it, and the last words once everything else has gone. At
     * most about {@value #MOST_BATCH_BYTES} bytes; null if nothing waits. Holding the lock.
     */
    private byte[] gather() {
        List<byte[]> batch = new ArrayList<>();
        int size = 0;
        long until = closed ? closedAt : Long.MAX_VALUE;
        while (cursor != null && cursor.hasNext() && cursor.position() < until && size < MOST_BATCH_BYTES) {
            for (Told first; (first = told.peek()) != null && first.at() <= cursor.position(); ) {
                size += add(batch, takeTold());
            }
            size += add(batch, cursor.next());
        }
        boolean roomDone = cursor == null || !cursor.hasNext() || cursor.position() >= until;
        while (!told.isEmpty() && (roomDone || told.peek().at() <= cursor.position())) {
            size += add(batch, takeTold());
        }
        if (closed && lastWords != null && roomDone && told.isEmpty()) {
            size += add(batch, lastWords);
            lastWords = null;
        }
        return batch.isEmpty() ? null : joined(batch, size);
    }

    private byte[] takeTold() {
        byte[] line = told.poll().line();
        toldBytes -= line.length;
        return line;
    }

    private static int add(List<byte[]> batch, byte[] line) {
        batch.add(line);
        return line.length;
    }

    private static byte[] joined(List<byte[]> lines, int size) {
        if (lines.size() == 1) {
            return lines.get(0);
        }
        byte[] all = new byte[size];
        int at = 0;
        for (byte[] line : lines) {
            System.arraycopy(line, 0, all, at, line.length);
            at += line.length;
        }
        return all;
    }

    /** For the writer, as it stops (done, or its socket failed): the outbox closes if it was not. */
    void writerEnded() {
        lock.lock();
        try {
            told.clear();
            toldBytes = 0;
            if (!closed) {
                closedAt = 0;
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
