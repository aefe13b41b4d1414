package chatlab.stage3;

import chatlab.protocol.LineReader;
import chatlab.protocol.LineWriter;
import chatlab.protocol.Protocol;
import chatlab.stage.OperatorConsole;
import chatlab.stage.Todo;
import java.io.IOException;
import java.net.Socket;

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
            // TODO 2: the handshake. Wrap the socket's streams in a LineReader and a LineWriter, send
            //         Protocol.NICK, and read the first line: whatever it holds is the nickname. If it
            //         is null (the client closed first), just return. Otherwise print
            //         Protocol.nicknameIs(nick) on the console and make the Member.
            //         -- teaches: line framing. The seeds call recv(1024) and treat what it returns
            //         as one message, but TCP is a byte stream: one read may return half a line, or
            //         three lines run together (seed 001's own log shows "Neural joined!Connected to
            //         server!"). A message is a line, so collect bytes up to the \n: LineReader does.
            //         And a client that leaves before choosing a nickname never joined: nobody
            //         must hear of it.
            // TODO 5: then join the room (room.join(member)), relay the member's lines (relay below),
            //         and in a finally block leave the room (room.leave(member)), however relay ended.
            //         -- teaches: leaving is certain. [bye], the end of the stream and a broken
            //         connection (an IOException) all end relay; the finally block makes every one of
            //         them a departure the others hear of. (Seed 001 never notices a client that
            //         closes: recv returns empty bytes for ever and its thread spins.)
            throw new Todo("2: the NICK handshake");
        } catch (IOException e) {
            // The client vanished (a reset, a line the reader refuses, the server closing it): the
            // member has left the room already, in the finally block of TODO 5.
        }
    }

    /** The member's lines, to everyone, until {@code [bye]} or the end of the stream. */
    private void relay(LineReader in, Member member) throws IOException {
        // TODO 5 (continued): read lines until null (end of stream). Protocol.BYE ends the loop and is
        //         not sent to anyone; an empty line is ignored; any other goes to room.say(member, line).
        throw new Todo("5: relay the member's lines to the room");
    }
}
