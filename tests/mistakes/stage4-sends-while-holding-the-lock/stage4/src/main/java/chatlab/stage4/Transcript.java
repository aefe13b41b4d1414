package chatlab.stage4;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Everything said in the room, in order: the one copy of each line that every member's
 * {@link Outbox} reads from its own place, its {@link Cursor}.
 *
 * <p>Why one transcript rather than a copy of each line in each member's queue? Saying a line then
 * costs the same with 10 members or 10,000: append it here, and wake the writers that had nothing
 * left to send. Each writer, when its turn comes, copies everything since its cursor into one write.
 * With a queue per member, every line meant a step for every member while the room's lock was held,
 * touching memory all over the heap: at 10,000 members that, not the network, was the cost.
 *
 * <p>Only the room appends, holding its lock. Writers read without any lock: a line is stored
 * before {@link #end} moves past it, and {@code end} is volatile, so a writer that sees the new end
 * sees the line. The transcript is a chain of segments; a segment every cursor has left behind is
 * no longer reachable, and the garbage collector frees it. So the transcript keeps only what some
 * member still has to read, and the room drops a member that falls too far behind (see
 * {@link Room}).
 */
final class Transcript {
    private static final int LINES_PER_SEGMENT = 1024;

    /** A run of consecutive lines, and the next run once there is one. */
    private static final class Segment {
        final long first; // the position of lines[0]
        final byte[][] lines = new byte[LINES_PER_SEGMENT][];
        volatile Segment next;

        Segment(long first) {
            this.first = first;
        }
    }

    private Segment last = new Segment(0); // only the room touches it, under its lock
    private volatile long end;              // lines before this position can be read
    private volatile long bytes;            // the bytes of all lines appended so far
    private final ConcurrentLinkedQueue<Outbox> waiting = new ConcurrentLinkedQueue<>();

    /** Appends a line (its bytes, {@code \n} included; shared, never changed). Only under the room's lock. */
    void append(byte[] line) {
        long at = end;
        if (at - last.first == LINES_PER_SEGMENT) {
            Segment next = new Segment(at);
            last.next = next;
            last = next;
        }
        last.lines[(int) (at - last.first)] = line;
        bytes += line.length; // one writer, under the room's lock: no update is lost
        end = at + 1;         // last: this publishes the line to the cursors
    }

    /** A cursor at the end: it will read the next line appended, and all after. Only under the room's lock. */
    Cursor cursorAtEnd() {
        return new Cursor(last, end, bytes);
    }

    /** The position after the last line. */
    long end() {
        return end;
    }

    /** How many bytes have been appended in all. */
    long bytes() {
        return bytes;
    }

    /** Asks for {@code outbox} to be woken ({@link Outbox#wake}) at the next {@link #wakeWaiting}. */
    void wakeOnNextLine(Outbox outbox) {
        waiting.add(outbox);
    }

    /** Wakes the outboxes waiting for lines: after appending, once the room's lock is let go of. */
    void wakeWaiting() {
        for (Outbox outbox; (outbox = waiting.poll()) != null; ) {
            outbox.wake();
        }
    }

    /** One member's place in the transcript: the next line it will read. Used by one thread at a time. */
    final class Cursor {
        private Segment segment;
        private long position;
        private long bytesRead; // the transcript's bytes before position

        private Cursor(Segment segment, long position, long bytesRead) {
            this.segment = segment;
            this.position = position;
            this.bytesRead = bytesRead;
        }

        long position() {
            return position;
        }

        /** Bytes appended that this cursor has not read yet. */
        long behind() {
            return bytes - bytesRead;
        }

        /** Whether a line is there to read. */
        boolean hasNext() {
            return position < end;
        }

        /** The next line; only once {@link #hasNext} said there is one. */
        byte[] next() {
            if (position - segment.first == LINES_PER_SEGMENT) {
                segment = segment.next;
            }
            byte[] line = segment.lines[(int) (position - segment.first)];
            position++;
            bytesRead += line.length;
            return line;
        }

        /** The transcript this cursor reads. */
        Transcript transcript() {
            return Transcript.this;
        }
    }
}
