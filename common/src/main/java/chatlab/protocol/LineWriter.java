package chatlab.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * Writes protocol lines: UTF-8, each ended by {@code \n}.
 *
 * <p>Each call encodes the whole text first and hands it to the stream in <em>one</em> write, then
 * flushes. Why does that matter? When two threads write to one socket, a line written in pieces
 * ({@code write(nick)}, then {@code write(": ")}, then {@code write(text)}) can be cut in half by the
 * other thread's line. The methods are also {@code synchronized}, so a writer shared by several
 * threads never mixes two lines, whatever stream is underneath.
 */
public final class LineWriter {
    private final OutputStream out;

    public LineWriter(OutputStream out) {
        this.out = out;
    }

    /** Sends one line. */
    public synchronized void writeLine(String line) throws IOException {
        out.write(encode(line));
        out.flush();
    }

    /** Sends several lines in one write: fewer system calls when a backlog has built up. */
    public synchronized void writeLines(Collection<String> lines) throws IOException {
        if (lines.isEmpty()) {
            return;
        }
        StringBuilder all = new StringBuilder();
        for (String line : lines) {
            all.append(line).append('\n');
        }
        out.write(all.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The bytes of one line as it goes on the wire: its UTF-8 and a {@code \n}. */
    public static byte[] encode(String line) {
        return (line + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
