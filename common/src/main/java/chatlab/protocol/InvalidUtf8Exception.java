package chatlab.protocol;

import java.io.IOException;

/**
 * A whole line arrived, but its bytes are not valid UTF-8. The line has been consumed, so the
 * reader can go on with the next one: the connection stays usable.
 */
public final class InvalidUtf8Exception extends IOException {
    private static final long serialVersionUID = 1L;

    public InvalidUtf8Exception() {
        super("line is not valid UTF-8");
    }
}
