package chatlab.bench;

import java.util.Arrays;

/**
 * Finds what a benchmark client counts in the bytes a server sends it: message tags
 * ({@code #sender.seq.micros;}), {@code joined!} and {@code Connected to server!} notices, and
 * {@code ERROR} lines.
 *
 * <p>Why scan bytes rather than read lines? The seed's server sends its notices without a newline
 * and relays whatever {@code recv} returned ({@code NICKAna joined!Connected to server!}), so only
 * a reader that finds tags in the byte stream can measure it. ChatLab's servers send lines; the same
 * scan reads them, so both are measured alike. A tag or notice cut by a read is completed by the
 * next: the unfinished end of one chunk is kept for the next.
 *
 * <p>One scanner per connection, used by one thread.
 */
final class StreamScanner {
    /** What the scanner found, in order. */
    interface Events {
        void tag(int sender, int seq, long micros);

        void joined();

        void connected();

        void error();
    }

    private static final byte[] JOINED = "joined".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] CONNECTED = "Connected to server".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] ERROR = "ERROR".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** Bytes before the scan point kept after each chunk, for the notices whose end is the mark. */
    private static final int LOOK_BEHIND = CONNECTED.length;
    /** A tag longer than this is garbage, not a tag still arriving. */
    private static final int MAX_TAG = 48;

    private final Events events;
    private byte[] buffer;
    private int length;    // bytes in buffer
    private int scanned;   // buffer[0, scanned) is done; the rest waits for more bytes
    private long garbage;  // '#' not followed by a well-formed tag

    StreamScanner(Events events, int capacity) {
        this.events = events;
        this.buffer = new byte[capacity];
    }

    /** Where the next read should put its bytes: {@link #buffer()} from {@link #free()} on. */
    byte[] buffer() {
        return buffer;
    }

    int free() {
        return length;
    }

    /** Room for a read: at least {@code minimum} bytes after {@link #free()}. */
    void ensureRoom(int minimum) {
        // Keep only what is still needed: the look-behind and the unscanned rest.
        int keepFrom = Math.max(0, scanned - LOOK_BEHIND);
        if (keepFrom > 0) {
            System.arraycopy(buffer, keepFrom, buffer, 0, length - keepFrom);
            length -= keepFrom;
            scanned -= keepFrom;
        }
        if (buffer.length - length < minimum) {
            buffer = Arrays.copyOf(buffer, length + minimum);
        }
    }

    /** Scans {@code count} new bytes, just read into {@link #buffer()} at {@link #free()}. */
    void scan(int count) {
        length += count;
        byte[] b = buffer;
        int i = scanned;
        int end = length;
        while (i < end) {
            switch (b[i]) {
                case '#' -> {
                    int next = tag(b, i, end);
                    if (next < 0) { // not all here yet: scan it again with the next chunk
                        scanned = i;
                        return;
                    }
                    i = next;
                }
                case '!' -> {
                    if (endsWith(b, i, JOINED)) {
                        events.joined();
                    } else if (endsWith(b, i, CONNECTED)) {
                        events.connected();
                    }
                    i++;
                }
                case ' ' -> {
                    if (i > 0 && b[i - 1] == 'R' && endsWith(b, i, ERROR)) {
                        events.error();
                    }
                    i++;
                }
                default -> i++;
            }
        }
        scanned = end;
    }

    /** Tags that were not well formed. */
    long garbage() {
        return garbage;
    }

    /** Parses the tag at {@code b[at] == '#'}; returns the index after it, or -1 if it is not complete yet. */
    private int tag(byte[] b, int at, int end) {
        long sender = 0;
        long seq = 0;
        long value = 0; // the field being read
        int field = 0;
        int digits = 0;
        for (int i = at + 1; i < end; i++) {
            byte c = b[i];
            if (c >= '0' && c <= '9' && digits < 18) {
                value = value * 10 + (c - '0');
                digits++;
            } else if (c == '.' && field < 2 && digits > 0) {
                if (field == 0) {
                    sender = value;
                } else {
                    seq = value;
                }
                field++;
                value = 0;
                digits = 0;
            } else if (c == ';' && field == 2 && digits > 0) {
                if (sender <= Integer.MAX_VALUE && seq <= Integer.MAX_VALUE) {
                    events.tag((int) sender, (int) seq, value);
                } else {
                    garbage++;
                }
                return i + 1;
            } else {
                garbage++;
                return at + 1;
            }
        }
        if (end - at > MAX_TAG) {
            garbage++;
            return at + 1;
        }
        return -1;
    }

    /** Whether {@code word} ends right before {@code b[mark]}. */
    private static boolean endsWith(byte[] b, int mark, byte[] word) {
        int from = mark - word.length;
        if (from < 0) {
            return false;
        }
        for (int k = 0; k < word.length; k++) {
            if (b[from + k] != word[k]) {
                return false;
            }
        }
        return true;
    }
}
