package chatlab.stage3;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A client in the room: its nickname and the way to send it lines. Two members are the same only
 * if they are the same object (no {@code equals}): nicknames may repeat in stage 3.
 */
final class Member {
    private final String nick;
    private final OutputStream out;
    private final Socket socket;

    Member(String nick, OutputStream out, Socket socket) {
        this.nick = nick;
        this.out = out;
        this.socket = socket;
    }

    String nick() {
        return nick;
    }

    /**
     * Sends one line: its text, then the end of line. A write that fails means the
     * connection is broken: closing it makes the member's own thread fail its next read, leave the
     * room and end, so the one who broke is removed by its own thread, as for any other departure.
     */
    void send(String line) {
        try {
            out.write(line.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            BroadcastRoomServer.closeQuietly(socket);
        }
    }

    @Override
    public String toString() {
        return "Member[" + nick + "]";
    }
}
