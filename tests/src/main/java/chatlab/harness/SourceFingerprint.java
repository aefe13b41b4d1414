package chatlab.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A SHA-256 over everything a compiled stage depends on: its source files (names and contents),
 * the classpath it is compiled against (contents, not timestamps) and the compiler's settings. Same
 * fingerprint, same classes: that is what makes the compile cache safe to share.
 */
final class SourceFingerprint {
    private final MessageDigest digest;

    SourceFingerprint(String settings) {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        text(settings);
    }

    /** Adds the source files, given relative to {@code root}, in the order given. */
    SourceFingerprint sources(Path root, List<Path> files) throws IOException {
        for (Path file : files) {
            text(slashed(root.relativize(file)));
            bytes(Files.readAllBytes(file));
        }
        return this;
    }

    /**
     * Adds a classpath entry: a jar's entries or a folder's files, by name and content (not by where
     * it is, nor by timestamps: the same {@code common/} built twice is the same).
     */
    SourceFingerprint classpathEntry(Path entry) throws IOException {
        if (Files.isDirectory(entry)) {
            for (Path file : filesUnder(entry)) {
                text(slashed(entry.relativize(file)));
                bytes(Files.readAllBytes(file));
            }
        } else if (Files.isRegularFile(entry)) {
            try (ZipFile jar = new ZipFile(entry.toFile())) {
                List<? extends ZipEntry> entries = Collections.list(jar.entries());
                entries.sort((a, b) -> a.getName().compareTo(b.getName()));
                for (ZipEntry zipEntry : entries) {
                    text(zipEntry.getName());
                    try (InputStream in = jar.getInputStream(zipEntry)) {
                        bytes(in.readAllBytes());
                    }
                }
            }
        }
        return this;
    }

    /** The fingerprint in hex: 32 characters, plenty for a cache of a few hundred entries. */
    String hex() {
        return HexFormat.of().formatHex(digest.digest(), 0, 16);
    }

    /** Every regular file under {@code root}, in a stable order. */
    static List<Path> filesUnder(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static String slashed(Path relative) {
        return relative.toString().replace('\\', '/');
    }

    private void text(String text) {
        bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private void bytes(byte[] bytes) {
        // The length first, so that no two different sequences of parts hash the same bytes.
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(bytes);
    }
}
