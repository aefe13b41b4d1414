package chatlab.protocol;

/**
 * Every fixed text of the ChatLab protocol, in one place, so that solutions, student labs, tests
 * and the grader can never disagree about a single character.
 *
 * <p>The protocol is line-based: UTF-8 text, each line ending in {@code \n}; a trailing {@code \r}
 * is dropped so that telnet works (see {@link LineReader}). Texts come from the seed documents:
 * stages 1 and 2 from the one-to-one chat of seed 000, stages 3 and 4 from the broadcast room of
 * seeds 001 to 004. The room's texts ({@code NICK}, {@code joined!}, {@code left!}) stay as the
 * seeds wrote them; what ChatLab adds is line framing and a server-side {@code nick: } prefix.
 */
public final class Protocol {
    private Protocol() {
    }

    // ---- Stages 1 and 2: the one-to-one chat of seed 000 ---------------------------------------

    /** The default operator name of a stage 1 or 2 server. */
    public static final String DEFAULT_OPERATOR_NAME = "Server";

    /** Printed on the console each time the server is ready to accept a client. */
    public static final String WAITING = "Waiting for incoming connections...";

    /** What either side types to leave the chat. It is never sent as it is. */
    public static final String BYE = "[bye]";

    /** What the server sends when its operator types {@code [bye]}, just before it closes. */
    public static final String SERVER_FAREWELL = "Bye, leaving the chat room!";

    /** What the client sends when its user types {@code [bye]}, just before it closes. */
    public static final String CLIENT_FAREWELL = "Leaving the Chat room";

    /** Console line once a client's name has been answered: {@code <client> has connected.} */
    public static String hasConnected(String clientName) {
        return clientName + " has connected.";
    }

    /** Console line for a line the client sent: {@code <client> > <line>}. */
    public static String clientSaid(String clientName, String line) {
        return clientName + " > " + line;
    }

    // ---- Stages 3 and 4: the broadcast room of seeds 001 to 004 --------------------------------

    /** The server's first line to a new connection: "send me your nickname". */
    public static final String NICK = "NICK";

    /** Sent to the newcomer alone, right after its own {@code joined!}. */
    public static final String CONNECTED = "Connected to server!";

    /** Sent to every member, the newcomer included: {@code <nick> joined!} */
    public static String joined(String nick) {
        return nick + " joined!";
    }

    /** A member's message as every member receives it: {@code <nick>: <text>}. */
    public static String message(String nick, String text) {
        return nick + ": " + text;
    }

    /** Sent to the remaining members when one leaves: {@code <nick> left!} */
    public static String left(String nick) {
        return nick + " left!";
    }

    /** Console line of stages 3 and 4 (for people, not graded). */
    public static String connectedWith(Object address) {
        return "Connected with " + address;
    }

    /** Console line of stages 3 and 4 (for people, not graded). */
    public static String nicknameIs(String nick) {
        return "Nickname is " + nick;
    }

    // ---- Stage 4: the hardened room's errors ----------------------------------------------------

    /** Every error line starts with this word and a space. */
    public static final String ERROR_PREFIX = "ERROR ";

    public static final String ERROR_INVALID_NICKNAME = "ERROR invalid nickname";
    public static final String ERROR_NICKNAME_TAKEN = "ERROR nickname taken";
    public static final String ERROR_NICKNAME_RESERVED = "ERROR nickname reserved";
    public static final String ERROR_NO_NICKNAME = "ERROR no nickname";
    public static final String ERROR_LINE_TOO_LONG = "ERROR line too long";
    public static final String ERROR_INVALID_UTF8 = "ERROR invalid UTF-8";
    public static final String ERROR_TOO_SLOW = "ERROR too slow";
    public static final String ERROR_SHUTTING_DOWN = "ERROR server shutting down";
}
