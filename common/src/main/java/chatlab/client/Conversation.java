package chatlab.client;

import java.io.IOException;

/**
 * One stage's protocol as the client sees it. The socket's reader calls {@link #fromServer}, the
 * keyboard's reader calls {@link #typed}: the two run on different threads, so implementations
 * guard their state.
 */
interface Conversation {

    /** Called once connected, before either reader starts. */
    void start() throws IOException;

    /** A line the server sent. */
    void fromServer(String line) throws IOException;

    /**
     * A line the user typed ({@code [bye]} at the end of keyboard input).
     *
     * @return whether the user is still in the chat; false: the client closes the connection
     */
    boolean typed(String line) throws IOException;
}
