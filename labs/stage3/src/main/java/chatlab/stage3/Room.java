package chatlab.stage3;

import chatlab.protocol.Protocol;
import chatlab.stage.Todo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The chat room: who is in it, and every event (a join, a message, a leave) sent to its members.
 * Every method takes the lock around all it does, sending included (see TODO 4 for why).
 *
 * <p>The lock is a {@link ReentrantLock} rather than {@code synchronized}: on Java 21 a virtual
 * thread that blocks (here, in a socket write) inside {@code synchronized} pins its carrier thread.
 * Use it as {@code lock.lock(); try { ... } finally { lock.unlock(); }}.
 */
final class Room {
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Member> members = new ArrayList<>(); // guarded by lock

    /** Adds {@code newcomer}: {@code <nick> joined!} to all, newcomer included, then its welcome. */
    void join(Member newcomer) {
        // TODO 4: holding the lock: add the newcomer to members, broadcast Protocol.joined(nick) to
        //         every member (write broadcast() below), then send Protocol.CONNECTED to the
        //         newcomer alone, still holding the lock.
        //         -- teaches: one lock, one order. While the lock is held, one event goes to every
        //         member before the next event starts: so all members see the room's events in the
        //         same order, and nothing can come between a newcomer's joined! and its welcome.
        //         (Seed 001 broadcasts from many threads at once with no lock: lines get lost and
        //         reordered.) The price: sending under the lock waits for the slowest member. Seed
        //         004 has the same flaw: one member that stops reading stalls the room. Stage 4
        //         fixes it; keep it simple here.
        throw new Todo("4: join the room: joined! to all, then the welcome");
    }

    /** Sends {@code text} to every member, the speaker included, as {@code <nick>: <text>}. */
    void say(Member speaker, String text) {
        // TODO 6: holding the lock, broadcast Protocol.message(speaker.nick(), text).
        //         -- teaches: the server adds the prefix, from the nickname the connection chose, so
        //         a client that types "ben: hi" is still shown as itself. In the seeds the clients
        //         prefix their own lines: anyone can speak under another's name.
        throw new Todo("6: broadcast a member's message with its prefix");
    }

    /** Removes {@code member} and tells those who remain; does nothing if it is not in the room. */
    void leave(Member member) {
        // TODO 7: holding the lock, remove the member from members; if it was there (remove returns
        //         true), broadcast Protocol.left(member.nick()) to those who remain.
        //         -- teaches: remove by identity. Seed 001 keeps sockets and nicknames in two parallel
        //         lists and removes by index, which breaks once the lists fall out of step. Here a
        //         member carries its own nickname, and remove(member) finds this very object (Member
        //         has no equals: two members named "ana" are still two).
        throw new Todo("7: leave the room: left! to the others");
    }

    private void broadcast(String line) {
        // TODO 4 (continued): send the line to every member (member.send). The caller holds the lock.
        throw new Todo("4: broadcast a line to every member");
    }
}
