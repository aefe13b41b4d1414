package chatlab.cli;

import chatlab.client.TerminalText;
import java.io.PrintStream;

/**
 * A print stream that shows every line through {@link TerminalText#escape}: the server operator's
 * console prints what clients sent ({@code Ann > ...}), and a client must not drive the operator's
 * terminal either.
 */
final class EscapingPrintStream extends PrintStream {
    EscapingPrintStream(PrintStream terminal) {
        super(terminal, true, terminal.charset());
    }

    @Override
    public void println(String line) {
        super.println(line == null ? null : TerminalText.escape(line));
    }

    @Override
    public void print(String text) {
        super.print(text == null ? null : TerminalText.escape(text));
    }
}
