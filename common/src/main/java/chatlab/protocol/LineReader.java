package chatlab.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads protocol lines from a byte stream.
 *
 * <p>Why not {@code recv(1024)} as in the seeds? TCP is a byte stream: one read may return half a
 * line or three lines run together (seed 001's log shows {@code Neural joined!Connected to
 * server!}). A reader must collect bytes until the {@code \n} that ends the line, and only then
 * turn them into text. That is all this class does:
 * <ul>
 *   <li>a line ends at {@code \n}; a {@code \r} just before it is dropped, so telnet works;</li>
 *   <li>a line may hold at most {@code maxLineBytes} content bytes: the first byte past that throws
 *       {@link LineTooLongException} at once, without waiting for a newline that may never come;</li>
 *   <li>bytes are decoded as strict UTF-8: a line that is not valid UTF-8 throws
 *       {@link InvalidUtf8Exception}, and the next call reads the next line;</li>
 *   <li>at end of stream {@link #readLine()} returns {@code null}; an unterminated fragment before
 *       it is discarded, since its sender never finished it.</li>
 * </ul>
 * <p>Not thread-safe: one connection has one reader, used by one thread.
 */
public final class LineReader {
    private static final int BUFFER_SIZE = 8192;

    private final InputStream in;
    private final int maxLineBytes;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int position;
    private int limit;
    private byte[] line = new byte[128];
    private boolean broken;

    /** A reader of lines of at most {@link Limits#MAX_LINE_BYTES} content bytes. */
    public LineReader(InputStream in) {
        this(in, Limits.MAX_LINE_BYTES);
    }

    public LineReader(InputStream in, int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive: " + maxLineBytes);
        }
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * Reads the next line, without its {@code \n} (and without a {@code \r} just before it).
     *
     * @return the line, or {@code null} at end of stream
     * @throws LineTooLongException once a line has more than {@code maxLineBytes} content bytes;
     *                              the reader is then unusable
     * @throws InvalidUtf8Exception when a complete line is not valid UTF-8; reading may go on
     * @throws IOException          when the stream fails
     */
    public String readLine() throws IOException {
        if (broken) {
            throw new LineTooLongException(maxLineBytes);
        }
        int length = 0;
        while (true) {
            if (position == limit && !fill()) {
                return null; // end of stream: an unterminated fragment is discarded
            }
            byte b = buffer[position++];
            if (b == '\n') {
                if (length > 0 && line[length - 1] == '\r') {
                    length--;
                }
                return decode(length);
            }
            // One byte over the limit is allowed only if it is a '\r' that the next '\n' will drop.
            if (length == maxLineBytes + 1 || (length == maxLineBytes && b != '\r')) {
                broken = true;
                throw new LineTooLongException(maxLineBytes);
            }
            if (length == line.length) {
                line = Arrays.copyOf(line, Math.min(line.length * 2, maxLineBytes + 1));
            }
            line[length++] = b;
        }
    }

    /**
     * Whether a whole line has been read from the stream already and not returned yet: then
     * {@link #readLine()} returns it without waiting for the stream. A reader that hands on what a
     * client sent in one go (all the lines one read brought) asks this to know when to stop
     * collecting.
     */
    public boolean hasBufferedLine() {
        for (int i = position; i < limit; i++) {
            if (buffer[i] == '\n') {
                return true;
            }
        }
        return false;
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    private String decode(int length) throws InvalidUtf8Exception {
        if (isAscii(length)) {
            return new String(line, 0, length, StandardCharsets.ISO_8859_1);
        }
        try {
            CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(line, 0, length));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new InvalidUtf8Exception();
        }
    }

    private boolean isAscii(int length) {
        for (int i = 0; i < length; i++) {
            if (line[i] < 0) {
                return false;
            }
        }
        return true;
    }
}
