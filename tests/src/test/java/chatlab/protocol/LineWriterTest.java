package chatlab.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class LineWriterTest {

    /** Records each write call as one chunk, and counts flushes. */
    private static final class RecordingStream extends OutputStream {
        final List<byte[]> writes = new ArrayList<>();
        int flushes;

        @Override
        public void write(int b) {
            writes.add(new byte[] {(byte) b});
        }

        @Override
        public void write(byte[] b, int off, int len) {
            byte[] chunk = new byte[len];
            System.arraycopy(b, off, chunk, 0, len);
            writes.add(chunk);
        }

        @Override
        public void flush() {
            flushes++;
        }
    }

    @Test
    void encodeIsTheUtf8OfTheLineAndANewline() {
        assertArrayEquals("hello\n".getBytes(UTF_8), LineWriter.encode("hello"));
        assertArrayEquals(new byte[] {'\n'}, LineWriter.encode(""));
        assertArrayEquals(new byte[] {(byte) 0xC3, (byte) 0xA9, (byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80, '\n'},
                LineWriter.encode("é😀"));
        assertArrayEquals("नमस्ते\n".getBytes(UTF_8), LineWriter.encode("नमस्ते"));
    }

    @Test
    void eachLineIsOneWriteFollowedByAFlush() throws IOException {
        RecordingStream out = new RecordingStream();
        LineWriter writer = new LineWriter(out);

        writer.writeLine(Protocol.message("Ana", "héllo"));
        writer.writeLine(Protocol.joined("Даша"));

        assertEquals(2, out.writes.size());
        assertArrayEquals("Ana: héllo\n".getBytes(UTF_8), out.writes.get(0));
        assertArrayEquals("Даша joined!\n".getBytes(UTF_8), out.writes.get(1));
        assertEquals(2, out.flushes);
    }

    @Test
    void severalLinesGoOutInOneWrite() throws IOException {
        RecordingStream out = new RecordingStream();
        LineWriter writer = new LineWriter(out);

        writer.writeLines(List.of("a", "", "日本"));

        assertEquals(1, out.writes.size());
        assertArrayEquals("a\n\n日本\n".getBytes(UTF_8), out.writes.get(0));
        assertEquals(1, out.flushes);
    }

    @Test
    void noLinesWriteNothing() throws IOException {
        RecordingStream out = new RecordingStream();

        new LineWriter(out).writeLines(List.of());

        assertEquals(0, out.writes.size());
    }

    @Test
    void whatTheWriterWritesTheReaderReadsBack() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        LineWriter writer = new LineWriter(wire);
        List<String> lines = List.of("plain", "", "Привет", "😀", "नमस्ते", "a\rb");
        for (String line : lines) {
            writer.writeLine(line);
        }
        writer.writeLines(lines);

        LineReader reader = new LineReader(new ByteArrayInputStream(wire.toByteArray()));
        for (int round = 0; round < 2; round++) {
            for (String line : lines) {
                assertEquals(line, reader.readLine());
            }
        }
    }

    @Test
    void threadsSharingAWriterNeverMixTheirLines() throws Exception {
        // A stream that takes bytes one at a time, as a naive stream would: without the writer's own
        // lock, two lines written at once would come out interleaved byte by byte.
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        OutputStream byteByByte = new OutputStream() {
            @Override
            public void write(int b) {
                sink.write(b);
                Thread.yield();
            }
        };
        LineWriter writer = new LineWriter(byteByByte);
        int writers = 8;
        int linesEach = 200;

        try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int id = w;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < linesEach; i++) {
                        if (i % 10 == 0) {
                            writer.writeLines(List.of(line(id, i), line(id, i + 1)));
                            i++;
                        } else {
                            writer.writeLine(line(id, i));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }

        assertEachWriterInOrder(new String(sink.toByteArray(), UTF_8).split("\n", -1), writers, linesEach);
    }

    @Test
    void threadsSharingAWriterOnASocketNeverMixTheirLines() throws Exception {
        int writers = 16;
        int linesEach = 300;
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(listener.getInetAddress(), listener.getLocalPort());
             Socket server = listener.accept()) {
            LineWriter writer = new LineWriter(server.getOutputStream());
            List<String> received = new ArrayList<>();
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    LineReader lines = new LineReader(client.getInputStream());
                    for (String l = lines.readLine(); l != null; l = lines.readLine()) {
                        received.add(l);
                    }
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int w = 0; w < writers; w++) {
                    int id = w;
                    threads.submit(() -> {
                        for (int i = 0; i < linesEach; i++) {
                            writer.writeLine(line(id, i));
                        }
                        return null;
                    });
                }
            }
            server.shutdownOutput();
            reader.join();

            received.add(""); // as split("\n", -1) leaves after the last newline
            assertEachWriterInOrder(received.toArray(String[]::new), writers, linesEach);
        }
    }

    /** A recognisable line, long enough to need several bytes per character. */
    private static String line(int writer, int index) {
        return "writer " + writer + " line " + index + " ünïcödé 😀 " + "x".repeat(index % 50);
    }

    private static void assertEachWriterInOrder(String[] lines, int writers, int linesEach) {
        assertEquals("", lines[lines.length - 1], "the output ends with a newline");
        Map<Integer, Integer> next = new HashMap<>();
        for (int k = 0; k < lines.length - 1; k++) {
            String l = lines[k];
            String[] words = l.split(" ");
            assertTrue(words.length >= 4 && words[0].equals("writer"), "mixed-up line: " + l);
            int w = Integer.parseInt(words[1]);
            int i = next.getOrDefault(w, 0);
            assertEquals(line(w, i), l, "line " + k);
            next.put(w, i + 1);
        }
        for (int w = 0; w < writers; w++) {
            assertEquals(linesEach, next.getOrDefault(w, 0), "lines of writer " + w);
        }
    }
}
