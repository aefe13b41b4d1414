package chatlab.protocol;

import java.io.IOException;

/**
 * A line grew past the limit before its {@code \n} arrived. Thrown as soon as the first byte over
 * the limit is read, without waiting for the rest of the line: a client that never sends a newline
 * cannot make the server buffer without end. The stream is then out of step: close the connection.
 */
public final class LineTooLongException extends IOException {
    private static final long serialVersionUID = 1L;

    public LineTooLongException(int maxLineBytes) {
        super("line longer than " + maxLineBytes + " bytes");
    }
}
