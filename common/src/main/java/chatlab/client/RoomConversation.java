package chatlab.client;

import chatlab.protocol.LineWriter;
import chatlab.protocol.Protocol;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Stages 3 and 4: the broadcast room of seeds 001 to 004. The server asks for a nickname with
 * {@code NICK}; the client answers with the one it was given, or asks the user for one (again after
 * a stage 4 server refused it with an {@code ERROR ...} line).
 *
 * <p>Lines typed before the room has confirmed the join with {@code Connected to server!} wait, so
 * that none is taken for a nickname; so does leaving: {@code echo hi | chatlab client} joins, says
 * hi, then leaves.
 */
final class RoomConversation implements Conversation {
    private enum State { WAITING_FOR_NICK, CHOOSING, NICK_SENT, JOINED }

    private final LineWriter server;
    private final PrintStream screen;
    private final Runnable hangUp;
    private final List<String> typedEarly = new ArrayList<>(); // guarded by this
    private State state = State.WAITING_FOR_NICK;             // guarded by this
    private String nickname;                                   // guarded by this; null: ask the user
    private boolean leaving;                                   // guarded by this

    RoomConversation(String nickname, LineWriter server, PrintStream screen, Runnable hangUp) {
        this.nickname = nickname;
        this.server = server;
        this.screen = screen;
        this.hangUp = hangUp;
    }

    @Override
    public void start() {
        // The server speaks first (NICK).
    }

    @Override
    public synchronized void fromServer(String line) throws IOException {
        switch (line) {
            case Protocol.NICK -> {
                if (nickname != null) {
                    server.writeLine(nickname);
                    state = State.NICK_SENT;
                } else if (leaving) {
                    hangUp.run(); // refused, and the user has already left: no point choosing another
                } else {
                    state = State.CHOOSING;
                    screen.println("Choose another nickname:");
                }
            }
            case Protocol.ERROR_INVALID_NICKNAME, Protocol.ERROR_NICKNAME_TAKEN, Protocol.ERROR_NICKNAME_RESERVED -> {
                screen.println(line);
                nickname = null; // the server asks again with NICK
                state = State.WAITING_FOR_NICK;
            }
            case Protocol.CONNECTED -> {
                screen.println(line);
                if (state == State.NICK_SENT) {
                    joined();
                }
            }
            default -> screen.println(TerminalText.escape(line));
        }
    }

    private void joined() throws IOException {
        state = State.JOINED;
        screen.println("Enter " + Protocol.BYE + " to exit.");
        for (String early : typedEarly) {
            server.writeLine(early);
        }
        typedEarly.clear();
        if (leaving) {
            leave();
        }
    }

    @Override
    public synchronized void typed(String line) throws IOException {
        switch (state) {
            case CHOOSING -> {
                nickname = line;
                server.writeLine(line);
                state = State.NICK_SENT;
            }
            case JOINED -> server.writeLine(line);
            case WAITING_FOR_NICK, NICK_SENT -> typedEarly.add(line);
        }
    }

    @Override
    public synchronized void leave() throws IOException {
        leaving = true;
        switch (state) {
            case JOINED -> {
                server.writeLine(Protocol.BYE); // a member leaves by saying so
                hangUp.run();
            }
            case CHOOSING -> hangUp.run(); // asked for a nickname, the user chose to go instead
            case WAITING_FOR_NICK, NICK_SENT -> {
                // Once joined: what was typed first, then [bye] (see joined()).
            }
        }
    }
}
