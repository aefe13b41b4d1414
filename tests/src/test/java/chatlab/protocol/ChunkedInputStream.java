package chatlab.protocol;

import java.io.InputStream;
import java.util.Random;

/**
 * Hands out a fixed sequence of bytes in chunks the test chooses, as TCP may: one byte per read, or
 * random sizes. At the end it either reports end of stream or, as a connection that stays open would
 * block, fails the test: that proves a reader decided without asking for more bytes.
 */
final class ChunkedInputStream extends InputStream {
    private final byte[] data;
    private final Random sizes;      // null: one byte per read
    private final int maxChunk;
    private final boolean endOfStream;
    private int position;
    private int reads;

    private ChunkedInputStream(byte[] data, Random sizes, int maxChunk, boolean endOfStream) {
        this.data = data;
        this.sizes = sizes;
        this.maxChunk = maxChunk;
        this.endOfStream = endOfStream;
    }

    /** One byte per read, then end of stream. */
    static ChunkedInputStream oneByteAtATime(byte[] data) {
        return new ChunkedInputStream(data, null, 1, true);
    }

    /** Chunks of 1 to {@code maxChunk} bytes chosen by {@code seed}, then end of stream. */
    static ChunkedInputStream randomChunks(byte[] data, long seed, int maxChunk) {
        return new ChunkedInputStream(data, new Random(seed), maxChunk, true);
    }

    /** One byte per read; asking for more once {@code data} is used up fails the test. */
    static ChunkedInputStream oneByteAtATimeThenOpen(byte[] data) {
        return new ChunkedInputStream(data, null, 1, false);
    }

    /** How many bytes the reader has taken. */
    int consumed() {
        return position;
    }

    /** How many reads returned data. */
    int reads() {
        return reads;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (position == data.length) {
            if (endOfStream) {
                return -1;
            }
            throw new AssertionError("the reader asked for more bytes after " + position
                    + "; on a real connection it would now block until the peer sends more");
        }
        int chunk = sizes == null ? 1 : 1 + sizes.nextInt(maxChunk);
        int n = Math.min(Math.min(chunk, len), data.length - position);
        System.arraycopy(data, position, b, off, n);
        position += n;
        reads++;
        return n;
    }
}
