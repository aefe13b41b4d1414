package chatlab.stage4;

import chatlab.protocol.LineWriter;
import chatlab.protocol.Protocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The hardened chat room: stage 3's room, with unique nicknames, and with a lock that is held only
 * to append lines to the room's {@link Transcript}, never to write them.
 *
 * <p>Why is that enough? The order of the room's events is the order of the transcript, appended
 * under the lock, and every member's writer reads it in that order from its own place: so every
 * member still sees the same events in the same order, and a newcomer's {@code joined!} and
 * {@code Connected to server!} still come with nothing between them. But appending never waits on
 * a socket, so a member that stops reading delays nobody: it falls behind, and past the limit it is
 * dropped.
 *
 * <p>Each line is encoded once and appended once: with 10,000 members, one message is 10,000
 * deliveries but one encoding, one append and no copy until each writer copies it into its batch.
 * (The lines a member sent in one go are encoded and appended together.)
 */
final class Room {
    private static final byte[] CONNECTED = LineWriter.encode(Protocol.CONNECTED);

    /** What became of a request to join. */
    enum Admission { JOINED, TAKEN, CLOSED }

    /**
     * How often a member's writer may write, at most. Measured at 50 members x 20,000 messages, once
     * warmed up: with this tick the server spent 28 ms of processor time per million deliveries and
     * delivered 20 million a second (Netty's room: 26 to 30 ms, 18 to 20 million); with writers that
     * only yielded a few turns before each batch, 41 to 49 ms and 16 to 17 million. Half a
     * millisecond did a little worse, a quarter worse still.
     */
    private static final Duration WRITERS_TICK = Duration.ofMillis(1);

    /** How often the room looks for members too far behind: each time this much more was said, at most. */
    private static final long MOST_BYTES_BETWEEN_CHECKS = 64 * 1024;

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Member> members = new HashMap<>(); // by Member.key(); guarded by lock
    private final Transcript transcript = new Transcript();     // appended to under lock
    private final Pacer pacer = new Pacer(WRITERS_TICK);
    private final long bytesBetweenChecks;
    private long nextCheck;                                      // guarded by lock
    private boolean closed;                                      // guarded by lock

    /** A room whose members may fall at most {@code maxQueuedBytes} behind. */
    Room(long maxQueuedBytes) {
        this.bytesBetweenChecks = Math.max(1, Math.min(MOST_BYTES_BETWEEN_CHECKS, maxQueuedBytes / 4));
    }

    /**
     * Adds {@code newcomer} unless its nickname is taken (ignoring case) or the room is closed;
     * then {@code <nick> joined!} goes to all, newcomer included, and its welcome right after.
     */
    Admission join(Member newcomer) {
        lock.lock();
        try {
            if (closed) {
                return Admission.CLOSED;
            }
            // Checking and adding under one lock: two clients asking for "Ana" and "ANA" at the same
            // moment cannot both get it.
            if (members.putIfAbsent(newcomer.key(), newcomer) != null) {
                return Admission.TAKEN;
            }
            // The newcomer reads the transcript from its own joined! on: nothing said before it joined.
            Transcript.Cursor cursor = transcript.cursorAtEnd();
            transcript.append(LineWriter.encode(Protocol.joined(newcomer.nick())));
            newcomer.outbox().joined(cursor, CONNECTED);
            dropTooSlow();
        } finally {
            lock.unlock();
        }
        transcript.wakeWaiting();
        return Admission.JOINED;
    }

    /**
     * Sends each of {@code texts} to every member, the speaker included, as {@code <nick>: <text>}:
     * in order, with no other event between them (what the speaker sent in one go goes out in one go).
     */
    void say(Member speaker, List<String> texts) {
        // Encoded outside the lock (less time in it), all in one array: one line of the transcript.
        StringJoiner lines = new StringJoiner("\n");
        for (String text : texts) {
            lines.add(Protocol.message(speaker.nick(), text));
        }
        byte[] encoded = LineWriter.encode(lines.toString()); // each line, the last included, ends in \n
        lock.lock();
        try {
            // A member dropped as too slow may still be sending: it is no longer in the room, so
            // nobody hears it.
            if (closed || members.get(speaker.key()) != speaker) {
                return;
            }
            transcript.append(encoded);
            dropTooSlow();
        } finally {
            lock.unlock();
        }
        transcript.wakeWaiting();
    }

    /** The clock the members' writers keep: each writes at most once per tick. */
    Pacer pacer() {
        return pacer;
    }

    /** Removes {@code member} and tells those who remain; does nothing if it is not in the room. */
    void leave(Member member) {
        lock.lock();
        try {
            // remove(key, member): this member, not another that took the name since it was dropped.
            // While the server shuts down nobody is told: everyone is being disconnected at once.
            if (!members.remove(member.key(), member) || closed) {
                return;
            }
            transcript.append(LineWriter.encode(Protocol.left(member.nick())));
            dropTooSlow();
        } finally {
            lock.unlock();
        }
        transcript.wakeWaiting();
    }

    /** Closes the room for the server's shutdown: nobody joins, speaks or is seen leaving any more. */
    void close() {
        lock.lock();
        try {
            closed = true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Every so often (each time a little more was said, never more than a quarter of the limit), drops
     * the members that are more than the limit behind: they leave like any other, with
     * {@code <nick> left!} to the rest. Why not check at every line? That would be a step for every
     * member at every line again; a member can only fall further behind when more is said.
     */
    private void dropTooSlow() {
        if (transcript.bytes() < nextCheck) {
            return;
        }
        nextCheck = transcript.bytes() + bytesBetweenChecks;
        List<Member> tooSlow = new ArrayList<>();
        for (Member member : members.values()) {
            if (member.outbox().closeIfTooSlow()) {
                tooSlow.add(member);
            }
        }
        for (Member gone : tooSlow) {
            members.remove(gone.key(), gone);
            transcript.append(LineWriter.encode(Protocol.left(gone.nick())));
        }
    }
}
