package chatlab.client;

import chatlab.protocol.InvalidUtf8Exception;
import chatlab.protocol.LineReader;
import chatlab.protocol.LineTooLongException;
import chatlab.protocol.LineWriter;
import chatlab.protocol.Protocol;
import chatlab.stage.StageId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The chat client a person runs in a terminal ({@code ./chatlab client}).
 *
 * <p>Unlike the seed's client, which waited for the server's line before letting its user type, the
 * two directions are independent: one virtual thread reads the socket and prints what arrives, and
 * another reads the keyboard and sends what is typed. {@link #run} returns when the connection ends:
 * the server closed it, it broke, or the user left with {@code [bye]} (the end of the keyboard input,
 * Ctrl-D or the end of a pipe, counts as {@code [bye]}).
 *
 * <p>The keyboard's thread may stay blocked reading the terminal after {@code run} returns: a read
 * of standard input cannot be interrupted. It is a daemon thread, and the command exits.
 */
public final class TerminalClient {
    /** The longest line accepted from a server: far more than any stage sends. */
    static final int MAX_LINE_BYTES = 1 << 20;
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    /** How a chat ended. */
    public enum Ending {
        /** The server closed the connection. */
        SERVER_CLOSED,
        /** The connection broke (reset, or the server sent something unreadable). */
        CONNECTION_LOST,
        /** The user left. */
        LEFT
    }

    /**
     * What to connect to and as whom.
     *
     * @param stage which protocol to speak: stages 1 and 2 chat one-to-one, 3 and 4 in a room
     * @param host  the server's host name or address
     * @param port  the server's port
     * @param name  the user's name (stages 1, 2) or nickname (3, 4); null: ask for it
     */
    public record Options(StageId stage, String host, int port, String name) {
        public Options {
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(host, "host");
        }
    }

    private final Options options;
    private final BufferedReader keyboard;
    private final PrintStream screen;
    private volatile boolean leaving;

    public TerminalClient(Options options, BufferedReader keyboard, PrintStream screen) {
        this.options = Objects.requireNonNull(options, "options");
        this.keyboard = Objects.requireNonNull(keyboard, "keyboard");
        this.screen = Objects.requireNonNull(screen, "screen");
    }

    /**
     * Asks for the name if none was given, connects, and chats until the connection ends.
     *
     * @return how it ended
     * @throws IOException if the server cannot be reached (for example {@code ConnectException})
     */
    public Ending run() throws IOException, InterruptedException {
        String name = options.name() != null ? options.name() : askName();
        if (name == null) {
            screen.println("No name given: not connecting.");
            return Ending.LEFT;
        }
        screen.println("Trying to connect to the server: " + options.host() + ", " + options.port());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(options.host(), options.port()), CONNECT_TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            screen.println("Connected...");
            LineWriter server = new LineWriter(socket.getOutputStream());
            Runnable hangUp = () -> hangUp(socket);
            Conversation conversation = options.stage().hasOperator()
                    ? new OneToOneConversation(name, server, screen, hangUp)
                    : new RoomConversation(name, server, screen, hangUp);
            conversation.start();
            LineReader lines = new LineReader(socket.getInputStream(), MAX_LINE_BYTES);
            FutureTask<Ending> socketReader = new FutureTask<>(() -> readServer(lines, conversation));
            Thread.ofVirtual().name("client-socket").start(socketReader);
            Thread.ofVirtual().name("client-keyboard").start(() -> readKeyboard(conversation));
            try {
                return socketReader.get(); // the connection has ended
            } catch (ExecutionException e) {
                throw new IllegalStateException("the socket's reader failed", e.getCause());
            }
        }
    }

    private String askName() throws IOException {
        screen.println(options.stage().hasOperator() ? "Enter your name:" : "Choose your nickname:");
        for (String line = keyboard.readLine(); line != null; line = keyboard.readLine()) {
            if (!line.isBlank()) {
                return line.strip();
            }
        }
        return null;
    }

    private Ending readServer(LineReader lines, Conversation conversation) {
        try {
            while (true) {
                String line;
                try {
                    line = lines.readLine();
                } catch (InvalidUtf8Exception e) {
                    screen.println("(the server sent a line that is not valid UTF-8)");
                    continue;
                }
                if (line == null) {
                    break;
                }
                conversation.fromServer(line);
            }
            if (leaving) {
                return left();
            }
            screen.println("The server closed the connection.");
            return Ending.SERVER_CLOSED;
        } catch (LineTooLongException e) {
            screen.println("The server sent a line longer than " + MAX_LINE_BYTES + " bytes: closing.");
            return Ending.CONNECTION_LOST;
        } catch (IOException e) {
            if (leaving) {
                return left(); // our own close() ended the read
            }
            screen.println("The connection was lost: " + e.getMessage());
            return Ending.CONNECTION_LOST;
        }
    }

    private Ending left() {
        screen.println("You left the chat.");
        return Ending.LEFT;
    }

    private void readKeyboard(Conversation conversation) {
        try {
            String line = keyboard.readLine();
            while (line != null && !line.equals(Protocol.BYE)) {
                conversation.typed(line);
                line = keyboard.readLine();
            }
            conversation.leave(); // [bye], or the end of the keyboard input (Ctrl-D, a pipe's end)
        } catch (IOException | UncheckedIOException e) {
            // The connection is gone; the socket's reader says how it ended.
        }
    }

    /** The user has left: closing the socket ends the socket's reader, and with it {@link #run}. */
    private void hangUp(Socket socket) {
        leaving = true;
        try {
            socket.close();
        } catch (IOException e) {
            // Closing a socket cannot fail in a way that matters here.
        }
    }
}
