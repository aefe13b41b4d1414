package chatlab.driver;

import chatlab.protocol.InvalidUtf8Exception;
import chatlab.protocol.LineReader;
import chatlab.protocol.LineWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * A client driven by a program: tests, the property engine and the demo use it to talk to a stage
 * over a real loopback socket.
 *
 * <p>One virtual thread reads the socket from the moment of connection and records every line, with
 * the time it arrived, and how the connection ended (closed by the server, reset). Callers never
 * sleep: they wait for what they expect with {@link #awaitLine} (or Awaitility on {@link #lines()}),
 * and a wait that times out throws with everything received so far in its message.
 */
public final class ScriptedClient implements AutoCloseable {

    /** How a connection ended, as far as this client saw. */
    public enum Ending { OPEN, CLOSED_BY_SERVER, RESET, CLOSED_BY_CLIENT }

    /** What {@link #lines()} shows for a line that was not valid UTF-8. */
    public static final String NOT_UTF8 = "(a line that is not valid UTF-8)";

    /** One line received, and when (nanoTime). */
    public record Received(String line, long nanos) {
    }

    private final String label;
    private final Socket socket;
    private final OutputStream out;
    private final long connectedNanos;
    private final List<Received> received = new ArrayList<>(); // guarded by this
    private Ending ending = Ending.OPEN;                       // guarded by this
    private long endedNanos;                                   // guarded by this
    private int cursor;                                        // guarded by this: next line for awaitLine
    private final Thread reader;

    private ScriptedClient(String label, Socket socket) throws IOException {
        this.label = label;
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.connectedNanos = System.nanoTime();
        LineReader lines = new LineReader(socket.getInputStream(), 1 << 20);
        this.reader = Thread.ofVirtual().name("client-" + label).start(() -> read(lines));
    }

    /** Connects to {@code address}; {@code label} names the client in failure messages. */
    public static ScriptedClient connect(String label, InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(address, 5_000);
            return new ScriptedClient(label, socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private void read(LineReader lines) {
        Ending end;
        try {
            while (true) {
                String line;
                try {
                    line = lines.readLine();
                } catch (InvalidUtf8Exception e) {
                    // A server that relays raw bytes may cut a character in two: record that such a
                    // line came, and go on reading, so that a report shows it where it happened.
                    line = NOT_UTF8;
                }
                if (line == null) {
                    break;
                }
                synchronized (this) {
                    received.add(new Received(line, System.nanoTime()));
                    notifyAll();
                }
            }
            end = Ending.CLOSED_BY_SERVER;
        } catch (IOException e) {
            // Our own close() makes the blocked read fail too: that is not the server's doing.
            end = socket.isClosed() ? Ending.CLOSED_BY_CLIENT : Ending.RESET;
        }
        synchronized (this) {
            ending = end;
            endedNanos = System.nanoTime();
            notifyAll();
        }
    }

    public String label() {
        return label;
    }

    /** Sends one line (a {@code \n} is added). */
    public void send(String line) throws IOException {
        sendRaw(LineWriter.encode(line));
    }

    /** Sends bytes as they are: half lines, invalid UTF-8, a line without its newline. */
    public void sendRaw(byte[] bytes) throws IOException {
        synchronized (out) {
            out.write(bytes);
            out.flush();
        }
    }

    /** Every line received so far, in order. */
    public synchronized List<String> lines() {
        return received.stream().map(Received::line).toList();
    }

    /** Every line received so far with its arrival time. */
    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /** When the connection was established (nanoTime). */
    public long connectedNanos() {
        return connectedNanos;
    }

    /** How the connection ended so far. */
    public synchronized Ending ending() {
        return ending;
    }

    /** When the connection ended (nanoTime), or 0 while open. */
    public synchronized long endedNanos() {
        return endedNanos;
    }

    /**
     * Waits for the next line not yet consumed by an earlier {@code awaitLine} and returns it.
     *
     * @throws TimeoutException if no line arrives within {@code timeout} (the message lists what did)
     */
    public synchronized String awaitLine(Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (cursor >= received.size()) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || ending != Ending.OPEN && cursor >= received.size()) {
                throw new TimeoutException(describe("no further line within " + timeout.toMillis() + " ms"));
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return received.get(cursor++).line();
    }

    /** Waits for the next line and checks that it is {@code expected}. */
    public String expectLine(String expected, Duration timeout) throws InterruptedException, TimeoutException {
        String line = awaitLine(timeout);
        if (!line.equals(expected)) {
            throw new AssertionError(describe("expected line '" + expected + "' but got '" + line + "'"));
        }
        return line;
    }

    /** Waits until the connection has ended (closed by the server or reset); returns how. */
    public synchronized Ending awaitEnd(Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ending == Ending.OPEN) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException(describe("connection still open after " + timeout.toMillis() + " ms"));
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return ending;
    }

    /** Half-closes: the server reads end of stream, while this client can still receive. */
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** Closes abruptly with a reset (SO_LINGER 0), as a crashed client would. */
    public void abort() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            reader.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized String describe(String what) {
        return label + ": " + what + "; received so far " + lines() + ", connection " + ending;
    }

    @Override
    public String toString() {
        return "ScriptedClient[" + label + "]";
    }

}
