package chatlab.client;

import java.io.IOException;

/**
 * One stage's protocol as the client sees it. The socket's reader calls {@link #fromServer}, the
 * keyboard's reader calls {@link #typed} and {@link #leave}: they run on different threads, so
 * implementations guard their state.
 */
interface Conversation {

    /** Called once connected, before either reader starts. */
    void start() throws IOException;

    /** A line the server sent. */
    void fromServer(String line) throws IOException;

    /** A line the user typed (never {@code [bye]}: that is {@link #leave}). */
    void typed(String line) throws IOException;

    /**
     * The user typed {@code [bye]} or ended the keyboard input: say goodbye as the protocol wants and
     * hang up, now or, if lines typed earlier are still waiting to be sent, once they are.
     */
    void leave() throws IOException;
}
