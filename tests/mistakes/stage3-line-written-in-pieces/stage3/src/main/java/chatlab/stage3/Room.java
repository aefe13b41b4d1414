package chatlab.stage3;

import chatlab.protocol.Protocol;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The chat room: who is in it, and every event (a join, a message, a leave) sent to its members.
 *
 * <p>The members are in a {@link CopyOnWriteArrayList}, which is safe to go through while other
 * threads add and remove: each connection's thread can broadcast on its own, without waiting for
 * the others.
 */
final class Room {
    // Thread-safe: members can be added and removed while another thread goes through the list,
    // so the room needs no lock of its own.
    private final List<Member> members = new CopyOnWriteArrayList<>();

    /** Adds {@code newcomer}: {@code <nick> joined!} to all, newcomer included, then its welcome. */
    void join(Member newcomer) {
        members.add(newcomer);
        broadcast(Protocol.joined(newcomer.nick()));
        newcomer.send(Protocol.CONNECTED);
    }

    /** Sends {@code text} to every member, the speaker included, as {@code <nick>: <text>}. */
    void say(Member speaker, String text) {
        // The server adds the prefix, from the nickname the connection chose: a client that
        // types "ben: hi" is still shown as itself (the seeds' clients prefixed their own lines,
        // so anyone could speak under another's name).
        broadcast(Protocol.message(speaker.nick(), text));
    }

    /** Removes {@code member} and tells those who remain; does nothing if it is not in the room. */
    void leave(Member member) {
        // Removed by identity (Member keeps Object's equals): this member, not another one with
        // the same nickname.
        if (members.remove(member)) {
            broadcast(Protocol.left(member.nick()));
        }
    }

    private void broadcast(String line) {
        for (Member member : members) {
            member.send(line);
        }
    }
}
