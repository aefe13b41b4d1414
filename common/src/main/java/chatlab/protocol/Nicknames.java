package chatlab.protocol;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The hardened room's nickname rules (stage 4), shared by the solution, the tests and the grader.
 *
 * <p>A nickname is valid when, after NFC normalisation, it holds 1 to 24 code points, each a
 * Unicode letter, mark or decimal digit, {@code _} or {@code -}. Marks are allowed so that names
 * in any script work: Devanagari's vowel signs, for instance, are combining marks. {@code NICK} and
 * {@code ERROR} are reserved in any case, since a client could not tell them from protocol lines.
 * Two nicknames are the same when their {@link #key}s are: "Ana" and "ANA" cannot both be in a room.
 */
public final class Nicknames {
    /** The most code points a nickname may hold. */
    public static final int MAX_CODE_POINTS = 24;

    private Nicknames() {
    }

    /** What the rules say of a proposed nickname. */
    public enum Verdict {
        VALID, INVALID, RESERVED
    }

    /** The form a nickname is kept and shown in: NFC, so that one name has one spelling. */
    public static String normalize(String raw) {
        return Normalizer.normalize(raw, Normalizer.Form.NFC);
    }

    /** Checks a nickname that is already {@linkplain #normalize normalised}. */
    public static Verdict check(String nick) {
        int count = nick.codePointCount(0, nick.length());
        if (count < 1 || count > MAX_CODE_POINTS || !nick.codePoints().allMatch(Nicknames::allowed)) {
            return Verdict.INVALID;
        }
        String key = key(nick);
        if (key.equals("nick") || key.equals("error")) {
            return Verdict.RESERVED;
        }
        return Verdict.VALID;
    }

    /** Two nicknames clash when their keys are equal: case is ignored, in a locale-neutral way. */
    public static String key(String nick) {
        return nick.toLowerCase(Locale.ROOT);
    }

    private static boolean allowed(int codePoint) {
        if (codePoint == '_' || codePoint == '-') {
            return true;
        }
        return switch (Character.getType(codePoint)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER,
                 Character.NON_SPACING_MARK, Character.COMBINING_SPACING_MARK, Character.ENCLOSING_MARK,
                 Character.DECIMAL_DIGIT_NUMBER -> true;
            default -> false;
        };
    }
}
