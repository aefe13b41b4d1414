package chatlab.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class LineReaderTest {

    // ---- framing ---------------------------------------------------------------------------------

    @Test
    void linesEndAtNewlineEvenWhenEveryReadReturnsOneByte() throws IOException {
        LineReader reader = new LineReader(ChunkedInputStream.oneByteAtATime(utf8("one\ntwo\r\nthree\n")));

        assertEquals("one", reader.readLine());
        assertEquals("two", reader.readLine());
        assertEquals("three", reader.readLine());
        assertNull(reader.readLine());
    }

    @Test
    void severalLinesInOneReadComeOutOneByOne() throws IOException {
        // Seed 001's log: "Neural joined!Connected to server!" came in one recv.
        LineReader reader = new LineReader(new ByteArrayInputStream(utf8("Neural joined!\nConnected to server!\n")));

        assertEquals("Neural joined!", reader.readLine());
        assertEquals("Connected to server!", reader.readLine());
        assertNull(reader.readLine());
    }

    @Test
    void aWholeLineAlreadyReadFromTheStreamIsSaidToBeBuffered() throws IOException {
        LineReader reader = new LineReader(new ByteArrayInputStream(utf8("one\ntwo\nthr")));

        assertFalse(reader.hasBufferedLine(), "nothing read from the stream yet");
        assertEquals("one", reader.readLine());
        assertTrue(reader.hasBufferedLine(), "two came in the same read");
        assertEquals("two", reader.readLine());
        assertFalse(reader.hasBufferedLine(), "thr is not a whole line");
    }

    @Test
    void theSameLinesComeOutWhateverTheChunking() throws IOException {
        List<String> lines = List.of("", "plain ascii", "héllo wörld", "Привет, мир", "日本語のテキスト",
                "😀 emoji 🎉", "नमस्ते दुनिया", "a\rb", "tab\there", "x".repeat(1000) + "é");
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        List<String> expected = new ArrayList<>();
        for (int copy = 0; copy < 6; copy++) { // > 8 KiB in all: the reader must refill its buffer
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                wire.writeBytes(utf8(line + ((copy + i) % 2 == 0 ? "\n" : "\r\n")));
                expected.add(line);
            }
        }
        byte[] bytes = wire.toByteArray();

        for (long seed = 0; seed < 300; seed++) {
            int maxChunk = seed % 3 == 0 ? 3 : seed % 3 == 1 ? 17 : 9000;
            LineReader reader = new LineReader(ChunkedInputStream.randomChunks(bytes, seed, maxChunk));
            assertEquals(expected, readAll(reader), "seed " + seed + ", chunks of 1 to " + maxChunk + " bytes");
        }
    }

    @Test
    void emptyLinesAreLinesToo() throws IOException {
        LineReader reader = new LineReader(ChunkedInputStream.oneByteAtATime(utf8("\n\r\n\nx\n\n")));

        assertEquals(List.of("", "", "", "x", ""), readAll(reader));
    }

    // ---- carriage returns ------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("carriageReturns")
    void onlyTheCarriageReturnJustBeforeTheNewlineIsDropped(String name, String wire, String line) throws IOException {
        LineReader reader = new LineReader(ChunkedInputStream.oneByteAtATime(utf8(wire)));

        assertEquals(line, reader.readLine());
        assertNull(reader.readLine());
    }

    static Stream<Arguments> carriageReturns() {
        return Stream.of(
                Arguments.of("telnet line", "hello\r\n", "hello"),
                Arguments.of("just CRLF", "\r\n", ""),
                Arguments.of("lone CR inside", "a\rb\n", "a\rb"),
                Arguments.of("two CRs before LF", "a\r\r\n", "a\r"),
                Arguments.of("CR at start", "\rb\n", "\rb"),
                Arguments.of("CR CR inside", "x\r\ry\r\n", "x\r\ry"));
    }

    // ---- end of stream ---------------------------------------------------------------------------

    @Test
    void endOfStreamIsNullAndStaysNull() throws IOException {
        LineReader reader = new LineReader(new ByteArrayInputStream(new byte[0]));

        assertNull(reader.readLine());
        assertNull(reader.readLine());
    }

    @Test
    void anUnterminatedFragmentAtEndOfStreamIsDiscarded() throws IOException {
        LineReader reader = new LineReader(ChunkedInputStream.oneByteAtATime(utf8("done\nhalf a li")));

        assertEquals("done", reader.readLine());
        assertNull(reader.readLine());
        assertNull(reader.readLine());
    }

    @Test
    void aCarriageReturnWithoutItsNewlineAtEndOfStreamIsDiscardedToo() throws IOException {
        LineReader reader = new LineReader(ChunkedInputStream.oneByteAtATime(utf8("done\r\nnot done\r")));

        assertEquals("done", reader.readLine());
        assertNull(reader.readLine());
    }

    // ---- the line limit --------------------------------------------------------------------------

    @Test
    void aLineOfExactlyTheLimitIsAccepted() throws IOException {
        LineReader reader = new LineReader(ChunkedInputStream.oneByteAtATime(utf8("12345678\n")), 8);

        assertEquals("12345678", reader.readLine());
        assertNull(reader.readLine());
    }

    @Test
    void theLimitCountsBytesNotCharacters() throws IOException {
        // "😀" is 4 bytes, "éé" is 4 bytes: both fit a limit of 4; "a😀" (5 bytes) does not.
        LineReader reader = new LineReader(ChunkedInputStream.oneByteAtATime(utf8("😀\néé\na😀\n")), 4);

        assertEquals("😀", reader.readLine());
        assertEquals("éé", reader.readLine());
        assertThrows(LineTooLongException.class, reader::readLine);
    }

    @Test
    void theDroppedCarriageReturnAndTheNewlineDoNotCount() throws IOException {
        LineReader reader = new LineReader(ChunkedInputStream.oneByteAtATime(utf8("12345678\r\nabcdefgh\r\n")), 8);

        assertEquals("12345678", reader.readLine());
        assertEquals("abcdefgh", reader.readLine());
        assertNull(reader.readLine());
    }

    @Test
    void aCarriageReturnThatStaysInTheLineCounts() throws IOException {
        // "1234567\r" is 8 content bytes: fits. "12345678\r" is 9: too long, though its last byte is a CR.
        LineReader fits = new LineReader(ChunkedInputStream.oneByteAtATime(utf8("1234567\r\r\n")), 8);
        assertEquals("1234567\r", fits.readLine());

        LineReader tooLong = new LineReader(ChunkedInputStream.oneByteAtATime(utf8("12345678\r\r\n")), 8);
        assertThrows(LineTooLongException.class, tooLong::readLine);
    }

    @Test
    void theFirstByteOverTheLimitThrowsWithoutWaitingForANewline() {
        // The stream fails the test if the reader asks for a tenth byte: it must decide on the ninth.
        ChunkedInputStream in = ChunkedInputStream.oneByteAtATimeThenOpen(utf8("123456789"));
        LineReader reader = new LineReader(in, 8);

        assertThrows(LineTooLongException.class, reader::readLine);
        assertEquals(9, in.consumed());
    }

    @Test
    void theDefaultLimitIs1024Bytes() throws IOException {
        LineReader fits = new LineReader(new ByteArrayInputStream(utf8("a".repeat(1024) + "\n")));
        assertEquals("a".repeat(1024), fits.readLine());

        ChunkedInputStream in = ChunkedInputStream.oneByteAtATimeThenOpen(utf8("a".repeat(1025)));
        assertThrows(LineTooLongException.class, new LineReader(in)::readLine);
        assertEquals(1025, in.consumed());
    }

    @Test
    void aCarriageReturnJustPastTheLimitWaitsForTheNextByte() {
        // "12345678\r" might still end in "\n" (then the CR is dropped), so the reader must look at one
        // more byte; here it is an 'X', which makes the line too long.
        ChunkedInputStream in = ChunkedInputStream.oneByteAtATimeThenOpen(utf8("12345678\rX"));
        LineReader reader = new LineReader(in, 8);

        assertThrows(LineTooLongException.class, reader::readLine);
        assertEquals(10, in.consumed());
    }

    @Test
    void aCharacterThatStraddlesTheLimitThrowsAtItsFirstByteOverTheLimit() {
        ChunkedInputStream in = ChunkedInputStream.oneByteAtATimeThenOpen(utf8("abcé"));
        LineReader reader = new LineReader(in, 4);

        assertThrows(LineTooLongException.class, reader::readLine);
        assertEquals(5, in.consumed());
    }

    @Test
    void aReaderPastTheLimitStaysBroken() {
        LineReader reader = new LineReader(new ByteArrayInputStream(utf8("123456789\nok\n")), 8);

        assertThrows(LineTooLongException.class, reader::readLine);
        assertThrows(LineTooLongException.class, reader::readLine);
    }

    @Test
    void aTooLongLineOnAnOpenSocketThrowsWhileThePeerSendsNothingMore() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(listener.getInetAddress(), listener.getLocalPort());
             Socket server = listener.accept()) {
            client.getOutputStream().write(utf8("a".repeat(Limits.MAX_LINE_BYTES + 1))); // no newline, socket stays open
            client.getOutputStream().flush();

            LineReader reader = new LineReader(server.getInputStream());
            assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> assertThrows(LineTooLongException.class, reader::readLine));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void theLimitMustBePositive(int limit) {
        InputStream in = new ByteArrayInputStream(new byte[0]);
        assertThrows(IllegalArgumentException.class, () -> new LineReader(in, limit));
    }

    // ---- UTF-8 -----------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("validText")
    void validUtf8ComesOutAsTheSameText(String text) throws IOException {
        LineReader reader = new LineReader(ChunkedInputStream.oneByteAtATime(utf8(text + "\n" + text + "\r\n")));

        assertEquals(text, reader.readLine());
        assertEquals(text, reader.readLine());
        assertNull(reader.readLine());
    }

    static Stream<String> validText() {
        return Stream.of("héllo wörld", "Привет", "日本語", "😀🎉", "नमस्ते", "क्षत्रिय", "مرحبا", "𝐀𝐁𝐂",
                "e\u0301 (decomposed)", "NUL \u0000 inside", "\uFEFFbom", "max code point \uDBFF\uDFFF");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidUtf8")
    void anInvalidLineThrowsAndTheNextLineIsReadAsUsual(String name, byte[] bad) throws IOException {
        byte[] wire = concat(utf8("before\n"), bad, utf8("\n"), utf8("after\n"));
        for (InputStream in : List.of(new ByteArrayInputStream(wire), ChunkedInputStream.oneByteAtATime(wire))) {
            LineReader reader = new LineReader(in);

            assertEquals("before", reader.readLine());
            assertThrows(InvalidUtf8Exception.class, reader::readLine);
            assertEquals("after", reader.readLine());
            assertNull(reader.readLine());
        }
    }

    static Stream<Arguments> invalidUtf8() {
        return Stream.of(
                Arguments.of("lone continuation byte", bytes(0x80)),
                Arguments.of("continuation byte between letters", concat(utf8("a"), bytes(0xBF), utf8("b"))),
                Arguments.of("overlong '/' in 2 bytes", bytes(0xC0, 0xAF)),
                Arguments.of("overlong NUL in 2 bytes", bytes(0xC0, 0x80)),
                Arguments.of("overlong '/' in 3 bytes", bytes(0xE0, 0x80, 0xAF)),
                Arguments.of("overlong '/' in 4 bytes", bytes(0xF0, 0x80, 0x80, 0xAF)),
                Arguments.of("truncated euro sign at end of line", concat(utf8("price 5"), bytes(0xE2, 0x82))),
                Arguments.of("truncated sequence before ASCII", concat(bytes(0xE2, 0x82), utf8("x"))),
                Arguments.of("truncated emoji", bytes(0xF0, 0x9F, 0x98)),
                Arguments.of("encoded high surrogate U+D800", bytes(0xED, 0xA0, 0x80)),
                Arguments.of("encoded low surrogate U+DFFF", bytes(0xED, 0xBF, 0xBF)),
                Arguments.of("surrogate pair encoded separately (CESU-8)", bytes(0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80)),
                Arguments.of("past U+10FFFF", bytes(0xF4, 0x90, 0x80, 0x80)),
                Arguments.of("byte 0xF5", bytes(0xF5, 0x80, 0x80, 0x80)),
                Arguments.of("byte 0xFF", bytes(0xFF)),
                Arguments.of("byte 0xFE in text", concat(utf8("héllo "), bytes(0xFE))));
    }

    @Test
    void aCharacterCutInTwoByANewlineMakesTwoInvalidLines() throws IOException {
        // "€" is E2 82 AC: a newline in the middle leaves two broken halves, each judged alone.
        LineReader reader = new LineReader(new ByteArrayInputStream(concat(bytes(0xE2, 0x82), utf8("\n"),
                bytes(0xAC), utf8("\n€\n"))));

        assertThrows(InvalidUtf8Exception.class, reader::readLine);
        assertThrows(InvalidUtf8Exception.class, reader::readLine);
        assertEquals("€", reader.readLine());
    }

    @Test
    void afterAnInvalidLineTheLimitAppliesAfreshToTheNextLine() throws IOException {
        LineReader reader = new LineReader(ChunkedInputStream.oneByteAtATime(
                concat(bytes(0xFF, 0xFF, 0xFF), utf8("\n1234\n12345\n"))), 4);

        assertThrows(InvalidUtf8Exception.class, reader::readLine);
        assertEquals("1234", reader.readLine());
        assertThrows(LineTooLongException.class, reader::readLine);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static List<String> readAll(LineReader reader) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lines.add(line);
        }
        return lines;
    }

    static byte[] utf8(String text) {
        return text.getBytes(UTF_8);
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        Arrays.stream(parts).forEach(all::writeBytes);
        return all.toByteArray();
    }
}
