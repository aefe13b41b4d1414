package chatlab.protocol;

import static chatlab.protocol.Nicknames.Verdict.INVALID;
import static chatlab.protocol.Nicknames.Verdict.RESERVED;
import static chatlab.protocol.Nicknames.Verdict.VALID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NicknamesTest {

    /** What a server does with the line a client sent as its nickname. */
    private static Nicknames.Verdict verdict(String raw) {
        return Nicknames.check(Nicknames.normalize(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ana", "a", "ana_b-2", "___", "-", "42", "Даша", "Ελένη", "李小龙", "たなか", "김민준",
            "नमस्ते", "क्षत्रिय", "देवनागरी", "Zoë", "José", "مريم", "עברית", "ʻOkina", "٣٤", "१२३"})
    void namesInAnyScriptAreValid(String nick) {
        assertEquals(VALID, verdict(nick), nick);
    }

    @Test
    void devanagariNeedsItsCombiningMarks() {
        // नमस्ते: न म स ् त े; the virama U+094D and the vowel sign U+0947 are marks, not letters.
        String namaste = "\u0928\u092E\u0938\u094D\u0924\u0947";
        assertEquals(Character.NON_SPACING_MARK, Character.getType(0x094D));
        assertEquals(VALID, verdict(namaste));
        // क्षत्रिय holds a spacing vowel sign (U+093F, category Mc).
        assertEquals(VALID, verdict("\u0915\u094D\u0937\u0924\u094D\u0930\u093F\u092F"));
    }

    @Test
    void decomposedAndComposedSpellingsAreOneNickname() {
        String composed = "Jos\u00E9";      // é as one code point
        String decomposed = "Jose\u0301";   // e + combining acute accent

        assertNotEquals(composed, decomposed);
        assertEquals(composed, Nicknames.normalize(decomposed));
        assertEquals(Nicknames.key(Nicknames.normalize(composed)), Nicknames.key(Nicknames.normalize(decomposed)));
        assertEquals(VALID, verdict(decomposed));
    }

    @Test
    void normalizeKeepsAnAlreadyNormalisedName() {
        assertEquals("Даша", Nicknames.normalize("Даша"));
        assertEquals("नमस्ते", Nicknames.normalize("नमस्ते"));
    }

    @Test
    void atMost24CodePoints() {
        assertEquals(VALID, verdict("a".repeat(24)));
        assertEquals(INVALID, verdict("a".repeat(25)));
        assertEquals(24, Nicknames.MAX_CODE_POINTS);
    }

    @Test
    void lengthCountsCodePointsNotJavaChars() {
        // U+1D400 MATHEMATICAL BOLD CAPITAL A is a letter outside the BMP: 2 chars, 1 code point.
        String boldA = "\uD835\uDC00";
        assertEquals(Character.UPPERCASE_LETTER, Character.getType(boldA.codePointAt(0)));
        assertEquals(VALID, verdict(boldA.repeat(24)));   // 48 chars
        assertEquals(INVALID, verdict(boldA.repeat(25)));
        // CJK Extension B letters, also outside the BMP.
        assertEquals(VALID, verdict("\uD840\uDC00".repeat(24)));
        assertEquals(INVALID, verdict("\uD840\uDC00".repeat(25)));
    }

    @Test
    void lengthIsCountedAfterNormalisation() {
        // 24 decomposed é are 48 code points as typed, 24 once composed.
        assertEquals(VALID, verdict("e\u0301".repeat(24)));
        assertEquals(INVALID, verdict("e\u0301".repeat(25)));
        // x + acute has no composed form: both code points count.
        assertEquals(VALID, verdict("x\u0301".repeat(12)));
        assertEquals(INVALID, verdict("x\u0301".repeat(12) + "x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "Ana Maria", " Ana", "Ana ", "a.b", "a!", "a:b", "a/b", "a@b", "a#b", "a,b",
            "a'b", "a\"b", "a+b", "a=b", "(ana)", "a\tb", "a\nb", "a\rb", "a\u0000b", "a\u001Bb", "a\u007Fb",
            "a\u00A0b", "a\u200Bb", "a\u202Eb", "ana😀", "😀", "ana❤", "½", "Ⅻ", "a\uD800", "\uDC00b", "$", "€"})
    void punctuationSpacesControlsSymbolsAndEmojiAreInvalid(String nick) {
        assertEquals(INVALID, verdict(nick), () -> "nickname " + nick.codePoints()
                .mapToObj(c -> String.format("U+%04X", c)).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"NICK", "nick", "Nick", "nIcK", "ERROR", "error", "Error", "eRrOr"})
    void protocolWordsAreReservedInAnyCase(String nick) {
        assertEquals(RESERVED, verdict(nick));
    }

    @ParameterizedTest
    @ValueSource(strings = {"NICK1", "nicks", "Nick_", "ERRORS", "error-", "NIC", "ERR", "Connected"})
    void namesThatMerelyResembleProtocolWordsAreValid(String nick) {
        assertEquals(VALID, verdict(nick));
    }

    @Test
    void keyIgnoresCase() {
        assertEquals(Nicknames.key("Ana"), Nicknames.key("ANA"));
        assertEquals(Nicknames.key("Ana"), Nicknames.key("ana"));
        assertEquals(Nicknames.key("Даша"), Nicknames.key("ДАША"));
        assertEquals(Nicknames.key("Élodie"), Nicknames.key("éLODIE"));
        assertEquals(Nicknames.key("Ελένη"), Nicknames.key("ΕΛΈΝΗ"));
        assertNotEquals(Nicknames.key("Ana"), Nicknames.key("Anna"));
    }

    @Test
    void keyAndReservedWordsDoNotDependOnTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            // In Turkish, "I".toLowerCase() is dotless "ı": "NICK" would not look like "nick".
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            assertEquals("nick", Nicknames.key("NICK"));
            assertEquals(RESERVED, verdict("NICK"));
            assertEquals(Nicknames.key("IRMAK"), Nicknames.key("irmak"));
            assertEquals(Nicknames.key("Ana"), Nicknames.key("ANA"));
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void turkishDottedAndDotlessIAreLetters() {
        assertEquals(VALID, verdict("İrmak"));
        assertEquals(VALID, verdict("ılık"));
        // Lower case of "İ" (U+0130) is i + combining dot above: not the plain "nick".
        assertEquals(VALID, verdict("N\u0130CK"));
    }
}
