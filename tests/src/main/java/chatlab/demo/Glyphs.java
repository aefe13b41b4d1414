package chatlab.demo;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The marks a terminal timeline is drawn with: box-drawing characters where the terminal takes
 * UTF-8, plain ASCII elsewhere (a Windows console on an old code page, a log file).
 */
record Glyphs(char served, char waiting, char left, char reset, char gaveUp, char axis, char tick, String conclusion,
              String warning) {
    static final Glyphs UNICODE = new Glyphs('━', '┄', '┃', '✕', '?', '─', '┼', "⇒", "!");
    static final Glyphs ASCII = new Glyphs('=', '.', '|', 'x', '?', '-', '+', "=>", "!");

    /** The marks that {@code charset} can show. */
    static Glyphs forCharset(Charset charset) {
        return charset.equals(StandardCharsets.UTF_8) || charset.name().startsWith("UTF-") ? UNICODE : ASCII;
    }

    /** The legend line. */
    String legend() {
        return "" + served + served + " served (answered, chatting)   " + waiting + waiting + " connected, no answer yet   "
                + left + " left   " + reset + " reset or refused   " + gaveUp + " gave up waiting";
    }
}
