package chatlab.suite;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * One step of a hardened-room scenario (stage 4), as a student reads it in a failure report. Unlike
 * {@link RoomStep}, a line is sent as bytes, so that a step can break the rules: a nickname that is
 * not valid, a line over the limit, bytes that are not UTF-8. What the room should answer is the
 * {@link HardenedRoomOracle}'s business, not the step's.
 */
sealed interface HardenedStep {

    /** The client that acts. */
    String client();

    /** A client connects (and receives {@code NICK}). */
    record Connect(String client) implements HardenedStep {
        @Override
        public String toString() {
            return client + " connects";
        }
    }

    /** How a line sent by a client ends. */
    enum LineEnd {
        LF("\n", ""), CRLF("\r\n", " ending in \\r\\n, as telnet sends it"), NONE("", " with no line end");

        private final String bytes;
        private final String described;

        LineEnd(String bytes, String described) {
            this.bytes = bytes;
            this.described = described;
        }

        byte[] bytes() {
            return bytes.getBytes(StandardCharsets.US_ASCII);
        }
    }

    /**
     * A client sends one line, in one write: {@code content} then {@code end}.
     *
     * @param client   who sends it
     * @param content  the line's bytes, without its end
     * @param end      how it ends
     * @param nickname whether it answers {@code NICK} (only for the script: the oracle decides)
     */
    record Send(String client, byte[] content, LineEnd end, boolean nickname) implements HardenedStep {

        /** A line of text, ending in {@code \n}. */
        static Send text(String client, String text, boolean nickname) {
            return new Send(client, text.getBytes(StandardCharsets.UTF_8), LineEnd.LF, nickname);
        }

        /** What goes on the wire. */
        byte[] wire() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(content);
            out.writeBytes(end.bytes());
            return out.toByteArray();
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder(client).append(nickname ? " sends nickname " : " sends ");
            String decoded = strictUtf8(content);
            if (decoded == null) {
                text.append(showBytes(content)).append(" (").append(content.length)
                        .append(content.length == 1 ? " byte" : " bytes")
                        .append(", not valid UTF-8: the bytes shown as \\xNN are not part of a valid character)");
            } else {
                int characters = decoded.codePointCount(0, decoded.length());
                if (characters > 60) {
                    // Long lines are shown cut in the middle, never inside a character.
                    String head = Texts.quote(decoded.substring(0, decoded.offsetByCodePoints(0, 24)));
                    String tail = Texts.quote(decoded.substring(decoded.offsetByCodePoints(decoded.length(), -12)));
                    text.append(head, 0, head.length() - 1).append(" ... ").append(tail, 1, tail.length());
                } else {
                    text.append(Texts.quote(decoded));
                }
                if (content.length > 60) {
                    text.append(" (").append(content.length).append(" bytes")
                            .append(characters == content.length ? ")" : ", " + characters + " characters)");
                }
                String normalised = Normalizer.normalize(decoded, Normalizer.Form.NFC);
                if (nickname && !normalised.equals(decoded)) {
                    text.append(" (spelt with separate accents or compatibility characters: in NFC it is ")
                            .append(Texts.quote(normalised)).append(')');
                }
            }
            return text.append(end.described).toString();
        }
    }

    /** The text of {@code bytes} if they are valid UTF-8, otherwise null. */
    static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
    }

    /** Bytes as a quoted text, each byte that is not part of a valid character shown as {@code \xNN}. */
    static String showBytes(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer chars = CharBuffer.allocate(bytes.length * 2 + 4);
        StringBuilder shown = new StringBuilder("\"");
        while (in.hasRemaining()) {
            CoderResult result = decoder.decode(in, chars, true);
            chars.flip();
            String valid = chars.toString();
            chars.clear();
            String quoted = Texts.quote(valid);
            shown.append(quoted, 1, quoted.length() - 1);
            if (result.isMalformed() || result.isUnmappable()) {
                for (int i = 0; i < result.length(); i++) {
                    shown.append(String.format("\\x%02X", in.get() & 0xFF));
                }
            }
        }
        return shown.append('"').toString();
    }
}
