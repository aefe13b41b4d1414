package chatlab.stage4;

import chatlab.protocol.LineWriter;
import chatlab.protocol.Protocol;
import chatlab.stage.Todo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The hardened chat room: stage 3's room, with unique nicknames, and with a lock that is held only
 * to queue lines, never to write them.
 *
 * <p>Each line is encoded once ({@code LineWriter.encode}), to bytes shared by every outbox it goes
 * into: with 50 members, one message is 50 deliveries but one encoding and no copy.
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
        // TODO 7: carry over your stage 3 join(), say() and leave(), with these changes. Holding the
        //         lock: a closed room admits nobody (CLOSED); members.putIfAbsent(newcomer.key(), ...)
        //         refuses a taken name (TAKEN). Instead of writing, queue the encoded line for every
        //         member with queueForEveryone, and offer CONNECTED to the newcomer's outbox. Collect
        //         the members that were too slow (an offer that returns false, see add()) and hand
        //         them to drop().
        //         -- teaches: never block while holding a shared lock. The order of events is the
        //         order in which they are queued, under the lock, and each outbox keeps that order:
        //         every member still sees the same events in the same order. But queueing never waits
        //         on a socket, so a member that stops reading delays nobody.
        throw new Todo("7: join, queueing lines instead of writing them");
    }

    /** Sends {@code text} to every member, the speaker included, as {@code <nick>: <text>}. */
    void say(Member speaker, String text) {
        // TODO 7 (continued): encode the message before taking the lock (less time holding it).
        //         Holding the lock, queue it for everyone only if the room is open and the speaker is
        //         still the member under its key: one dropped as too slow may still be sending.
        throw new Todo("7: say, queueing the message for every member");
    }

    /** Removes {@code member} and tells those who remain; does nothing if it is not in the room. */
    void leave(Member member) {
        // TODO 7 (continued): holding the lock, members.remove(member.key(), member) (this member, not
        //         another that took the name since); announce left! only if it was there and the room
        //         is open: while the server shuts down, nobody is told.
        throw new Todo("7: leave, announced unless the server is shutting down");
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
        // TODO 7 (continued): offer the line to every member's outbox; add() each one whose offer
        //         returns false to tooSlow, and return it.
        throw new Todo("7: queue a line for every member");
    }

    /** Members that were too slow leave like any other, with {@code <nick> left!} to the rest. */
    private void drop(List<Member> tooSlow) {
        // TODO 10: for each member of tooSlow (it may be null: nobody), in a loop by index: remove it
        //          from members (by key and member), and queue Protocol.left(its nick) for everyone,
        //          passing tooSlow along, so that members that this very line makes too slow are
        //          added to the end of the list and dropped in turn.
        //          -- teaches: a bounded queue needs a policy for when it is full. Waiting would bring
        //          back seed 004's stall, and dropping lines would break "every event, exactly once";
        //          so the member goes, with ERROR too slow as its last line (its outbox did that),
        //          and the others are told, as for any departure. A loop, not recursion: each turn
        //          removes one member, however long the chain.
        if (tooSlow != null) {
            throw new Todo("10: drop the members that are too slow");
        }
    }

    private static List<Member> add(List<Member> list, Member member) {
        List<Member> result = list == null ? new ArrayList<>() : list;
        result.add(member);
        return result;
    }
}
