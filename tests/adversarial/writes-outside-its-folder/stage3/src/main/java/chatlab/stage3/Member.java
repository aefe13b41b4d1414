package chatlab.stage3;

import chatlab.protocol.LineWriter;
import java.io.IOException;
import java.net.Socket;

/**
 * A client in the room: its nickname and the way to send it lines. Two members are the same only
 * if they are the same object (no {@code equals}): nicknames may repeat in stage 3.
 */
final class Member {
    private final String nick;
    private final LineWriter out;
    private final Socket socket;

    Member(String nick, LineWriter out, Socket socket) {
        this.nick = nick;
        this.out = out;
        this.socket = socket;
    }

    String nick() {
        return nick;
    }

    /**
     * Sends one line (one write, so it never mixes with another). A write that fails means the
     * connection is broken: closing it makes the member's own thread fail its next read, leave the
     * room and end, so the one who broke is removed by its own thread, as for any other departure.
     */
    void send(String line) {
        try {
            out.writeLine(line);
        } catch (IOException e) {
            BroadcastRoomServer.closeQuietly(socket);
        }
    }

    @Override
    public String toString() {
        return "Member[" + nick + "]";
    }
}
