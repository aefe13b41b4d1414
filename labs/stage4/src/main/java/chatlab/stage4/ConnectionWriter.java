package chatlab.stage4;

import chatlab.stage.Todo;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The one thread that writes to a connection's socket: it takes everything its {@link Outbox} has
 * queued and sends it in one write, again and again, until the outbox is closed and empty.
 */
final class ConnectionWriter {
    /** A drained batch list bigger than this is let go rather than reused, so that an idle member keeps little. */
    private static final int REUSED_CAPACITY = 256;

    private final Outbox outbox;
    private final OutputStream out;

    ConnectionWriter(Outbox outbox, OutputStream out) {
        this.outbox = outbox;
        this.out = out;
    }

    /** Writes until the outbox is done or the socket fails; either way the outbox ends closed. */
    void run() {
        // TODO 4: loop: Thread.yield(); take a batch with outbox.takeAll(spare); an empty batch means
        //         the end: return. Otherwise out.write(joined(batch)) in ONE write, then reuse the
        //         list as the next spare (cleared), or a new ArrayList if it held more than
        //         REUSED_CAPACITY lines. Catch IOException (the client is gone) and
        //         InterruptedException (restore the interrupt); in a finally block, always call
        //         outbox.writerEnded().
        //         -- teaches: batching. A write is a system call. When the room is busy, lines pile
        //         up while the writer writes, and the next batch carries all of them at the cost of
        //         one call: the busier the room, the bigger the batches. The yield lets the threads
        //         that are ready queue their lines first: measured at 1,000 members speaking at once,
        //         it saves 3 to 5 times the CPU. And a writer that fails must say so (writerEnded),
        //         or its connection would wait for it for ever.
        throw new Todo("4: write what the outbox holds, one write per batch");
    }

    /** The lines of a batch, one after the other, in one array. (Given.) */
    private static byte[] joined(List<byte[]> lines) {
        if (lines.size() == 1) {
            return lines.get(0);
        }
        int size = 0;
        for (byte[] line : lines) {
            size += line.length;
        }
        byte[] all = new byte[size];
        int at = 0;
        for (byte[] line : lines) {
            System.arraycopy(line, 0, all, at, line.length);
            at += line.length;
        }
        return all;
    }
}
