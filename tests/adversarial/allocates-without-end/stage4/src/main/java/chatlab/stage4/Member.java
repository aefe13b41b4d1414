package chatlab.stage4;

import chatlab.protocol.Nicknames;

/**
 * A client in the room: its nickname (normalised), the key that makes it unique ignoring case, and
 * its outbox. Two members are equal only if they share an outbox, that is, a connection.
 */
record Member(String nick, String key, Outbox outbox) {

    static Member named(String nick, Outbox outbox) {
        return new Member(nick, Nicknames.key(nick), outbox);
    }
}
