package chatlab.client;

import chatlab.protocol.LineWriter;
import chatlab.protocol.Protocol;
import java.io.IOException;
import java.io.PrintStream;

/**
 * Stages 1 and 2: the one-to-one chat of seed 000. The client sends its name first; the server's
 * first line is the operator's name, and every later line is shown as {@code <server> > <line>}.
 * Lines typed before the server answers are sent at once: the server reads them after the name.
 */
final class OneToOneConversation implements Conversation {
    private final String name;
    private final LineWriter server;
    private final PrintStream screen;
    private final Runnable hangUp;
    private String serverName; // guarded by this; null until the server answers

    OneToOneConversation(String name, LineWriter server, PrintStream screen, Runnable hangUp) {
        this.name = name;
        this.server = server;
        this.screen = screen;
        this.hangUp = hangUp;
    }

    @Override
    public void start() throws IOException {
        server.writeLine(name);
        // A stage 2 server answers only when this client's turn comes: say why nothing happens yet.
        screen.println("Waiting for the server to answer...");
    }

    @Override
    public synchronized void fromServer(String line) {
        if (serverName == null) {
            serverName = line;
            screen.println(TerminalText.escape(serverName) + " has joined...");
            screen.println("Enter " + Protocol.BYE + " to exit.");
        } else {
            screen.println(TerminalText.escape(Protocol.clientSaid(serverName, line)));
        }
    }

    @Override
    public void typed(String line) throws IOException {
        server.writeLine(line);
    }

    @Override
    public void leave() throws IOException {
        server.writeLine(Protocol.CLIENT_FAREWELL);
        hangUp.run();
    }
}
