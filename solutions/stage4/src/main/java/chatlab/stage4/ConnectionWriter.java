package chatlab.stage4;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The one thread that writes to a connection's socket: it takes what waits in its {@link Outbox}
 * and sends it in one write, again and again, until the outbox is closed and empty.
 *
 * <p>Why one write per batch? A write is a system call, and the room may say lines faster than one
 * call per line could send them. When the writer falls behind, lines pile up and the next batch
 * carries all of them at the cost of one call: the busier the room, the bigger the batches. And
 * the writer never writes twice in one tick of the room's {@link Pacer}: that keeps a busy room's
 * batches big even when the writer keeps up.
 */
final class ConnectionWriter {
    private final Outbox outbox;
    private final OutputStream out;
    private final Pacer pacer;

    /** {@code pacer} is the room's ({@link Room#pacer}): all its writers keep the same time. */
    ConnectionWriter(Outbox outbox, OutputStream out, Pacer pacer) {
        this.outbox = outbox;
        this.out = out;
        this.pacer = pacer;
    }

    /** Writes until the outbox is done or the socket fails; either way the outbox ends closed. */
    void run() {
        try {
            while (true) {
                byte[] batch = outbox.take();
                if (batch == null) {
                    return; // closed, and everything sent, the last words included
                }
                out.write(batch);
                // Whatever the room says from now until the next tick goes in the next batch: one
                // write and one wake-up for all of it (see Pacer).
                pacer.awaitNextTick();
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
