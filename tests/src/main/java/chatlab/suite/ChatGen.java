package chatlab.suite;

import chatlab.property.Gen;
import chatlab.property.Gen.Weighted;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Generators for what chats are made of: client labels, nicknames and message texts. Each puts
 * its simplest value at choice 0, so that shrunk scenarios read plainly (see {@code Choices}).
 */
public final class ChatGen {
    private ChatGen() {
    }

    /** The clients' labels in reports, in order of first appearance. */
    public static final List<String> LABELS = List.of("ann", "ben", "cat", "dan", "eve", "fay", "gus", "hal");

    /** Nicknames in several scripts that stage 4 accepts too (letters, marks, digits, _ and -). */
    public static final List<String> EXOTIC_NICKNAMES = List.of(
            "Zoë", "Дарья", "李雷", "राम", "नमस्ते", "Ωμέγα", "محمد", "user_42", "x-y", "ÅSA", "ﾃｽﾄ", "Ⅻ");

    /** Message texts that have tripped up chat servers. */
    public static final List<String> TRICKY_TEXTS = List.of(
            "hello", " leading and trailing spaces ", "tab\tinside", "ben: I did not say this",
            "ann joined!", "NICK", "Connected to server!", "[bye] is not at the start", "say [bye]",
            ":-) ; \\o/ | <b>bold</b> & 'quotes' \"double\"", "100% done: 1/2 = 0.5?", "ünïcödé ok",
            "привет всем", "你好，世界", "नमस्ते दुनिया", "emoji 🙂🚀", "مرحبا", "a", "  ", "x".repeat(80));

    /** A nickname for {@code label}: usually the label itself, sometimes a name in another script. */
    public static Gen<String> nicknameFor(String label) {
        return Gen.frequency(List.of(
                new Weighted<>(3, Gen.constant(label)),
                new Weighted<>(1, Gen.elementOf(EXOTIC_NICKNAMES).map(n -> n + "_" + label))));
    }

    /**
     * Message texts of at most {@code maxBytes} UTF-8 bytes, never {@code [bye]} and never holding a
     * line break. Shrinks towards {@code "hello"}.
     */
    public static Gen<String> texts(int maxBytes) {
        return Gen.frequency(List.of(
                new Weighted<>(4, words()),
                new Weighted<>(3, Gen.elementOf(TRICKY_TEXTS)),
                new Weighted<>(1, Gen.constant("")),
                new Weighted<>(1, longText(maxBytes))))
                .map(t -> fit(t, maxBytes));
    }

    /** Short sentences of everyday words. */
    public static Gen<String> words() {
        Gen<String> word = Gen.elementOf("hello", "hi", "how", "are", "you", "ok", "see", "lab", "tcp",
                "socket", "thread", "ça", "va", "ja", "дa", "是");
        return Gen.listOf(word, 1, 6).map(ws -> String.join(" ", ws));
    }

    /** A long line: one unit repeated to a drawn length, up to {@code maxBytes} bytes. */
    public static Gen<String> longText(int maxBytes) {
        Gen<String> unit = Gen.elementOf("x", "é", "ж", "字", "🙂");
        return unit.flatMap(u -> {
            int unitBytes = u.getBytes(StandardCharsets.UTF_8).length;
            int most = maxBytes / unitBytes;
            // Lengths near the limit matter most: half the time exactly as many as fit.
            return Gen.oneOf(Gen.ints(1, most), Gen.constant(most)).map(u::repeat);
        });
    }

    private static String fit(String text, int maxBytes) {
        String t = text;
        while (t.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            t = t.substring(0, t.offsetByCodePoints(0, t.codePointCount(0, t.length()) - 1));
        }
        return t;
    }
}
