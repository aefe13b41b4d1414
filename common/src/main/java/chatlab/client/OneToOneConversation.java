package chatlab.client;

import chatlab.protocol.LineWriter;
import chatlab.protocol.Protocol;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Stages 1 and 2: the one-to-one chat of seed 000. The client sends its name first; the server's
 * first line is the operator's name, and every later line is shown as {@code <server> > <line>}.
 */
final class OneToOneConversation implements Conversation {
    private final String name;
    private final LineWriter server;
    private final PrintStream screen;
    private final List<String> typedEarly = new ArrayList<>(); // guarded by this
    private String serverName;                                // guarded by this; null until answered

    OneToOneConversation(String name, LineWriter server, PrintStream screen) {
        this.name = name;
        this.server = server;
        this.screen = screen;
    }

    @Override
    public void start() throws IOException {
        server.writeLine(name);
        // A stage 2 server answers only when this client's turn comes: say why nothing happens yet.
        screen.println("Waiting for the server to answer...");
    }

    @Override
    public synchronized void fromServer(String line) throws IOException {
        if (serverName == null) {
            serverName = line;
            screen.println(TerminalText.escape(serverName) + " has joined...");
            screen.println("Enter " + Protocol.BYE + " to exit.");
            for (String early : typedEarly) {
                server.writeLine(early);
            }
            typedEarly.clear();
        } else {
            screen.println(TerminalText.escape(Protocol.clientSaid(serverName, line)));
        }
    }

    @Override
    public synchronized boolean typed(String line) throws IOException {
        if (line.equals(Protocol.BYE)) {
            server.writeLine(Protocol.CLIENT_FAREWELL);
            return false;
        }
        if (serverName == null) {
            typedEarly.add(line); // sent once the server has answered, after our name
        } else {
            server.writeLine(line);
        }
        return true;
    }
}
