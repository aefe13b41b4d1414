package chatlab.stage3;

import chatlab.protocol.LineWriter;
import chatlab.protocol.Protocol;
import chatlab.stage.OperatorConsole;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One client's connection, on its own thread: the {@code NICK} handshake, then each line the
 * client sends, into the room, until it leaves.
 */
final class Connection {
    private final Socket socket;
    private final Room room;
    private final OperatorConsole console;

    Connection(Socket socket, Room room, OperatorConsole console) {
        this.socket = socket;
        this.room = room;
        this.console = console;
    }

    /** Serves the client until it leaves; the socket is closed when this returns. */
    void run() {
        try (socket) {
            console.println(Protocol.connectedWith(socket.getRemoteSocketAddress()));
            InputStream in = socket.getInputStream();
            LineWriter out = new LineWriter(socket.getOutputStream());
            out.writeLine(Protocol.NICK);
            byte[] buffer = new byte[1024]; // like recv(1024): a message is at most 1024 bytes
            int n = in.read(buffer);
            if (n < 0) {
                return; // closed before choosing a nickname: it never joined, so nobody hears of it
            }
            String nick = new String(buffer, 0, n, StandardCharsets.UTF_8).strip(); // without the \n
            console.println(Protocol.nicknameIs(nick));
            Member member = new Member(nick, out, socket);
            room.join(member);
            try {
                relay(in, member);
            } finally {
                room.leave(member); // however the client went: [bye], end of stream, or an error
            }
        } catch (IOException e) {
            // The client vanished (a reset, a line the reader refuses, the server closing it): the
            // member has left the room already, in the finally block above.
        }
    }

    /** The member's lines, to everyone, until {@code [bye]} or the end of the stream. */
    private void relay(InputStream in, Member member) throws IOException {
        byte[] buffer = new byte[1024];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            String line = new String(buffer, 0, n, StandardCharsets.UTF_8).strip(); // without the \n
            if (line.equals(Protocol.BYE)) {
                return; // a way to leave, not a message: nobody sees it
            }
            if (!line.isEmpty()) {
                room.say(member, line);
            }
        }
    }
}
