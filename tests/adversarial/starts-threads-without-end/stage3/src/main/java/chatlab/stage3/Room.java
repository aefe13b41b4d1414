package chatlab.stage3;

import chatlab.protocol.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The chat room: who is in it, and every event (a join, a message, a leave) sent to its members.
 *
 * <p>One lock guards the member list and is held while an event is sent to all. Why hold it while
 * sending? So that events go out one at a time, each to every member before the next starts: every
 * member then sees the room's events in the same order, and a newcomer's own {@code joined!} and
 * {@code Connected to server!} arrive with nothing between them. Without it, two members speaking at
 * once could reach Ana in one order and Ben in the other (seed 001 broadcasts from many threads at
 * once, with no lock: it loses and reorders lines).
 *
 * <p>The price is seed 004's: sending to a member that has stopped reading blocks once its socket
 * buffers are full, with the lock held, and from then on nobody else hears anything. Stage 4 keeps
 * the one order but takes the writing out of the lock.
 *
 * <p>The lock is a {@link ReentrantLock} rather than {@code synchronized}: on Java 21 a virtual
 * thread that blocks (here, in a socket write) inside {@code synchronized} pins its carrier thread.
 */
final class Room {
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Member> members = new ArrayList<>(); // guarded by lock

    /** Adds {@code newcomer}: {@code <nick> joined!} to all, newcomer included, then its welcome. */
    void join(Member newcomer) {
        lock.lock();
        try {
            members.add(newcomer);
            broadcast(Protocol.joined(newcomer.nick()));
            newcomer.send(Protocol.CONNECTED); // still under the lock: no other event can come between
        } finally {
            lock.unlock();
        }
    }

    /** Sends {@code text} to every member, the speaker included, as {@code <nick>: <text>}. */
    void say(Member speaker, String text) {
        lock.lock();
        try {
            // The server adds the prefix, from the nickname the connection chose: a client that
            // types "ben: hi" is still shown as itself (the seeds' clients prefixed their own lines,
            // so anyone could speak under another's name).
            broadcast(Protocol.message(speaker.nick(), text));
        } finally {
            lock.unlock();
        }
    }

    /** Removes {@code member} and tells those who remain; does nothing if it is not in the room. */
    void leave(Member member) {
        lock.lock();
        try {
            // Removed by identity (Member keeps Object's equals): this member, not another one with
            // the same nickname. Seed 001 kept sockets and nicknames in two parallel lists and removed
            // by index, which breaks as soon as the lists fall out of step; here each member carries
            // its own nickname, so there is nothing to keep in step.
            if (members.remove(member)) {
                broadcast(Protocol.left(member.nick()));
            }
        } finally {
            lock.unlock();
        }
    }

    private void broadcast(String line) {
        for (Member member : members) {
            member.send(line);
        }
    }
}
