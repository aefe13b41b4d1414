package chatlab.stage3;

import chatlab.protocol.LineReader;
import chatlab.protocol.LineWriter;
import chatlab.protocol.Protocol;
import chatlab.stage.OperatorConsole;
import java.io.IOException;
import java.net.Socket;

/**
 * One client's connection, on its own thread: the {@code NICK} handshake, then each line the
 * client sends, into the room, until it leaves.
 *
 * <p>Why read lines with a {@link LineReader} rather than {@code recv(1024)} as the seeds do? TCP
 * is a byte stream: one read may return half a line or three lines run together (seed 001's own
 * log shows {@code Neural joined!Connected to server!}). A message is a line, so the server
 * collects bytes up to the {@code \n} before it treats them as one.
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
            LineReader in = new LineReader(socket.getInputStream());
            LineWriter out = new LineWriter(socket.getOutputStream());
            out.writeLine(Protocol.NICK);
            String nick = in.readLine(); // whatever the first line holds: stage 3 checks nothing
            if (nick == null) {
                return; // closed before choosing a nickname: it never joined, so nobody hears of it
            }
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
    private void relay(LineReader in, Member member) throws IOException {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.equals(Protocol.BYE)) {
                return; // a way to leave, not a message: nobody sees it
            }
            if (!line.isEmpty()) {
                room.say(member, line);
            }
        }
    }
}
