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
 * to append lines to the room's {@link Transcript}, never to write them.
 *
 * <p>Each line is encoded once ({@code LineWriter.encode}) and appended once: with 50 members, one
 * message is 50 deliveries but one encoding, one append, and each member's writer reads it from
 * the transcript in its turn.
 */
final class Room {
    private static final byte[] CONNECTED = LineWriter.encode(Protocol.CONNECTED);

    /** What became of a request to join. */
    enum Admission { JOINED, TAKEN, CLOSED }

    /** How often the room looks for members too far behind: each time this much more was said, at most. */
    private static final long MOST_BYTES_BETWEEN_CHECKS = 64 * 1024;

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Member> members = new HashMap<>(); // by Member.key(); guarded by lock
    private final Transcript transcript = new Transcript();     // appended to under lock
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
        // TODO 7: carry over your stage 3 join(), say() and leave(), with these changes. Holding the
        //         lock: a closed room admits nobody (CLOSED); members.putIfAbsent(newcomer.key(), ...)
        //         refuses a taken name (TAKEN). Instead of writing to everyone, take a cursor at the
        //         end of the transcript (transcript.cursorAtEnd()), then append the encoded joined!
        //         line, then newcomer.outbox().joined(cursor, CONNECTED); then dropTooSlow(). Once
        //         the lock is let go of, transcript.wakeWaiting(), and return JOINED.
        //         -- teaches: never block while holding a shared lock. The order of events is the
        //         order of the transcript, appended under the lock, and every member reads it in that
        //         order: every member still sees the same events in the same order. The cursor taken
        //         just before the newcomer's joined! is why that is the first line it reads, and its
        //         welcome comes right after. But appending never waits on a socket, so a member that
        //         stops reading delays nobody.
        throw new Todo("7: join, appending to the transcript instead of writing");
    }

    /** Sends {@code text} to every member, the speaker included, as {@code <nick>: <text>}. */
    void say(Member speaker, String text) {
        // TODO 7 (continued): encode the message before taking the lock (less time holding it).
        //         Holding the lock, append it only if the room is open and the speaker is still the
        //         member under its key (one dropped as too slow may still be sending); then
        //         dropTooSlow(). After the lock, transcript.wakeWaiting().
        throw new Todo("7: say, appending the message to the transcript");
    }

    /** Removes {@code member} and tells those who remain; does nothing if it is not in the room. */
    void leave(Member member) {
        // TODO 7 (continued): holding the lock, members.remove(member.key(), member) (this member, not
        //         another that took the name since); append left! only if it was there and the room
        //         is open (while the server shuts down, nobody is told), then dropTooSlow(). After
        //         the lock, transcript.wakeWaiting().
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

    /**
     * Every so often (each time a little more was said, never more than a quarter of the limit), drops
     * the members that are more than the limit behind: they leave like any other, with
     * {@code <nick> left!} to the rest. Why not check at every line? That would be a step for every
     * member at every line again; a member can only fall further behind when more is said.
     */
    private void dropTooSlow() {
        // TODO 10: return at once if transcript.bytes() is below nextCheck; otherwise set nextCheck
        //          bytesBetweenChecks further on. Then collect the members whose
        //          outbox().closeIfTooSlow() says true, and for each of them: remove it from members
        //          (by key and member) and append Protocol.left(its nick) to the transcript.
        //          -- teaches: a bound needs a policy for when it is passed. Waiting would bring back
        //          seed 004's stall, and skipping lines would break "every event, exactly once"; so
        //          the member goes, with ERROR too slow as its last line (its outbox did that), and
        //          the others are told, as for any departure. Collect first, then remove: changing
        //          a map while looping over it throws ConcurrentModificationException.
        if (transcript.bytes() >= nextCheck) {
            throw new Todo("10: drop the members that are too far behind");
        }
    }
}
