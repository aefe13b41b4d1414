package chatlab.grading;

import chatlab.harness.ChatLabHome;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes the zip that Gradescope's "zip file upload" autograder takes: at its top {@code setup.sh}
 * (run once, as root, when Gradescope builds the image: installs a JDK 21 and Maven, builds the
 * grader) and {@code run_autograder} (run for every submission: grades {@code /autograder/submission}
 * and writes {@code /autograder/results/results.json}), next to the grader's own copy of the
 * checkout (every property, no solutions, no catalogue of mistakes).
 */
public final class AutograderZip {
    private static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");

    private AutograderZip() {
    }

    /**
     * Writes the autograder to {@code zip}.
     *
     * @param staging an empty folder to assemble it in
     * @param config  the grading config file to ship, if any
     * @param seed    the seed every submission is graded with (so a regrade gives the same grade)
     */
    public static void write(ChatLabHome home, Path staging, Path zip, Optional<Path> config, long seed) throws IOException {
        Path source = staging.resolve("source");
        StarterRepository.write(home, source, List.of());
        if (config.isPresent()) {
            Files.copy(config.get(), source.resolve("grading.json"));
        }
        Files.writeString(source.resolve("setup.sh"), SETUP, StandardCharsets.UTF_8);
        Files.writeString(source.resolve("run_autograder"), runAutograder(config.isPresent(), seed), StandardCharsets.UTF_8);
        Files.deleteIfExists(zip);
        try (FileSystem out = FileSystems.newFileSystem(URI.create("jar:" + zip.toAbsolutePath().toUri()),
                Map.of("create", "true", "enablePosixFileAttributes", "true"))) {
            try (Stream<Path> walk = Files.walk(source)) {
                for (Path path : walk.toList()) {
                    Path inZip = out.getPath("/" + source.relativize(path).toString().replace('\\', '/'));
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(inZip);
                    } else {
                        Files.copy(path, inZip);
                        if (Files.isExecutable(path) || path.getFileName().toString().equals("setup.sh")
                                || path.getFileName().toString().equals("run_autograder")) {
                            Files.setPosixFilePermissions(inZip, EXECUTABLE);
                        }
                    }
                }
            }
        }
    }

    private static final String SETUP = """
            #!/usr/bin/env bash
            # Gradescope runs this once, as root, when it builds the autograder's image (with network).
            set -euo pipefail
            export DEBIAN_FRONTEND=noninteractive
            apt-get update -q
            # A JDK and Maven to build and run the grader; util-linux (unshare) and iproute2 (ip) for the
            # network namespace with only loopback up that the grader runs each submission in.
            apt-get install -y -q openjdk-21-jdk-headless maven util-linux iproute2
            cd /autograder/source
            chmod +x chatlab run_autograder
            # Build the grader now (and fetch its dependencies): grading itself needs no network.
            ./chatlab --version
            """;

    private static String runAutograder(boolean withConfig, long seed) {
        return """
                #!/usr/bin/env bash
                # Gradescope runs this for every submission; the student's files are in /autograder/submission.
                set -uo pipefail
                cd /autograder/source
                out=/autograder/results/chatlab
                rm -rf "$out"
                ./chatlab grade /autograder/submission --out "$out" --seed %d --jobs 1%s
                status=$?
                result=$(find "$out" -mindepth 2 -maxdepth 2 -name results.json | head -n 1)
                if [ -n "$result" ]; then
                  cp "$result" /autograder/results/results.json
                else
                  printf '{"score": 0, "output": "The autograder could not grade this submission (exit code %%s). Please tell your instructor.", "tests": []}\\n' "$status" \\
                    > /autograder/results/results.json
                fi
                """.formatted(seed, withConfig ? " --config grading.json" : "");
    }
}
