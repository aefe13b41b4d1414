package chatlab.suite;

import chatlab.property.Choices;
import chatlab.property.Gen;
import chatlab.property.Gen.Weighted;
import chatlab.protocol.Nicknames;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Generators of stage 4 nicknames, valid or not, in many scripts: the raw texts a client sends
 * after {@code NICK}. Whether the room takes one is decided by {@link HardenedRoomOracle} with the
 * shared rules of {@link Nicknames}; these only aim at the interesting cases (the 24-character
 * edge, combining marks, case pairs outside ASCII, spellings that NFC changes).
 */
final class NicknameGen {
    private NicknameGen() {
    }

    /** An alphabet: the code points a name in one script is made of. */
    record Script(String name, int[] letters, int[] marks, boolean cased) {
        static Script of(String name, String letters, String marks, boolean cased) {
            return new Script(name, letters.codePoints().toArray(), marks.codePoints().toArray(), cased);
        }

        static Script range(String name, int first, int last, boolean cased) {
            int[] letters = new int[last - first + 1];
            for (int i = 0; i < letters.length; i++) {
                letters[i] = first + i;
            }
            return new Script(name, letters, new int[0], cased);
        }
    }

    /** Scripts with upper and lower case: the ones where "taken ignoring case" has something to catch. */
    static final List<Script> CASED = List.of(
            Script.of("Latin", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", "", true),
            Script.of("Latin with accents", "áéíóúàèìòùâêîôûäëïöüÿçñåøæœðþÁÉÍÓÚÀÈÌÒÙÂÊÎÔÛÄËÏÖÜÇÑÅØÆŒÐÞ", "", true),
            Script.of("Greek", "αβγδεζηθικλμνξοπρστυφχψωάέήίόύώΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩΆΈΉΊΌΎΏ", "", true),
            Script.of("Cyrillic", "абвгдежзийклмнопрстуфхцчшщъыьэюяёАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЭЮЯЁ", "", true),
            Script.of("Armenian", "աբգդեզէըթժիլխծկհձղճմյնշոչպջռսվտրցւփքօֆԱԲԳԴԵԶԷԸԹԺԻԼԽԾԿՀՁՂՃՄՅՆՇՈՉՊՋՌՍՎՏՐՑՒՓՔՕՖ", "", true),
            Script.range("Deseret (outside the BMP)", 0x10400, 0x1044F, true),
            Script.range("Adlam (outside the BMP)", 0x1E900, 0x1E943, true));

    /** Scripts without case, some with combining marks (Devanagari's vowel signs, Thai's tone marks). */
    static final List<Script> UNCASED = List.of(
            Script.of("Devanagari", "कखगघङचछजझञटठडढणतथदधनपफबभमयरलवशषसह०१२३४५६७८९", "ािीुूृेैोौंँः्", false),
            Script.of("Thai", "กขคงจฉชซญดตถทนบปผพฟภมยรลวสหอฮ๐๑๒๓", "ัิีึืุู่้๊๋็์", false),
            Script.of("Han", "李王张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗雷明伟芳娜静", "", false),
            Script.of("Hangul", "가나다라마바사아자차카타파하민수지영준", "", false),
            Script.of("Kana", "あいうえおかきくけこさしすせそアイウエオカキクケコサシスセソー", "", false),
            Script.of("Arabic", "ابتثجحخدذرسشصضطظعغفقكلمنهوي٠١٢٣٤٥٦٧٨٩", "", false),
            Script.of("Hebrew", "אבגדהוזחטיכלמנסעפצקרשת", "", false),
            Script.of("Tamil", "கஙசஞடணதநபமயரலவழளறன", "ாிீுூெேைொோௌ்", false),
            Script.of("Han outside the BMP", "𠀀𠀁𠀂𠀃𠀄𠀅𠀆𠀇", "", false),
            Script.of("Mathematical letters outside the BMP", "𝒜𝒞𝒟𝒢𝒥𝒦𝒩𝒪𝒫𝒬𝒮𝒯", "", false));

    /** Every script. */
    static final List<Script> ALL = concat(CASED, UNCASED);

    /** Characters no nickname may hold: spaces, punctuation, symbols, emoji, controls, format characters. */
    static final List<String> FORBIDDEN = List.of(" ", ".", ",", "!", "?", ":", ";", "@", "#", "'", "\"", "/", "\\",
            "(", ")", "[", "]", "*", "+", "=", "~", "$", "€", "\t", "\u0000", "\u0001", "\u001b", "\u007f", "\u0085",
            "\u00a0", "\u2003", "\u200b", "\u200d", "\u00ad", "\u2028", "😀", "🙂", "❤", "½", "²", "Ⅻ", "①", "\r");

    static {
        for (Script script : ALL) {
            for (int cp : script.letters()) {
                check(script, cp, Nicknames.Verdict.VALID);
            }
            for (int cp : script.marks()) {
                check(script, cp, Nicknames.Verdict.VALID);
            }
        }
        for (String bad : FORBIDDEN) {
            if (Nicknames.check("a" + bad + "b") != Nicknames.Verdict.INVALID) {
                throw new IllegalStateException("not forbidden: U+" + Integer.toHexString(bad.codePointAt(0)));
            }
        }
    }

    private static void check(Script script, int cp, Nicknames.Verdict verdict) {
        String one = new String(Character.toChars(cp));
        if (Nicknames.check(one) != verdict || !Nicknames.normalize(one).equals(one)) {
            throw new IllegalStateException(script.name() + " holds U+" + Integer.toHexString(cp) + ", not " + verdict);
        }
    }

    /**
     * A name of exactly {@code length} code points in {@code script}: letters, each now and then
     * followed by one of the script's marks, and sometimes a '_', '-' or ASCII digit in between.
     */
    static Gen<String> name(Script script, int length) {
        return c -> {
            StringBuilder name = new StringBuilder();
            int count = 0;
            while (count < length) {
                int left = length - count;
                if (count > 0 && left > 1 && c.chance(0.08)) {
                    name.append("_-0123456789".charAt(c.between(0, 11)));
                    count++;
                    continue;
                }
                name.appendCodePoint(script.letters()[c.between(0, script.letters().length - 1)]);
                count++;
                if (script.marks().length > 0 && count < length && c.chance(0.4)) {
                    name.appendCodePoint(script.marks()[c.between(0, script.marks().length - 1)]);
                    count++;
                }
            }
            return name.toString();
        };
    }

    /** A length from 1 to 24, the edges (1 and 24) often. */
    static Gen<Integer> validLength() {
        return Gen.frequency(List.of(
                new Weighted<>(4, Gen.ints(2, 8)),
                new Weighted<>(2, Gen.constant(Nicknames.MAX_CODE_POINTS)),
                new Weighted<>(1, Gen.constant(1)),
                new Weighted<>(2, Gen.ints(9, Nicknames.MAX_CODE_POINTS - 1))));
    }

    /** A valid nickname in any script, any valid length; shrinks towards short Latin names. */
    static Gen<String> valid() {
        return fromScripts(ALL, validLength());
    }

    /** A valid nickname in a script with case. */
    static Gen<String> validCased() {
        return fromScripts(CASED, validLength()).filter(n -> !n.toUpperCase(Locale.ROOT).equals(n.toLowerCase(Locale.ROOT)));
    }

    private static Gen<String> fromScripts(List<Script> scripts, Gen<Integer> lengths) {
        return c -> {
            Script script = scripts.get(c.between(0, scripts.size() - 1));
            return name(script, lengths.generate(c)).generate(c);
        };
    }

    /** The ways a nickname is broken. */
    enum Broken { EMPTY, TOO_LONG, FORBIDDEN_CHARACTER, LEADING_OR_TRAILING_SPACE }

    /** An invalid nickname: empty, 25 characters or more, or holding a character no nickname may hold. */
    static Gen<String> invalid() {
        return c -> switch (Gen.elementOf(Broken.values()).generate(c)) {
            case EMPTY -> "";
            case TOO_LONG -> fromScripts(ALL, Gen.frequency(List.of(
                    new Weighted<>(3, Gen.constant(Nicknames.MAX_CODE_POINTS + 1)),
                    new Weighted<>(1, Gen.ints(Nicknames.MAX_CODE_POINTS + 2, 40))))).generate(c);
            case FORBIDDEN_CHARACTER -> {
                String name = fromScripts(ALL, Gen.ints(1, Nicknames.MAX_CODE_POINTS - 1)).generate(c);
                String bad = Gen.elementOf(FORBIDDEN).generate(c);
                int at = c.between(0, name.codePointCount(0, name.length()));
                int index = name.offsetByCodePoints(0, at);
                String result = name.substring(0, index) + bad + name.substring(index);
                // A '\r' at the very end is the one the server drops before '\n': not a broken name.
                yield result.endsWith("\r") ? bad + name : result;
            }
            case LEADING_OR_TRAILING_SPACE -> {
                String name = valid().generate(c);
                yield c.chance(0.5) ? " " + name : name + " ";
            }
        };
    }

    /** NICK or ERROR, each letter in either case. */
    static Gen<String> reserved() {
        return c -> {
            String word = c.chance(0.5) ? "ERROR" : "NICK";
            StringBuilder out = new StringBuilder();
            for (char ch : word.toCharArray()) {
                out.append(c.chance(0.5) ? Character.toLowerCase(ch) : ch);
            }
            return out.toString();
        };
    }

    /**
     * Spellings of {@code nick} that differ from it but are the same nickname ignoring case, as
     * {@link Nicknames#key} sees it (after normalisation). May be empty for a name without case.
     */
    static List<String> caseVariants(String nick) {
        List<String> variants = new ArrayList<>();
        for (String v : List.of(nick.toUpperCase(Locale.ROOT), nick.toLowerCase(Locale.ROOT), swapCase(nick),
                capitalised(nick))) {
            String normalised = Nicknames.normalize(v);
            if (!normalised.equals(nick) && Nicknames.key(normalised).equals(Nicknames.key(nick))
                    && Nicknames.check(normalised) == Nicknames.Verdict.VALID && !variants.contains(v)) {
                variants.add(v);
            }
        }
        return variants;
    }

    /** A spelling of {@code nick} that NFC turns back into it: accents apart, or compatibility letters. */
    static String unnormalised(String nick) {
        String decomposed = Normalizer.normalize(nick, Normalizer.Form.NFD);
        // K, Ω and Å have compatibility twins (KELVIN SIGN, OHM SIGN, ANGSTROM SIGN) that NFC maps back.
        return decomposed.replace("K", "\u212A").replace("Ω", "\u2126");
    }

    private static String swapCase(String s) {
        return s.codePoints().mapToObj(cp -> {
            String one = new String(Character.toChars(cp));
            return Character.isUpperCase(cp) ? one.toLowerCase(Locale.ROOT) : one.toUpperCase(Locale.ROOT);
        }).collect(Collectors.joining());
    }

    private static String capitalised(String s) {
        if (s.isEmpty()) {
            return s;
        }
        int first = s.codePointAt(0);
        int n = Character.charCount(first);
        return new String(Character.toChars(first)).toUpperCase(Locale.ROOT) + s.substring(n).toLowerCase(Locale.ROOT);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    /**
     * {@code nick} if stage 4 takes it as it is (valid, and already in NFC), otherwise {@code label}:
     * for the scenarios of stage 3, whose nicknames stage 4 does not always accept.
     */
    static String forStage4(String label, String nick) {
        return Nicknames.normalize(nick).equals(nick) && Nicknames.check(nick) == Nicknames.Verdict.VALID ? nick : label;
    }

    /** Draws from {@code gen} until the oracle's room would take the result; falls back to {@code fallback}. */
    static String fresh(Choices c, Gen<String> gen, HardenedRoomOracle room, String fallback) {
        for (int i = 0; i < 5; i++) {
            String nick = gen.generate(c);
            if (room.wouldJoinAs(HardenedStep.Send.text("", nick, true)).isPresent()) {
                return nick;
            }
        }
        return fallback;
    }
}
