package chatlab.stage4;

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
        try {
            while (true) {
                // Let the threads that are ready run first: in a busy room they are saying more
                // lines, and each line that joins this batch saves a system call here and a wake-up
                // in the client. In a quiet room it costs next to nothing.
                Thread.yield();
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
