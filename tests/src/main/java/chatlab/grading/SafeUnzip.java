package chatlab.grading;

import chatlab.harness.Folders;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Unpacks a submitted zip without trusting it: no entry may land outside the target folder
 * ({@code ../} or absolute names), and the whole stays within a size and an entry count, so that a
 * zip bomb ends with a clear message instead of a full disk.
 */
final class SafeUnzip {
    static final long MAX_BYTES = 50L * 1024 * 1024;
    static final int MAX_ENTRIES = 10_000;

    private SafeUnzip() {
    }

    /** Unpacks {@code zip} into {@code target} (emptied first). */
    static void unpack(Path zip, Path target) throws IOException {
        Folders.deleteTree(target);
        Files.createDirectories(target);
        Path root = target.toAbsolutePath().normalize();
        long bytes = 0;
        int entries = 0;
        byte[] buffer = new byte[64 * 1024];
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (++entries > MAX_ENTRIES) {
                    throw new IOException("more than " + MAX_ENTRIES + " files in the zip");
                }
                Path destination = root.resolve(entry.getName()).normalize();
                if (!destination.startsWith(root) || destination.equals(root)) {
                    throw new IOException("the zip entry '" + entry.getName() + "' points outside the submission");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                    continue;
                }
                Files.createDirectories(destination.getParent());
                try (OutputStream out = Files.newOutputStream(destination)) {
                    for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                        bytes += n;
                        if (bytes > MAX_BYTES) {
                            throw new IOException("the zip unpacks to more than " + MAX_BYTES / (1024 * 1024) + " MB");
                        }
                        out.write(buffer, 0, n);
                    }
                }
            }
        } catch (IllegalArgumentException e) { // a malformed entry name
            throw new IOException(e.getMessage(), e);
        }
    }

}
