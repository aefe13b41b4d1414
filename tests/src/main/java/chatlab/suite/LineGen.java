package chatlab.suite;

import chatlab.property.Choices;
import chatlab.property.Gen;
import chatlab.property.Gen.Weighted;
import chatlab.protocol.Limits;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Generators of the lines stage 4 must guard against, as bytes: lines at the byte limit and over
 * it (in characters of one to four bytes, so that the limit may fall in the middle of one), and
 * byte sequences that are not UTF-8 (cut short, overlong, surrogates, past U+10FFFF, bytes UTF-8
 * never uses).
 */
final class LineGen {
    private LineGen() {
    }

    /** Characters of 1, 2, 3 and 4 bytes in UTF-8. */
    static final List<String> UNITS = List.of("x", "é", "ж", "€", "字", "क", "🙂", "𝒜");

    /**
     * Text of exactly {@code bytes} UTF-8 bytes, made of the given units, finished with ASCII
     * letters where a unit would not fit. Never holds a line break or {@code \r}.
     */
    static Gen<String> textOfBytes(int bytes) {
        return c -> {
            StringBuilder text = new StringBuilder();
            String unit = Gen.elementOf(UNITS).generate(c);
            boolean mixed = c.chance(0.5);
            int left = bytes;
            while (left > 0) {
                String u = mixed ? Gen.elementOf(UNITS).generate(c) : unit;
                int size = u.getBytes(StandardCharsets.UTF_8).length;
                if (size > left) {
                    u = "x";
                    size = 1;
                }
                text.append(u);
                left -= size;
            }
            return text.toString();
        };
    }

    /** Text of {@code minBytes} to {@code maxBytes} UTF-8 bytes (see {@link #textOfBytes}). */
    static Gen<String> longText(int minBytes, int maxBytes) {
        return c -> {
            int bytes = c.between(minBytes, maxBytes);
            return textOfBytes(bytes).generate(c);
        };
    }

    /** Content lengths over the limit: most often the very first byte too many. */
    static Gen<Integer> overLimit() {
        return Gen.frequency(List.of(
                new Weighted<>(3, Gen.constant(Limits.MAX_LINE_BYTES + 1)),
                new Weighted<>(2, Gen.ints(Limits.MAX_LINE_BYTES + 2, Limits.MAX_LINE_BYTES + 8)),
                new Weighted<>(2, Gen.ints(Limits.MAX_LINE_BYTES + 9, 3 * Limits.MAX_LINE_BYTES))));
    }

    /** The kinds of broken UTF-8. */
    enum Broken {
        LONE_CONTINUATION, CUT_SHORT, OVERLONG, SURROGATE, PAST_U10FFFF, NEVER_USED_BYTE, CUT_AT_LINE_END
    }

    /** A short sequence of bytes that is not UTF-8, on its own or inside valid text. */
    static Gen<byte[]> invalidUtf8() {
        return c -> {
            Broken kind = Gen.elementOf(Broken.values()).generate(c);
            byte[] bad = broken(kind, c);
            String before = c.chance(0.7) ? ChatGen.words().generate(c) : "";
            String after = kind == Broken.CUT_AT_LINE_END || c.chance(0.5) ? "" : " " + ChatGen.words().generate(c);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
            out.writeBytes(bad);
            out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
            byte[] line = out.toByteArray();
            if (HardenedStep.strictUtf8(line) != null) {
                throw new IllegalStateException("generated valid UTF-8 by mistake: " + HardenedStep.showBytes(line));
            }
            return line;
        };
    }

    private static byte[] broken(Broken kind, Choices c) {
        return switch (kind) {
            // A continuation byte with no lead byte before it.
            case LONE_CONTINUATION -> bytes(c.between(0x80, 0xBF));
            // A lead byte of 2, 3 or 4 bytes followed by too few continuation bytes, then an ASCII letter.
            case CUT_SHORT -> switch (c.between(0, 2)) {
                case 0 -> bytes(c.between(0xC2, 0xDF), 'a');
                case 1 -> bytes(0xE1, c.between(0x80, 0xBF), 'a');
                default -> bytes(0xF0, c.between(0x90, 0xBF), c.between(0x80, 0xBF), 'a');
            };
            // A character spelt with more bytes than it needs: '/' as C0 AF, E0 80 AF or F0 80 80 AF.
            case OVERLONG -> switch (c.between(0, 2)) {
                case 0 -> bytes(c.between(0xC0, 0xC1), c.between(0x80, 0xBF));
                case 1 -> bytes(0xE0, c.between(0x80, 0x9F), c.between(0x80, 0xBF));
                default -> bytes(0xF0, c.between(0x80, 0x8F), c.between(0x80, 0xBF), c.between(0x80, 0xBF));
            };
            // U+D800 to U+DFFF are UTF-16's surrogates, never characters: ED A0..BF xx.
            case SURROGATE -> bytes(0xED, c.between(0xA0, 0xBF), c.between(0x80, 0xBF));
            // Above U+10FFFF: F4 90.. or F5 and up.
            case PAST_U10FFFF -> c.chance(0.5)
                    ? bytes(0xF4, c.between(0x90, 0xBF), c.between(0x80, 0xBF), c.between(0x80, 0xBF))
                    : bytes(c.between(0xF5, 0xF7), c.between(0x80, 0xBF), c.between(0x80, 0xBF), c.between(0x80, 0xBF));
            // Bytes that never appear in UTF-8.
            case NEVER_USED_BYTE -> bytes(c.between(0xF8, 0xFF));
            // A multi-byte character whose last bytes never come: the line ends first.
            case CUT_AT_LINE_END -> switch (c.between(0, 2)) {
                case 0 -> bytes(0xC3);
                case 1 -> bytes(0xE2, 0x82);
                default -> bytes(0xF0, 0x9F, 0x99);
            };
        };
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
