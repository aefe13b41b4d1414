package chatlab.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The load generator: a JVM of its own (started by {@link LoadProcess}), so that its clients never
 * share a heap, a scheduler or a garbage collector with the server they measure.
 *
 * <p>It runs two phases and reports on its standard output ({@link ControlLine}s):
 * <ol>
 *   <li>join: the clients connect, a bounded number at a time, and each waits for its
 *       {@code Connected to server!}; the phase ends once every client is in and every
 *       {@code joined!} notice has arrived (each member hears of itself and of everyone after it:
 *       N(N+1)/2 in all, whatever the order). {@code JOINED};</li>
 *   <li>warm-up (if asked): every client sends its warm-up messages, checked like the others but
 *       not timed, so that the measured phase finds the server's code compiled (a JVM starts by
 *       interpreting it: the first second of a fresh server is not its speed). {@code WARMED};</li>
 *   <li>messages: every client sends its messages; the phase ends once every member has every
 *       message. {@code DELIVERED}.</li>
 * </ol>
 * A phase also ends when nothing has moved for {@code quiet} (a server that loses deliveries never
 * completes). Then it waits for {@code FINISH} on its standard input (meanwhile the benchmark
 * measures the server, all clients still connected, and may stop it), closes every connection,
 * and prints the {@code RESULT}.
 */
final class LoadGenerator {
    private static final long TICK_MILLIS = 50;
    private static final long PROGRESS_MILLIS = 1000;
    private static final Duration READERS_END_GRACE = Duration.ofSeconds(20);

    /** What to run; {@code epochNanos} is the clock the tags' microseconds count from. */
    record Settings(InetSocketAddress server, int clients, int warmup, int messages, Dialect dialect, int window,
                    int connectPermits, Duration quiet, long epochNanos) {

        List<String> toArguments() {
            return List.of("host=" + server.getHostString(), "port=" + server.getPort(), "clients=" + clients,
                    "warmup=" + warmup, "messages=" + messages, "dialect=" + dialect, "window=" + window,
                    "permits=" + connectPermits, "quietMillis=" + quiet.toMillis());
        }

        static Settings fromArguments(String... args) {
            Map<String, String> named = new HashMap<>();
            for (String arg : args) {
                int eq = arg.indexOf('=');
                named.put(arg.substring(0, eq), arg.substring(eq + 1));
            }
            return new Settings(new InetSocketAddress(named.get("host"), Integer.parseInt(named.get("port"))),
                    Integer.parseInt(named.get("clients")), Integer.parseInt(named.get("warmup")),
                    Integer.parseInt(named.get("messages")),
                    Dialect.valueOf(named.get("dialect")), Integer.parseInt(named.get("window")),
                    Integer.parseInt(named.get("permits")), Duration.ofMillis(Long.parseLong(named.get("quietMillis"))),
                    System.nanoTime());
        }
    }

    private final Settings settings;
    private final Tally tally = new Tally();
    private final List<LoadClient> clients = new ArrayList<>();
    private final List<Thread> readers = new ArrayList<>();

    LoadGenerator(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        LoadGenerator generator = new LoadGenerator(Settings.fromArguments(args));
        // Ends with the benchmark: FINISH, or its standard input closing.
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        generator.run(() -> {
            try {
                for (String line = commands.readLine(); line != null; line = commands.readLine()) {
                    if (line.strip().equals("FINISH")) {
                        return;
                    }
                }
            } catch (IOException e) {
                // the benchmark is gone: finish
            }
        });
        System.exit(0);
    }

