package chatlab.stage3;

import chatlab.protocol.LineWriter;
import chatlab.stage.Todo;
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

    /** Sends one line to this member; a failed write closes its connection. */
    void send(String line) {
        // TODO 3: write the line with out.writeLine. If that throws an IOException, the connection is
        //         broken: close the socket (BroadcastRoomServer.closeQuietly) and return.
        //         -- teaches: who removes a broken member. The thread that failed to write is some
        //         other member's, in the middle of a broadcast: it must not remove this member from
        //         the list it is walking through. Closing the socket makes this member's own thread
        //         fail its next read and leave the room (TODO 5), like any other departure. And one
        //         line is one write, so lines from two threads never mix.
        throw new Todo("3: send a line to a member");
    }

    @Override
    public String toString() {
        return "Member[" + nick + "]";
    }
}
