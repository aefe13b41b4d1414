package chatlab.stage4;

import chatlab.protocol.InvalidUtf8Exception;
import chatlab.protocol.LineReader;
import chatlab.protocol.LineTooLongException;
import chatlab.protocol.LineWriter;
import chatlab.protocol.Nicknames;
import chatlab.protocol.Protocol;
import chatlab.stage.OperatorConsole;
import java.io.FilterInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
        Member member = null;
        String lastWords = null;
        try {
            Deadline input = new Deadline(socket, nicknameTimeout);
            LineReader in = new LineReader(input, maxLineBytes);
            member = chooseNickname(in);
            if (member != null) {
                input.lift(); // a member may stay quiet for as long as it likes
                console.println(Protocol.nicknameIs(member.nick()));
                relay(in, member);
            }
        } catch (LineTooLongException e) {
            // Thrown at the first byte over the limit, not at a newline that may never come.
            lastWords = Protocol.ERROR_LINE_TOO_LONG;
        } catch (SocketTimeoutException e) {
            lastWords = Protocol.ERROR_NO_NICKNAME; // only the nickname is read with a deadline
        } catch (IOException e) {
            // A reset, or the socket closed by this connection because it is over.
        } finally {
            outbox.finish(lastWords); // first, so that the error is the last line the client gets
            if (member != null) {
                room.leave(member);
            }
        }
    }

    /** Asks until the client gives a valid nickname nobody has; null if the connection ends first. */
    private Member chooseNickname(LineReader in) throws IOException {
        while (!outbox.isClosed()) {
            tell(Protocol.NICK);
            String raw;
            try {
                raw = in.readLine();
            } catch (InvalidUtf8Exception e) {
                tell(Protocol.ERROR_INVALID_UTF8);
                continue;
            }
            if (raw == null) {
                return null; // closed before choosing a nickname: no trace in the room
            }
            String nick = Nicknames.normalize(raw); // one spelling per name, whatever the keyboard sent
            String error = switch (Nicknames.check(nick)) {
                case INVALID -> Protocol.ERROR_INVALID_NICKNAME;
                case RESERVED -> Protocol.ERROR_NICKNAME_RESERVED;
                case VALID -> null;
            };
            if (error == null) {
                Member member = Member.named(nick, outbox);
                switch (room.join(member)) {
                    case JOINED -> {
                        return member;
                    }
                    case TAKEN -> error = Protocol.ERROR_NICKNAME_TAKEN;
                    case CLOSED -> {
                        outbox.finish(Protocol.ERROR_SHUTTING_DOWN); // too late to join: the server is closing
                        return null;
                    }
                }
            }
            tell(error);
        }
        return null;
    }

    /**
     * The member's lines, to everyone, until {@code [bye]}, the end of the stream or a broken rule.
     *
     * <p>Why collect lines before saying them? A client that sends fast has several lines in each
     * read, and the room takes all of them at once: one lock, one line of the transcript, one wake-up
     * of each writer, where one by one would cost as many of each as there are lines. (The seed's
     * server is quick for the same reason: it forwards whatever {@code recv} returned. Here a line
     * is still a line.) Nothing is held back: the lines go as soon as no whole line is left to read
     * without waiting.
     */
    private void relay(LineReader in, Member member) throws IOException {
        List<String> said = new ArrayList<>();
        try {
            while (!outbox.isClosed()) { // closed by someone else: dropped as too slow, or shutdown
                String line;
                try {
                    line = in.readLine();
                } catch (InvalidUtf8Exception e) {
                    say(member, said); // the lines before the bad one first: the client sees them in order
                    tell(Protocol.ERROR_INVALID_UTF8); // the line is dropped; the connection stays
                    continue;
                }
                if (line == null || line.equals(Protocol.BYE)) {
                    return;
                }
                if (!line.isEmpty()) {
                    said.add(line);
                }
                if (!in.hasBufferedLine()) {
                    say(member, said); // all that came in one go, in one go
                }
            }
        } finally {
            say(member, said); // what was read before the end still counts, whatever ended it
        }
    }

    private void say(Member member, List<String> said) {
        if (!said.isEmpty()) {
            room.say(member, said);
            said.clear();
        }
    }

    /**
     * A line for this client alone. A client that sends faster than it reads could pile these up
     * too: they count towards its limit like any other, and past it the outbox closes, which ends
     * the loops above.
     */
    private void tell(String line) {
        outbox.tell(LineWriter.encode(line));
    }

    /**
     * The socket's input with a deadline: each read waits only for the time left, so a client that
     * trickles a byte now and then gains no time. Lifted once the client has joined.
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
