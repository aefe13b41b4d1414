package chatlab.stage4;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The one thread that writes to a connection's socket: it takes everything its {@link Outbox} has
 * queued and sends it in one write, again and again, until the outbox is closed and empty.
 *
 * <p>Why one write per batch? A write is a system call, and the room may queue lines for a member
 * faster than one call per line could send them. When the writer falls behind, lines pile up in
 * the outbox and the next batch carries all of them at the cost of one call: the busier the room,
 * the bigger the batches.
 */
final class ConnectionWriter {
    /** A drained batch list bigger than this is let go rather than reused, so that an idle member keeps little. */
    private static final int REUSED_CAPACITY = 256;

    /**
     * At most this many more turns given up to a busy room before each batch. Measured at 3,000
     * members speaking at once: 16 turns made the message phase 2.6 times faster, 32 and 64 about
     * 6 times; 256 cost more in turns than it saved in writes.
     */
    private static final int MOST_TURNS_WAITED = 32;

    private final Outbox outbox;
    private final OutputStream out;
    private final BooleanSupplier roomBusy;

    /** {@code roomBusy} says whether others are waiting to join, speak or leave in the room right now. */
    ConnectionWriter(Outbox outbox, OutputStream out, BooleanSupplier roomBusy) {
        this.outbox = outbox;
        this.out = out;
        this.roomBusy = roomBusy;
    }

    /** Writes until the outbox is done or the socket fails; either way the outbox ends closed. */
    void run() {
        List<byte[]> spare = new ArrayList<>();
        try {
            while (true) {
                // Let the threads that are ready run first: in a busy room they are queueing more
                // lines for this very outbox, and each line that joins this batch saves a system
                // call here and a wake-up in the client. In a quiet room it costs next to nothing.
                // (Measured at 1,000 members speaking at once: 3 to 5 times less CPU.)
                Thread.yield();
                // And while others still wait for the room's lock, each of them about to queue a
                // line here, wait a few turns more: the batch then carries their lines too. This
                // is what an event loop like Netty's gets by flushing once per round; a bound
                // keeps a member's lines from waiting long in a room that is never quiet.
                for (int turn = 0; turn < MOST_TURNS_WAITED && roomBusy.getAsBoolean(); turn++) {
                    Thread.yield();
                }
                List<byte[]> batch = outbox.takeAll(spare);
                if (batch.isEmpty()) {
                    return; // closed, and everything sent, the last words included
                }
                out.write(joined(batch));
                if (batch.size() > REUSED_CAPACITY) {
                    spare = new ArrayList<>();
                } else {
                    batch.clear();
                    spare = batch;
                }
            }
        } catch (IOException e) {
            // The client is gone, or the connection closed the socket under a write it never took.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // cancelled: the server is closing in a hurry
        } finally {
            outbox.writerEnded();
        }
    }

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
