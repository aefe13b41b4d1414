package chatlab.grading.host;

import chatlab.harness.Folders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Linux namespaces for graded code, where unprivileged user namespaces allow them ({@code unshare}
 * of util-linux, no privilege needed):
 * <ul>
 *   <li>{@link #isolated}: the property driver, and the student JVM it starts, in a fresh network
 *       namespace with only loopback up: the student's code reaches nothing but the driver's clients;</li>
 *   <li>{@link #readOnlyFiles}: the student JVM in a mount namespace (with a PID namespace of its own)
 *       where every mount is read-only but a scratch folder (a small {@code tmpfs}, its working
 *       directory and {@code java.io.tmpdir}), and with no capability left to mount anything back.</li>
 * </ul>
 * Each is probed once per JVM; where it does not work, {@link #whyNotIsolated()} and
 * {@link #whyFilesWritable()} say why, in one line, and the grader goes on without.
 */
public final class Sandbox {
    /** The system property that, when {@code true}, asks the driver for the student JVM's mount namespace. */
    public static final String PROPERTY = "chatlab.sandbox";
    /** How much the student JVM may write in its scratch folder. */
    public static final String SCRATCH_SIZE = "64m";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Run as {@code sh -c SCRIPT scratch command...} in the new mount namespace: a {@code tmpfs} on the
     * scratch folder, every other mount read-only (its other flags kept: a user namespace may not
     * clear them), then the command, in the scratch folder, with no capabilities (so it cannot
     * remount anything) and no way to gain any.
     */
    private static final String READ_ONLY_SCRIPT = """
            scratch=$0
            mount -t tmpfs -o size=%s,mode=0700 chatlab-scratch "$scratch" || exit 125
            mounts=$(cat /proc/self/mountinfo)
            failed=$(echo "$mounts" | while read -r _ _ _ _ point options _; do
              point=$(printf '%%b' "$point")
              [ "$point" = "$scratch" ] && continue
              case "$options" in
                ro|ro,*) continue ;;
                rw) rest= ;;
                rw,*) rest=",${options#rw,}" ;;
                *) rest=",$options" ;;
              esac
              mount -o "remount,bind,ro$rest" "$point" 2>/dev/null || echo "$point"
            done)
            if [ -n "$failed" ]; then echo "cannot make read-only:" $failed >&2; exit 125; fi
            cd "$scratch" || exit 125
            exec setpriv --bounding-set=-all --inh-caps=-all --no-new-privs -- "$@"
            """.formatted(SCRATCH_SIZE);

    private static Optional<String> network; // guarded by Sandbox.class
    private static Optional<String> files;   // guarded by Sandbox.class

    private Sandbox() {
    }

    /**
     * Why {@link #isolated} cannot be used here, if it cannot: not Linux, no {@code unshare}, user
     * namespaces not allowed. Probed once: {@code unshare --user --map-root-user --net} bringing
     * {@code lo} up.
     */
    public static synchronized Optional<String> whyNotIsolated() {
        if (network == null) {
            network = probe("cannot use a network namespace", List.of("unshare", "--user", "--map-root-user", "--net",
                    "sh", "-c", "ip link set lo up"));
        }
        return network;
    }

    /**
     * Why {@link #readOnlyFiles} cannot be used here, if it cannot. Probed once: the namespaces are
     * made as for the student JVM, and a shell in them must be able to write its scratch folder and
     * nothing else.
     */
    public static synchronized Optional<String> whyFilesWritable() {
        if (files == null) {
            files = probeFiles();
        }
        return files;
    }

    /** {@code command} run in a fresh network namespace where only loopback is up. */
    public static List<String> isolated(List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("unshare", "--user", "--map-root-user", "--net", "--",
                "sh", "-c", "ip link set lo up && exec \"$0\" \"$@\""));
        wrapped.addAll(command);
        return wrapped;
    }

    /**
     * {@code command} run in a mount namespace where only {@code scratch} (an existing, empty folder,
     * given as a real path) is writable, as its working directory, and in a PID namespace of its own
     * (it sees no other process, and a parent that is killed takes it along).
     */
    public static List<String> readOnlyFiles(Path scratch, List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("unshare", "--user", "--map-root-user", "--mount", "--pid",
                "--fork", "--kill-child", "--mount-proc", "--", "sh", "-c", READ_ONLY_SCRIPT, scratch.toString()));
        wrapped.addAll(command);
        return wrapped;
    }

    private static Optional<String> probeFiles() {
        Optional<String> linux = notLinux();
        if (linux.isPresent()) {
            return linux;
        }
        Path probe = null;
        try {
            probe = Files.createTempDirectory("chatlab-sandbox-probe-").toRealPath();
            Path scratch = Files.createDirectory(probe.resolve("scratch"));
            Path outside = probe.resolve("outside");
            // Writes its scratch folder (as its working directory), and must fail to write next to it.
            Optional<String> why = probe("cannot make files read-only", readOnlyFiles(scratch, List.of("sh", "-c",
                    ": > probe && [ \"$(pwd)\" = \"$0\" ] && ! (: > \"$1\") 2>/dev/null", scratch.toString(),
                    outside.toString())));
            if (why.isEmpty() && Files.exists(outside)) {
                return Optional.of("cannot make files read-only: the probe could write outside its scratch folder");
            }
            return why;
        } catch (IOException e) {
            return Optional.of("cannot make files read-only: no folder to probe it in: " + e.getMessage());
        } finally {
            if (probe != null) {
                Folders.deleteQuietly(probe);
            }
        }
    }

    /** Runs {@code command}; empty if it exits with 0, else why not. */
    private static Optional<String> probe(String what, List<String> command) {
        Optional<String> linux = notLinux();
        if (linux.isPresent()) {
            return linux;
        }
        Path output = null;
        Process process = null;
        try {
            output = Files.createTempFile("chatlab-sandbox-probe-", ".txt");
            try {
                process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            } catch (IOException e) {
                return Optional.of(what + ": cannot run " + command.getFirst() + " (" + e.getMessage() + ")");
            }
            if (!process.waitFor(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return Optional.of(what + ": " + command.getFirst() + " did not end within "
                        + PROBE_TIMEOUT.toSeconds() + " s");
            }
            if (process.exitValue() != 0) {
                int exit = process.exitValue();
                String said = Files.readString(output, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank())
                        .findFirst().orElse("exit code " + exit);
                return Optional.of(what + ": " + said.strip());
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(what + ": " + e.getMessage());
        } catch (InterruptedException e) {
            if (process != null) {
                process.destroyForcibly();
            }
            Thread.currentThread().interrupt();
            return Optional.of(what + ": interrupted while probing");
        } finally {
            if (output != null) {
                Folders.deleteQuietly(output);
            }
        }
    }

    private static Optional<String> notLinux() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return os.contains("linux") ? Optional.empty()
                : Optional.of("no namespaces: this is " + System.getProperty("os.name") + ", not Linux");
    }
}
