package chatlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import chatlab.client.TerminalText;
import org.junit.jupiter.api.Test;

class TerminalTextTest {

    @Test
    void controlCharactersAreShownInCaretNotation() {
        assertEquals("^[[2J^[]0;owned^G", TerminalText.escape("\u001b[2J\u001b]0;owned\u0007"));
        assertEquals("a^Mb^Ic^?d^@", TerminalText.escape("a\rb\tc\u007fd\u0000"));
    }

    @Test
    void c1ControlsAndDirectionOverridesAreShownByCodePoint() {
        assertEquals("<U+009B>31m", TerminalText.escape("\u009b31m"));
        assertEquals("file<U+202E>gpj.exe", TerminalText.escape("file\u202egpj.exe"));
        assertEquals("<U+2066>x<U+2069>", TerminalText.escape("\u2066x\u2069"));
        assertEquals("<U+D800>!", TerminalText.escape("\ud800!"));
    }

    @Test
    void textOfEveryScriptIsShownAsItIs() {
        String text = "नमस्ते Ünïcödé 你好 \uD83D\uDC69\u200D\uD83D\uDCBB [bye] ^[ not an escape";
        assertSame(text, TerminalText.escape(text));
    }
}