    /** Runs both phases, waits for {@code finishSignal} to return, then reports. */
    void run(Runnable finishSignal) throws InterruptedException {
        int n = settings.clients();
        long start = System.nanoTime();
        long cpuStart = cpuMillis();
        Semaphore permits = new Semaphore(settings.connectPermits());
        for (int id = 0; id < n; id++) {
            LoadClient client = new LoadClient(id, settings, tally);
            clients.add(client);
            readers.add(Thread.ofVirtual().name("reader-" + id).start(() -> client.read(settings.server(), permits)));
        }
        long joinedExpected = (long) n * (n + 1) / 2;
        watch("join", () -> tally.connected.sum() + tally.failedConnects.sum() >= n
                        && tally.joined.sum() >= joinedExpected,
                () -> tally.connected.sum() + tally.joined.sum() + tally.failedConnects.sum(),
                () -> "connected=" + tally.connected.sum() + " joined=" + tally.joined.sum()
                        + " joinedExpected=" + joinedExpected);
        long joinEnd = Math.max(start, clients.stream().mapToLong(LoadClient::lastJoinedNanos).max().orElse(start));
        ControlLine.of("JOINED").with("ms", millis(joinEnd - start)).print();
        long cpuJoined = cpuMillis();

        List<Thread> senders = new ArrayList<>();
        int warmup = settings.warmup();
        long warmupExpected = (long) n * n * warmup;
        if (warmup > 0) {
            startSenders(senders, 0, warmup);
            watch("warmup", () -> tally.warmedUp.sum() >= warmupExpected,
                    () -> tally.warmedUp.sum() + tally.sent.sum() + tally.sendersDone.sum(),
                    () -> "delivered=" + tally.warmedUp.sum() + " expected=" + warmupExpected + " sent=" + tally.sent.sum());
            ControlLine.of("WARMED").print();
        }
        long cpuWarmed = cpuMillis();
        long jitWarmed = jitMillis();

        long messagesStart = System.nanoTime();
        startSenders(senders, warmup, settings.messages());
        long deliveriesExpected = (long) n * n * settings.messages();
        watch("messages", () -> tally.delivered.sum() >= deliveriesExpected,
                () -> tally.arrivals.sum() + tally.sent.sum() + tally.sendersDone.sum(),
                () -> "delivered=" + tally.delivered.sum() + " expected=" + deliveriesExpected + " sent=" + tally.sent.sum());
        long deliveryEnd = Math.max(messagesStart, clients.stream().mapToLong(LoadClient::lastDeliveryNanos).max().orElse(messagesStart));
        // What happened during the run; what follows (the server stopping, our own closing) does not count.
        long cpuDelivered = cpuMillis();
        long jitDelivered = jitMillis();
        long errors = tally.errors.sum();
        long disconnected = tally.disconnected.sum();
        long reads = tally.reads.sum();
        long bytesRead = tally.bytesRead.sum();
        ControlLine.of("DELIVERED").with("ms", millis(deliveryEnd - messagesStart)).print();

        finishSignal.run();
        clients.forEach(LoadClient::close);
        long deadline = System.nanoTime() + READERS_END_GRACE.toNanos();
        int stillReading = 0;
        for (Thread thread : readers) {
            if (!thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
                stillReading++;
            }
        }
        for (Thread thread : senders) {
            thread.join(Duration.ofSeconds(1));
        }

        LatencyHistogram latencies = new LatencyHistogram();
        long duplicates = 0;
        long outOfOrder = 0;
        long strays = 0;
        long garbage = 0;
        for (LoadClient client : clients) {
            latencies.add(client.latencies());
            duplicates += client.receipts().duplicates();
            outOfOrder += client.receipts().outOfOrder();
            strays += client.receipts().strays();
            garbage += client.garbage();
        }
        ControlLine.of("RESULT")
                .with("clients", n)
                .with("connected", tally.connected.sum())
                .with("failedConnects", tally.failedConnects.sum())
                .with("joinMs", millis(joinEnd - start))
                .with("joinedExpected", joinedExpected)
                .with("joined", tally.joined.sum())
                .with("messagesMs", millis(deliveryEnd - messagesStart))
                .with("sent", tally.sent.sum())
                .with("warmupExpected", warmupExpected)
                .with("warmedUp", tally.warmedUp.sum())
                .with("deliveriesExpected", deliveriesExpected)
                .with("delivered", tally.delivered.sum())
                .with("duplicates", duplicates)
                .with("outOfOrder", outOfOrder)
                .with("strays", strays + garbage)
                .with("errors", errors)
                .with("disconnected", disconnected)
                .with("stalls", tally.stalls.sum())
                .with("latencyP50us", latencies.percentile(0.50))
                .with("latencyP99us", latencies.percentile(0.99))
                .with("latencyMaxUs", latencies.percentile(1.0))
                .with("stillReading", stillReading)
                .with("reads", reads)
                .with("bytesRead", bytesRead)
                .with("cpuJoinMs", cpuJoined - cpuStart)
                .with("cpuWarmupMs", cpuWarmed - cpuJoined)
                .with("cpuMessagesMs", cpuDelivered - cpuWarmed)
                .with("jitMessagesMs", ProcStatus.growth(jitWarmed, jitDelivered))
                .print();
    }

    /** Starts a sender for every client: its messages {@code from} to {@code from + count - 1}. */
    private void startSenders(List<Thread> senders, int from, int count) {
        for (LoadClient client : clients) {
            senders.add(Thread.ofVirtual().name("sender-" + senders.size()).start(() -> client.send(from, count)));
        }
    }

    /**
     * Waits until {@code done}, printing progress, or until {@code progress} has not moved for the
     * quiet time.
     */
    private void watch(String phase, java.util.function.BooleanSupplier done, java.util.function.LongSupplier progress,
                       java.util.function.Supplier<String> status) throws InterruptedException {
        long lastProgress = progress.getAsLong();
        long lastMove = System.nanoTime();
        long lastReport = 0;
        while (!done.getAsBoolean()) {
            Thread.sleep(TICK_MILLIS); // a watcher's tick: the clients do the work, this only looks
            long now = System.nanoTime();
            long current = progress.getAsLong();
            if (current != lastProgress) {
                lastProgress = current;
                lastMove = now;
            } else if (now - lastMove > settings.quiet().toNanos()) {
                ControlLine.of("QUIET").with("phase", phase).with("seconds", settings.quiet().toSeconds()).print();
                return;
            }
            if (now - lastReport >= TimeUnit.MILLISECONDS.toNanos(PROGRESS_MILLIS)) {
                lastReport = now;
                System.out.println(ControlLine.PREFIX + "PROGRESS phase=" + phase + " " + status.get());
                System.out.flush();
            }
        }
    }

    /** This process's processor time so far, in milliseconds. */
    private static long cpuMillis() {
        var system = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return millis(system.getProcessCpuTime());
    }

    /** The part of it this JVM's JIT compiler threads took; -1 where Linux does not say. */
    private static long jitMillis() {
        return ProcStatus.jitMillis(ProcessHandle.current().pid()).orElse(-1);
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
