package chatlab.stage4;

import chatlab.protocol.InvalidUtf8Exception;
import chatlab.protocol.LineReader;
import chatlab.protocol.LineTooLongException;
import chatlab.protocol.LineWriter;
import chatlab.protocol.Nicknames;
import chatlab.protocol.Protocol;
import chatlab.stage.OperatorConsole;
import chatlab.stage.Todo;
import java.io.FilterInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * The thread that reads one connection: the nickname handshake under a deadline, then the member's
 * lines into the room, until the client leaves or breaks a rule.
 *
 * <p>Every way this ends closes the connection's {@link Outbox}, with the error the client broke
 * (its last line), or none: that is what tells the rest of the connection it is over. Errors that
 * keep the connection (a bad nickname, a line that is not UTF-8) are answered on the way.
 */
final class ConnectionReader {
    private final Socket socket;
    private final Room room;
    private final Outbox outbox;
    private final OperatorConsole console;
    private final int maxLineBytes;
    private final Duration nicknameTimeout;

    ConnectionReader(Socket socket, Room room, Outbox outbox, OperatorConsole console, int maxLineBytes,
                     Duration nicknameTimeout) {
        this.socket = socket;
        this.room = room;
        this.outbox = outbox;
        this.console = console;
        this.maxLineBytes = maxLineBytes;
        this.nicknameTimeout = nicknameTimeout;
    }

    void run() {
        // TODO 5: carry over your stage 3 connection's run(), reshaped: read through
        //         new LineReader(new Deadline(socket, nicknameTimeout), maxLineBytes); get the member
        //         from chooseNickname (null: the connection ended first); once it has joined,
        //         lift() the deadline, print Protocol.nicknameIs, and relay. In a finally block,
        //         outbox.finish(lastWords) FIRST, then room.leave(member) if it joined.
        //         -- teaches: every ending is the same ending. Whatever stops the reader (the client
        //         leaving, an error, the server closing the socket), finishing the outbox tells the
        //         writer and the connection that it is over, and leaving tells the room.
        // TODO 9: then the errors that end a connection. Catch LineTooLongException: the last words
        //         are Protocol.ERROR_LINE_TOO_LONG. Catch SocketTimeoutException (only the
        //         nickname is read with a deadline): Protocol.ERROR_NO_NICKNAME. Any other
        //         IOException: no last words.
        //         -- teaches: limits on what comes in. LineReader throws at the first byte over the
        //         limit, not at a newline that may never come, so no client can make the server
        //         buffer without end; the deadline stops a client from holding a connection without
        //         ever joining. finish() before leave(): the error is the client's last line.
        throw new Todo("5: read the connection: handshake, then relay");
    }

    /** Asks until the client gives a valid nickname nobody has; null if the connection ends first. */
    private Member chooseNickname(LineReader in) throws IOException {
        // TODO 6: while the outbox is open: tell(Protocol.NICK) and read a line (null: return null).
        //         A line that is not UTF-8 (InvalidUtf8Exception) gets tell(ERROR_INVALID_UTF8), then
        //         NICK again. Otherwise Nicknames.normalize it, and Nicknames.check it: INVALID gets
        //         ERROR_INVALID_NICKNAME, RESERVED gets ERROR_NICKNAME_RESERVED. A VALID one tries
        //         room.join(Member.named(nick, outbox)): JOINED returns the member; TAKEN gets
        //         ERROR_NICKNAME_TAKEN; CLOSED means the server is shutting down:
        //         outbox.finish(ERROR_SHUTTING_DOWN) and return null. After an error, NICK again.
        //         -- teaches: validate what comes in, and say why. Normalising first gives one name
        //         one spelling ("José" typed two ways is one José); the key in Member ignores case,
        //         so "Ana" and "ANA" cannot both join; NICK and ERROR would look like the protocol's
        //         own lines; and names in any script are welcome, Devanagari's combining marks too.
        throw new Todo("6: the nickname rules");
    }

    /** The member's lines, to everyone, until {@code [bye]}, the end of the stream or a broken rule. */
    private void relay(LineReader in, Member member) throws IOException {
        // TODO 8: carry over your stage 3 relay, looping only while the outbox is open (someone else
        //         may have closed it: the room dropping a slow member, the server shutting down). A
        //         line that is not UTF-8 (InvalidUtf8Exception) gets tell(ERROR_INVALID_UTF8) and is
        //         dropped; the loop goes on.
        //         -- teaches: not every bad line is a reason to hang up. LineReader has consumed the
        //         whole broken line, so the next one can be read as if nothing happened.
        throw new Todo("8: relay the member's lines, refusing what is not UTF-8");
    }

    /**
     * A line for this client alone. A client that sends faster than it reads could pile these up
     * too: they count towards its limit like any other, and past it the outbox closes, which must
     * end your loops. (Given.)
     */
    private void tell(String line) {
        outbox.tell(LineWriter.encode(line));
    }

    /**
     * The socket's input with a deadline: each read waits only for the time left, so a client that
     * trickles a byte now and then gains no time. Lifted once the client has joined. (Given.)
     */
    private static final class Deadline extends FilterInputStream {
        private final Socket socket;
        private final long deadline;
        private boolean lifted;

        Deadline(Socket socket, Duration timeout) throws IOException {
            super(socket.getInputStream());
            this.socket = socket;
            this.deadline = System.nanoTime() + timeout.toNanos();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (!lifted) {
                long leftMillis = Math.ceilDiv(deadline - System.nanoTime(), 1_000_000L);
                if (leftMillis <= 0) {
                    throw new SocketTimeoutException("no nickname in time");
                }
                socket.setSoTimeout((int) Math.min(leftMillis, Integer.MAX_VALUE));
            }
            return in.read(buffer, offset, length);
        }

        void lift() throws IOException {
            lifted = true;
            socket.setSoTimeout(0);
        }
    }
}
