package chatlab.bench;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the same load against each contender in turn: its server in a JVM (or process) of its own,
 * the load generator in another, the benchmark itself in a third, so that no two of them share a
 * heap, a garbage collector or a scheduler; only the machine's two cores are shared, as they would be
 * by any two programs.
 *
 * <p>For each contender: start the server, start the load generator, wait for the end of its message
 * phase, ask the server for its figures (all clients still connected), stop the server (before the
 * clients leave, so that 10,000 departures do not each tell everyone else), let the clients go, and
 * collect their findings. Every process is ended, by its pid, before the next contender starts.
 */
final class Benchmark {
    /**
     * The load, the same for every contender.
     *
     * @param warmup         messages each client sends before the measured ones, untimed (0: none)
     * @param window         how many of its own messages a client may have in flight
     * @param connectPermits how many clients may be in their handshake at once
     * @param quiet          how long a phase may go without progress before it is given up
     * @param timeout        the most one contender's run may take
     * @param serverHeapMB   the heap limit of a server JVM ({@code -Xmx})
     */
    record Plan(int clients, int warmup, int messages, int window, int connectPermits, Duration quiet,
                Duration timeout, int serverHeapMB) {

        /** The window a client gets unless told: at most about 256 KiB of messages in flight to each member. */
        static int defaultWindow(int clients, int messages) {
            return (int) Math.max(1, Math.min(messages, 256 * 1024L / (clients * 32L)));
        }

        /** The warm-up's size unless told: deliveries in all, rounded up to whole messages. */
        static final long WARMUP_DELIVERIES = 50_000_000;

        /**
         * The warm-up a client gets unless told: about {@value #WARMUP_DELIVERIES} deliveries in all,
         * and at least one message each. Why so many? A JVM runs at its speed only once its JIT
         * compiler has compiled the hot code, and on two cores shared with everything else that
         * takes the compiler seconds, longer for a server on virtual threads (the scheduler's and the
         * sockets' code is compiled too). At 50 members x 1,000 messages (2026-12-04):
         * <ul>
         *   <li>after a million deliveries both servers' compilers were busy through the measured
         *       phase, and both delivered about 8 million a second;</li>
         *   <li>after 25 million, stage 4's compiler still took up to 140 of its 250 ms in the
         *       phase (the virtual threads' scheduler, compiled at last);</li>
         *   <li>after 50 million, 0 to 20 ms, and both delivered 14 million a second.</li>
         * </ul>
         * The table's "JIT s" column shows what the compilers still took. The warm-up may well last
         * longer than the measured phase: the measured phase is what a warmed-up server does. Why
         * at least one message even at 10,000 clients, where the join phase is 50 million notices?
         * Joining warms up the code that joins, not the code a message takes.
         */
        static int defaultWarmup(int clients) {
            long perMessage = (long) clients * clients; // each message goes to every client
            return (int) Math.max(1, Math.ceilDiv(WARMUP_DELIVERIES, perMessage));
        }
    }

    /** Where the benchmark tells how it is going. */
    interface Progress {
        /** Round {@code round} of {@code rounds} begins (only when there is more than one). */
        void round(int round, int rounds);

        void starting(Contender contender);

        /** A control line from the load generator: {@code PROGRESS}, {@code JOINED}, {@code QUIET}. */
        void update(Contender contender, ControlLine line);

        void finished(RunResult result);
    }

    private final Plan plan;
    private final Progress progress;

    Benchmark(Plan plan, Progress progress) {
        this.plan = plan;
        this.progress = progress;
    }

    /**
     * Runs every contender {@code rounds} times, taking turns (each round runs each contender once,
     * in order), so that a machine that drifts during the benchmark drifts for all of them alike.
     *
     * @return each round's results, in the contenders' order
     */
    List<List<RunResult>> run(List<Contender> contenders, int rounds) throws InterruptedException {
        List<List<RunResult>> all = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            if (rounds > 1) {
                progress.round(round, rounds);
            }
            List<RunResult> results = new ArrayList<>();
            for (Contender contender : contenders) {
                progress.starting(contender);
                RunResult result = runOne(contender);
                progress.finished(result);
                results.add(result);
            }
            all.add(results);
        }
        return all;
    }

    private RunResult runOne(Contender contender) throws InterruptedException {
        double loadBefore = loadAverage();
        ServerProcess server = null;
        LoadProcess load = null;
        ControlLine stats = null;
        ControlLine stopped = null;
        try {
            server = contender.start(plan.serverHeapMB());
            InetSocketAddress address = server != null
                    ? new InetSocketAddress("127.0.0.1", server.port())
                    : ((Contender.External) contender).address();
            ServerProcess measured = server;
            ProcStatus.Usage atStart = usage(server);
            // What the server has used once joined, and once warmed up (if at all: then as once joined):
            ProcStatus.Usage[] used = {ProcStatus.Usage.UNKNOWN, ProcStatus.Usage.UNKNOWN};
            load = LoadProcess.start(new LoadGenerator.Settings(address, plan.clients(), plan.warmup(), plan.messages(),
                    contender.dialect(), plan.window(), plan.connectPermits(), plan.quiet(), 0), loadHeapMB());
            ControlLine[] last = {null}; // the last progress report, for a run that times out
            if (!load.awaitDelivered(plan.timeout(), line -> {
                if (line.is("JOINED")) {
                    used[0] = usage(measured);
                    used[1] = used[0];
                }
                if (line.is("WARMED")) {
                    used[1] = usage(measured);
                }
                if (line.is("PROGRESS")) {
                    last[0] = line;
                }
                progress.update(contender, line);
            })) {
                return new RunResult(contender, null, null, null, -1, -1, -1, -1, -1, -1, -1, loadBefore, loadAverage(),
                        "timed out after " + plan.timeout().toMinutes() + " min" + (last[0] == null ? ""
                                : ", at " + ProgressReport.describe(last[0])));
            }
            ProcStatus.Usage joining = used[0].since(atStart);
            ProcStatus.Usage messages = usage(server).since(used[1]);
            if (server != null) {
                stats = server.stats();
                stopped = server.stop();
            }
            ControlLine findings = load.finish();
            return new RunResult(contender, findings, stats, stopped,
                    server == null ? -1 : server.threadsPeak(), server == null ? -1 : server.residentPeakMB(),
                    joining.cpuMillis(), messages.cpuMillis(), messages.jitMillis(), messages.writeCalls(),
                    messages.bytesWritten(),
                    loadBefore, loadAverage(), null);
        } catch (ChildProcess.Ended e) {
            return new RunResult(contender, null, stats, stopped, -1, -1, -1, -1, -1, -1, -1, loadBefore, loadAverage(), e.getMessage());
        } finally {
            if (load != null) {
                load.kill();
                load.close();
            }
            if (server != null) {
                server.close();
            }
        }
    }

    private static ProcStatus.Usage usage(ServerProcess server) {
        return server == null ? ProcStatus.Usage.UNKNOWN : server.usage();
    }

    /** Enough for the clients' receipts, their buffers and threads, with room to spare. */
    private int loadHeapMB() {
        long bytes = Receipts.bytesFor(plan.clients(), plan.warmup() + plan.messages()) + plan.clients() * 64L * 1024;
        return (int) Math.max(512, 256 + 2 * bytes / (1024 * 1024));
    }

    /** The machine's load average over the last minute; -1 where the system does not say. */
    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
