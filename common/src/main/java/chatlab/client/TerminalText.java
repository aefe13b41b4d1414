package chatlab.client;

/**
 * Makes text from the network safe to show on a terminal.
 *
 * <p>Why: a terminal obeys the control characters it prints. A chat line holding {@code ESC [2J}
 * clears every member's screen, and other sequences move the cursor, rewrite earlier lines or set the
 * window title; a right-to-left override makes text read differently from what was sent. So no
 * character that can drive the terminal is printed as it is:
 * <ul>
 *   <li>C0 controls and DEL in caret notation, as terminals echo them: ESC is {@code ^[}, a carriage
 *       return {@code ^M}, a tab {@code ^I}, DEL {@code ^?};</li>
 *   <li>C1 controls (U+0080 to U+009F, which some terminals obey too), the bidirectional overrides
 *       and isolates (U+202A to U+202E, U+2066 to U+2069) and unpaired surrogates as
 *       {@code <U+009B>}.</li>
 * </ul>
 * Everything else, letters and marks of every script included, is shown as it is.
 */
public final class TerminalText {
    private TerminalText() {
    }

    /** {@code text} with every character that could drive a terminal made visible instead. */
    public static String escape(String text) {
        StringBuilder shown = null; // made only once something needs escaping: most lines need none
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int width = Character.charCount(c);
            String escaped = escaped(c);
            if (escaped != null && shown == null) {
                shown = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (shown != null) {
                if (escaped != null) {
                    shown.append(escaped);
                } else {
                    shown.appendCodePoint(c);
                }
            }
            i += width;
        }
        return shown == null ? text : shown.toString();
    }

    private static String escaped(int c) {
        if (c < 0x20) {
            return "^" + (char) (c + '@');
        }
        if (c == 0x7F) {
            return "^?";
        }
        if ((c >= 0x80 && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
                || (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)) {
            return String.format("<U+%04X>", c);
        }
        return null;
    }
}
