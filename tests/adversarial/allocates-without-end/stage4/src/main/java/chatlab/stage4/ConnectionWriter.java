package chatlab.stage4;

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.LongSupplier;

/**
 * The one thread that writes to a connection's socket: it takes what waits in its {@link Outbox}
 * and sends it in one write, again and again, until the outbox is closed and empty.
 *
 * <p>Why one write per batch? A write is a system call, and the room may say lines faster than one
 * call per line could send them. When the writer falls behind, lines pile up and the next batch
 * carries all of them at the cost of one call: the busier the room, the bigger the batches.
 */
final class ConnectionWriter {
    /**
     * At most this many more turns given up to a room that keeps talking, before each batch.
     * Measured at 10,000 members speaking at once: without them the message phase took 114 s, with
     * them 12 to 13 s; at 50 members x 5,000 messages they gave about 15% more deliveries per second.
     */
    private static final int MOST_TURNS_WAITED = 32;

    private final Outbox outbox;
    private final OutputStream out;
    private final LongSupplier linesSaid;

    /** {@code linesSaid} tells how many lines the room has said so far ({@link Room#linesSaid}). */
    ConnectionWriter(Outbox outbox, OutputStream out, LongSupplier linesSaid) {
        this.outbox = outbox;
        this.out = out;
        this.linesSaid = linesSaid;
    }

    /** Writes until the outbox is done or the socket fails; either way the outbox ends closed. */
    void run() {
        try {
            while (true) {
                // Let the threads that are ready run first: in a busy room they are saying more
                // lines, and each line that joins this batch saves a system call here and a wake-up
                // in the client. In a quiet room it costs next to nothing.
                Thread.yield();
                // And while the room is still talking (lines were said during the last turn), wait
                // a turn more: the batch then carries those lines too. This is what an event loop
                // like Netty's gets by writing once per round. Without it, at thousands of members
                // each line wakes every writer to send that one line, and the server spends its
                // time waking writers; the bound keeps lines from waiting long in a room that never
                // stops talking.
                long said = linesSaid.getAsLong();
                for (int turn = 0; turn < MOST_TURNS_WAITED; turn++) {
                    Thread.yield();
                    long now = linesSaid.getAsLong();
                    if (now == said) {
                        break;
                    }
                    said = now;
                }
                byte[] batch = outbox.take();
                if (batch == null) {
                    return; // closed, and everything sent, the last words included
                }
                out.write(batch);
            }
        } catch (IOException e) {
            // The client is gone, or the connection closed the socket under a write it never took.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // cancelled: the server is closing in a hurry
        } finally {
            outbox.writerEnded();
        }
    }
}
