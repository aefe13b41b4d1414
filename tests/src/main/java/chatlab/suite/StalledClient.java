package chatlab.suite;

import chatlab.protocol.InvalidUtf8Exception;
import chatlab.protocol.LineReader;
import chatlab.protocol.LineWriter;
import chatlab.protocol.Protocol;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A member that reads only when told to: the kind that stalls seed 004's room. Unlike a
 * {@code ScriptedClient}, nothing reads its socket in the background, and its receive buffer is
 * small, so that the server's lines pile up on the server's side as soon as it stops reading.
 */
final class StalledClient implements AutoCloseable {
    /** A small receive buffer: the kernel holds little for it, the server has to hold the rest. */
    private static final int RECEIVE_BUFFER = 4096;

    private final String label;
    private final Socket socket;
    private final InputStream in;
    private LineReader lines; // once the handshake is read: it buffers ahead

    private StalledClient(String label, Socket socket) throws IOException {
        this.label = label;
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    /**
     * Connects and joins as {@code nick}, reading its handshake byte by byte so that nothing after it
     * is taken from the socket.
     */
    static StalledClient join(String label, InetSocketAddress address, String nick, Duration timeout)
            throws IOException {
        Socket socket = new Socket();
        try {
            socket.setReceiveBufferSize(RECEIVE_BUFFER); // before connecting: the window is small from the start
            socket.connect(address, (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis()); // no read here may hang
            StalledClient client = new StalledClient(label, socket);
            client.expectHandshakeLine(Protocol.NICK);
            socket.getOutputStream().write(LineWriter.encode(nick));
            client.expectHandshakeLine(Protocol.joined(nick));
            client.expectHandshakeLine(Protocol.CONNECTED);
            return client;
        } catch (IOException | RuntimeException | AssertionError e) {
            socket.close();
            throw e;
        }
    }

    private void expectHandshakeLine(String line) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new AssertionError(label + " should have received " + Texts.quote(line) + " when it joined, but "
                        + "the server closed the connection after " + Texts.quote(bytes.toString(StandardCharsets.UTF_8)));
            }
            bytes.write(b);
        }
        String got = bytes.toString(StandardCharsets.UTF_8);
        if (!got.equals(line)) {
            throw new AssertionError(label + " should have received " + Texts.quote(line) + " when it joined, but received "
                    + Texts.quote(got));
        }
    }

    /** Sends one line. */
    void send(String line) throws IOException {
        socket.getOutputStream().write(LineWriter.encode(line));
    }

    /** Reads the next line, waiting at most {@code timeout}; null at the end of the stream. */
    String readLine(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        if (lines == null) {
            lines = new LineReader(in, 1 << 20);
        }
        try {
            return lines.readLine();
        } catch (InvalidUtf8Exception e) {
            return chatlab.driver.ScriptedClient.NOT_UTF8;
        }
    }

    /** How reading until the end went: the lines read, and whether the server ended the connection. */
    record Drained(List<String> lines, boolean ended) {
    }

    /**
     * Reads everything until the server closes the connection, waiting at most {@code timeout} for
     * each read: {@code ended} is false when the server kept the connection open that long.
     */
    Drained drain(Duration timeout) throws IOException {
        List<String> got = new ArrayList<>();
        try {
            for (String line = readLine(timeout); line != null; line = readLine(timeout)) {
                got.add(line);
            }
            return new Drained(got, true);
        } catch (SocketTimeoutException e) {
            return new Drained(got, false);
        } catch (SocketException e) {
            return new Drained(got, true); // a reset: the end all the same
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
