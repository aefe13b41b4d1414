package chatlab.bench;

/**
 * What one client received of the room's messages, checked as they come: each message
 * ({@code sender}, {@code seq}) should arrive exactly once, and each sender's in the order sent.
 *
 * <p>Compact, because at 10,000 members there are 10,000 of these, each expecting a message from
 * 10,000 senders: one bit per expected message says whether it came (a second arrival is a
 * duplicate), and per sender the highest {@code seq} seen so far, packed in as few bits as
 * {@code messages} needs (a message below it that was not seen yet arrives out of order). 10,000
 * members sending one message each: 2.5 KB per client.
 *
 * <p>Used by the one thread that reads the client's socket.
 */
final class Receipts {
    private final int senders;
    private final int messages;
    private final long[] seen;     // bit sender * messages + seq
    private final long[] highest;  // per sender, in `width` bits: the highest seq seen + 1 (0: none)
    private final int width;
    private long unique;
    private long duplicates;
    private long outOfOrder;
    private long strays; // a tag naming a sender or seq that does not exist

    Receipts(int senders, int messages) {
        this.senders = senders;
        this.messages = messages;
        long bits = (long) senders * messages;
        if (bits > Integer.MAX_VALUE * 8L) {
            throw new IllegalArgumentException(senders + " senders x " + messages + " messages is too many to check");
        }
        this.seen = new long[(int) ((bits + 63) / 64)];
        this.width = 64 - Long.numberOfLeadingZeros(messages);
        this.highest = new long[(int) (((long) senders * width + 63) / 64)];
    }

    /** The most bits of memory the receipts of {@code clients} clients take, for a plan's sanity check. */
    static long bytesFor(int clients, int messages) {
        long perClient = ((long) clients * messages + 63) / 64 * 8
                + ((long) clients * (64 - Long.numberOfLeadingZeros(messages)) + 63) / 64 * 8;
        return perClient * clients;
    }

    void record(int sender, int seq) {
        if (sender < 0 || sender >= senders || seq < 0 || seq >= messages) {
            strays++;
            return;
        }
        long bit = (long) sender * messages + seq;
        int word = (int) (bit >>> 6);
        long mask = 1L << bit;
        if ((seen[word] & mask) != 0) {
            duplicates++;
            return;
        }
        seen[word] |= mask;
        unique++;
        long top = highest(sender);
        if (seq + 1 < top) {
            outOfOrder++; // a later message from this sender came first
        } else {
            setHighest(sender, seq + 1);
        }
    }

    long unique() {
        return unique;
    }

    long duplicates() {
        return duplicates;
    }

    long outOfOrder() {
        return outOfOrder;
    }

    long strays() {
        return strays;
    }

    private long highest(int sender) {
        long bit = (long) sender * width;
        int word = (int) (bit >>> 6);
        int shift = (int) (bit & 63);
        long value = highest[word] >>> shift;
        if (shift + width > 64) {
            value |= highest[word + 1] << (64 - shift);
        }
        return value & ((1L << width) - 1);
    }

    private void setHighest(int sender, long value) {
        long bit = (long) sender * width;
        int word = (int) (bit >>> 6);
        int shift = (int) (bit & 63);
        long mask = (1L << width) - 1;
        highest[word] = (highest[word] & ~(mask << shift)) | (value << shift);
        if (shift + width > 64) {
            int spill = 64 - shift; // bits of the value already placed
            highest[word + 1] = (highest[word + 1] & ~(mask >>> spill)) | (value >>> spill);
        }
    }
}
