package chatlab.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A server under test in a process of its own, seen from the benchmark: a server JVM
 * ({@link ServerMain}), or the seed's Python server (a yardstick the user points to; it answers no
 * questions, and is killed, by its pid, as soon as its measurement ends, since its threads spin
 * once clients leave).
 *
 * <p>Meanwhile a sampler reads the process's thread count from the operating system.
 */
final class ServerProcess {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(3);
    private static final long SAMPLE_MILLIS = 100;

    private final ChildProcess child;
    private final int port;
    private final boolean answers; // a server JVM answers STATS and STOP; the seed does not
    private final AtomicLong threadsPeak = new AtomicLong(-1);
    private final AtomicLong residentPeakMB = new AtomicLong(-1);
    private final Thread sampler;

    private ServerProcess(ChildProcess child, int port, boolean answers) {
        this.child = child;
        this.port = port;
        this.answers = answers;
        this.sampler = Thread.ofPlatform().daemon().name("bench-proc-" + child.pid()).start(this::sample);
    }

    /** A server JVM: {@code arguments} as {@link ServerMain} takes them, a heap of at most {@code heapMB}. */
    static ServerProcess startJvm(String name, List<String> arguments, int heapMB) throws InterruptedException {
        List<String> options = new ArrayList<>(List.of("-Xmx" + heapMB + "m", "-XX:+UseG1GC"));
        // For a closer look (a profiler, another collector): -Dchatlab.bench.serverJvmOptions="-XX:..."
        String extra = System.getProperty("chatlab.bench.serverJvmOptions", "").strip();
        if (!extra.isEmpty()) {
            options.addAll(List.of(extra.split("\\s+")));
        }
        ChildProcess child = ChildProcess.start(name, ChildProcess.javaCommand(options, ServerMain.class, arguments));
        try {
            ControlLine listening = child.await("LISTENING", START_TIMEOUT, line -> {
                if (line.is("FAILED")) {
                    throw new ChildProcess.Ended(name + " failed to start" + child.errorReport());
                }
            });
            if (listening == null) {
                throw new ChildProcess.Ended(name + " did not start listening within " + START_TIMEOUT.toSeconds() + " s"
                        + child.errorReport());
            }
            return new ServerProcess(child, (int) listening.number("port"), true);
        } catch (RuntimeException | InterruptedException e) {
            child.kill();
            child.close();
            throw e;
        }
    }

    /** The seed's Python server: {@code python3 script PORT}, on a free port below the ephemeral range. */
    static ServerProcess startSeed(Path script) throws InterruptedException {
        int port = freePort();
        ChildProcess child = ChildProcess.start("the seed's server", List.of("python3", script.toString(), Integer.toString(port)));
        try {
            awaitListening(child, port);
            return new ServerProcess(child, port, false);
        } catch (RuntimeException | InterruptedException e) {
            child.kill();
            child.close();
            throw e;
        }
    }

    int port() {
        return port;
    }

    long pid() {
        return child.pid();
    }

    /** The server's own figures ({@code STATS}), or null for a server that gives none (the seed's). */
    ControlLine stats() throws InterruptedException {
        sampleOnce();
        if (!answers) {
            return null;
        }
        child.send("STATS");
        return child.await("STATS", ANSWER_TIMEOUT, this::failed);
    }

    /** Stops the server: {@code STOPPED} with its closing time and threads left, or null (the seed's: killed). */
    ControlLine stop() throws InterruptedException {
        sampleOnce();
        sampler.interrupt();
        if (!answers) {
            child.kill();
            child.close();
            return null;
        }
        child.send("STOP");
        ControlLine stopped = child.await("STOPPED", ANSWER_TIMEOUT, this::failed);
        child.close(Duration.ofSeconds(30));
        return stopped;
    }

    /** A server JVM that says FAILED stopped by itself: its standard error says why. */
    private void failed(ControlLine line) {
        if (line.is("FAILED")) {
            throw new ChildProcess.Ended("the server stopped by itself" + child.errorReport());
        }
    }

    /** The processor time, write calls and bytes written the server has used so far. */
    ProcStatus.Usage usage() {
        return ProcStatus.usage(child.pid());
    }

    /** The most operating-system threads the process had, as sampled; -1 where unknown. */
    long threadsPeak() {
        return threadsPeak.get();
    }

    /** The most memory the process held in RAM, in megabytes; -1 where unknown. */
    long residentPeakMB() {
        return residentPeakMB.get();
    }

    void close() throws InterruptedException {
        sampler.interrupt();
        if (child.isAlive()) {
            child.kill();
        }
        child.close();
    }

    private void sample() {
        while (!Thread.currentThread().isInterrupted() && child.isAlive()) {
            sampleOnce();
            try {
                Thread.sleep(SAMPLE_MILLIS); // a sampler's tick
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sampleOnce() {
        ProcStatus.threads(child.pid()).ifPresent(n -> threadsPeak.accumulateAndGet(n, Math::max));
        ProcStatus.peakResidentMegabytes(child.pid()).ifPresent(mb -> residentPeakMB.accumulateAndGet(mb, Math::max));
    }

    /** A port that was free a moment ago, below 32768 (the ephemeral range starts there on Linux). */
    private static int freePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            try (ServerSocket probe = new ServerSocket(candidate, 1, InetAddress.getLoopbackAddress())) {
                return candidate;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new ChildProcess.Ended("no free port found for the seed's server");
    }

    /**
     * Waits until the seed's server listens. Not by connecting to it: the seed would take a probe for
     * a member, and its thread would spin once the probe left. Linux lists listening sockets in
     * /proc/net/tcp; elsewhere, a second's wait.
     */
    private static void awaitListening(ChildProcess child, int port) throws InterruptedException {
        Path table = Path.of("/proc/net/tcp");
        String local = String.format(Locale.ROOT, ":%04X ", port);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!child.isAlive()) {
                throw new ChildProcess.Ended("the seed's server exited at once" + child.errorReport());
            }
            try {
                if (!Files.isReadable(table)) {
                    Thread.sleep(1000);
                    return;
                }
                boolean listening = Files.readAllLines(table).stream()
                        .map(String::strip).map(line -> line.split("\\s+"))
                        .anyMatch(fields -> fields.length > 3 && (fields[1] + " ").endsWith(local) && fields[3].equals("0A"));
                if (listening) {
                    return;
                }
            } catch (IOException e) {
                // read it again
            }
            Thread.sleep(50); // polling the kernel's table: nothing to wait on
        }
        throw new ChildProcess.Ended("the seed's server did not listen on port " + port + " within "
                + START_TIMEOUT.toSeconds() + " s" + child.errorReport());
    }
}
