package chatlab.stage4;

import chatlab.stage.Todo;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The one thread that writes to a connection's socket: it takes what waits in its {@link Outbox}
 * and sends it in one write, again and again, until the outbox is closed and empty.
 *
 * <p>Why one write per batch? A write is a system call, and the room may say lines faster than one
 * call per line could send them. When the writer falls behind, lines pile up and the next batch
 * carries all of them at the cost of one call: the busier the room, the bigger the batches.
 */
final class ConnectionWriter {
    private final Outbox outbox;
    private final OutputStream out;

    ConnectionWriter(Outbox outbox, OutputStream out) {
        this.outbox = outbox;
        this.out = out;
    }

    /** Writes until the outbox is done or the socket fails; either way the outbox ends closed. */
    void run() {
        // TODO 4: loop: Thread.yield(); take a batch with outbox.take(); null means the end: return.
        //         Otherwise out.write(batch), in ONE write. Catch IOException (the client is gone)
        //         and InterruptedException (restore the interrupt); in a finally block, always call
        //         outbox.writerEnded().
        //         -- teaches: batching. A write is a system call. When the room is busy, lines pile
        //         up while the writer writes, and the next batch carries all of them at the cost of
        //         one call: the busier the room, the bigger the batches. The yield lets the threads
        //         that are ready say their lines first. (The reference solution goes further: after
        //         each write it waits for the next tick of a clock all writers share, a millisecond,
        //         so that a busy room's batches stay big; see its Pacer, and README's benchmark
        //         section for what that changed.) And a writer that fails must say so (writerEnded),
        //         or its connection would wait for it for ever.
        throw new Todo("4: write what the outbox holds, one write per batch");
    }
}
