package chatlab.stage4;

import chatlab.protocol.LineWriter;
import chatlab.protocol.Protocol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The hardened chat room: stage 3's room, with unique nicknames, and with a lock that is held only
 * to queue lines, never to write them.
 *
 * <p>Why is that enough? The order of the room's events is the order in which they are queued,
 * under the lock, and every member's {@link Outbox} keeps that order: so every member still sees
 * the same events in the same order, a newcomer's {@code joined!} and {@code Connected to server!}
 * still come with nothing between them. But queueing never waits on a socket, so a member that
 * stops reading delays nobody: its own outbox fills, and past the limit it is dropped.
 *
 * <p>Each line is encoded once, to bytes shared by every outbox it goes into: with 50 members, one
 * message is 50 deliveries but one encoding and no copy. (The lines a member sent in one go are
 * encoded together, and shared the same way.)
 */
final class Room {
    private static final byte[] CONNECTED = LineWriter.encode(Protocol.CONNECTED);

    /** What became of a request to join. */
    enum Admission { JOINED, TAKEN, CLOSED }

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Member> members = new HashMap<>(); // by Member.key(); guarded by lock
    private boolean closed;                                      // guarded by lock

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
            List<Member> tooSlow = queueForEveryone(LineWriter.encode(Protocol.joined(newcomer.nick())), null);
            if (!newcomer.outbox().offer(CONNECTED)) {
                tooSlow = add(tooSlow, newcomer);
            }
            drop(tooSlow);
            return Admission.JOINED;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends each of {@code texts} to every member, the speaker included, as {@code <nick>: <text>}:
     * in order, with no other event between them (what the speaker sent in one go goes out in one go).
     */
    void say(Member speaker, List<String> texts) {
        // Encoded outside the lock (less time in it), all in one array: one entry in each outbox.
        StringJoiner lines = new StringJoiner("\n");
        for (String text : texts) {
            lines.add(Protocol.message(speaker.nick(), text));
        }
        byte[] encoded = LineWriter.encode(lines.toString()); // each line, the last included, ends in \n
        lock.lock();
        try {
            // A member dropped as too slow may still be sending: it is no longer in the room, so
            // nobody hears it.
            if (!closed && members.get(speaker.key()) == speaker) {
                drop(queueForEveryone(encoded, null));
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether others wait to join, speak or leave right now: lines for every member are on their way. */
    boolean busy() {
        return lock.hasQueuedThreads();
    }

    /** Removes {@code member} and tells those who remain; does nothing if it is not in the room. */
    void leave(Member member) {
        lock.lock();
        try {
            // remove(key, member): this member, not another that took the name since it was dropped.
            // While the server shuts down nobody is told: everyone is being disconnected at once.
            if (members.remove(member.key(), member) && !closed) {
                drop(queueForEveryone(LineWriter.encode(Protocol.left(member.nick())), null));
            }
        } finally {
            lock.unlock();
        }
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

    /** Queues {@code line} for every member; returns those it made too slow, added to {@code tooSlow}. */
    private List<Member> queueForEveryone(byte[] line, List<Member> tooSlow) {
        for (Member member : members.values()) {
            if (!member.outbox().offer(line)) {
                tooSlow = add(tooSlow, member);
            }
        }
        return tooSlow;
    }

    /**
     * Members that were too slow leave like any other, with {@code <nick> left!} to the rest; that
     * line may in turn be one too many for another member, which then leaves too, and so on. A loop
     * rather than recursion: each turn removes one member, however long the chain.
     */
    private void drop(List<Member> tooSlow) {
        for (int i = 0; tooSlow != null && i < tooSlow.size(); i++) {
            Member gone = tooSlow.get(i);
            members.remove(gone.key(), gone);
            tooSlow = queueForEveryone(LineWriter.encode(Protocol.left(gone.nick())), tooSlow);
        }
    }

    private static List<Member> add(List<Member> list, Member member) {
        List<Member> result = list == null ? new ArrayList<>() : list;
        result.add(member);
        return result;
    }
}
