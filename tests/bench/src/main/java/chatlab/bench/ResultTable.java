package chatlab.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** The benchmark's table, for people: one row per server, then what went wrong, if anything. */
final class ResultTable {
    private static final String[] HEADINGS = {"server", "join s", "messages s", "deliveries/s", "vs Netty",
        "lost", "dup", "order", "p50 ms", "p99 ms", "CPU s", "JIT s", "KB/write", "threads", "OS thr", "heap MB", "RSS MB", "load"};

    private ResultTable() {
    }

    /** The table of one round: each server's ratio is to Netty's rate in the same round. */
    static void print(PrintStream out, List<RunResult> results) {
        print(out, results, r -> ratioToNetty(r, results));
    }

    /** The table of {@code results}, one row each, with {@code ratio} in the "vs Netty" column. */
    static void print(PrintStream out, List<RunResult> results, Function<RunResult, Optional<Double>> ratio) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADINGS);
        for (RunResult result : results) {
            rows.add(row(result, ratio));
        }
        printAligned(out, rows);
        out.println("join: connecting every client and delivering every joined! notice; messages: from the first message sent");
        out.println("to the last delivered. CPU s: processor time in the message phase, server/load generator (2 cores: at most");
        out.println("twice the wall time between them). JIT s: the part of it the JIT compiler took (a JVM still compiling");
        out.println("is still warming up). KB/write: what the server sent per write system call in the message phase, its");
        out.println("batches (Linux counts write(2), not send(2): blank for Python's server). threads: the server's");
        out.println("own (a stage's, virtual or platform; Netty's event loop); OS thr: the process's operating-system threads at");
        out.println("most; heap: at most / live after a full GC, with all clients connected; RSS: the process's peak resident");
        out.println("memory; load: the machine's load average, before/after.");
        for (RunResult result : results) {
            notes(result).forEach(note -> out.println("  " + result.contender().label() + ": " + note));
        }
    }

    /** Prints {@code rows} (the first is the headings) in columns: the first to the left, the others to the right. */
    static void printAligned(PrintStream out, List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                String cell = i == 0 ? String.format("%-" + widths[i] + "s", row[i]) : String.format("%" + widths[i] + "s", row[i]);
                line.append(i == 0 ? "" : "  ").append(cell);
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** The ratio of {@code result}'s deliveries per second to Netty's in the same run, if there is one. */
    static Optional<Double> ratioToNetty(RunResult result, List<RunResult> results) {
        return nettyOf(results).filter(netty -> netty != result && result.completed())
                .map(netty -> result.deliveriesPerSecond() / netty.deliveriesPerSecond());
    }

    private static Optional<RunResult> nettyOf(List<RunResult> results) {
        return results.stream().filter(r -> r.contender() instanceof Contender.Netty && r.completed()).findFirst();
    }

    private static String[] row(RunResult r, Function<RunResult, Optional<Double>> ratioToNetty) {
        String label = r.contender().label();
        if (!r.completed()) {
            String[] row = new String[HEADINGS.length];
            java.util.Arrays.fill(row, "");
            row[0] = label;
            row[1] = "failed";
            row[HEADINGS.length - 1] = load(r);
            return row;
        }
        String ratio = ratioToNetty.apply(r).map(ResultTable::ratio).orElse("");
        long threads = r.serverNumber("threadsPeak");
        return new String[] {
            label,
            seconds(r.load().number("joinMs")),
            seconds(r.load().number("messagesMs")),
            rate(r.deliveriesPerSecond()),
            ratio,
            count(r.lost()),
            count(r.load().number("duplicates")),
            count(r.load().number("outOfOrder")),
            micros(r.load().number("latencyP50us")),
            micros(r.load().number("latencyP99us")),
            cpu(r.serverCpuMessagesMs()) + "/" + cpu(r.load().number("cpuMessagesMs")),
            cpu(r.serverJitMessagesMs()) + "/" + cpu(r.load().number("jitMessagesMs")),
            Double.isNaN(r.bytesPerServerWrite()) ? "" : String.format(Locale.ROOT, "%.1f", r.bytesPerServerWrite() / 1024),
            threads < 0 ? "" : count(threads),
            r.osThreadsPeak() < 0 ? "" : count(r.osThreadsPeak()),
            r.stats() == null ? "" : r.serverNumber("heapPeakMB") + " / " + r.serverNumber("heapLiveMB"),
            r.residentPeakMB() < 0 ? "" : count(r.residentPeakMB()),
            load(r)};
    }

    /** What a reader must know beyond the row: failures, losses of notices, a server that closed badly. */
    static List<String> notes(RunResult r) {
        List<String> notes = new ArrayList<>();
        if (!r.completed()) {
            notes.add("FAILED: " + r.failure());
            return notes;
        }
        ControlLine load = r.load();
        if (load.number("failedConnects") > 0) {
            notes.add(count(load.number("failedConnects")) + " clients could not connect or join");
        }
        if (r.warmupLost() != 0) {
            notes.add(count(r.warmupLost()) + " of " + count(load.number("warmupExpected")) + " warm-up deliveries lost");
        }
        if (r.joinedMissing() != 0) {
            notes.add(count(r.joinedMissing()) + " of " + count(load.number("joinedExpected")) + " joined! notices missing");
        }
        if (load.number("disconnected") > 0) {
            notes.add(count(load.number("disconnected")) + " members were disconnected during the run");
        }
        if (load.number("errors") > 0) {
            notes.add(count(load.number("errors")) + " ERROR lines received");
        }
        if (load.number("strays") > 0) {
            notes.add(count(load.number("strays")) + " tags garbled");
        }
        if (load.number("stalls") > 0) {
            notes.add(count(load.number("stalls")) + " times a sender waited " + LoadClient.STALL_NANOS / 1_000_000_000
                    + " s for its own message and sent on anyway");
        }
        if (r.stopped() != null && r.stoppedNumber("threadsLeft") > 0) {
            notes.add(count(r.stoppedNumber("threadsLeft")) + " threads still alive after closing");
        }
        return notes;
    }

    static String seconds(long millis) {
        return millis < 0 ? "" : String.format(Locale.ROOT, millis < 10_000 ? "%.2f" : "%.1f", millis / 1000.0);
    }

    static String rate(double perSecond) {
        if (Double.isNaN(perSecond)) {
            return "";
        }
        return perSecond >= 1e6 ? String.format(Locale.ROOT, "%.2f M", perSecond / 1e6)
                : String.format(Locale.ROOT, "%.0f k", perSecond / 1e3);
    }

    static String ratio(double ratio) {
        return String.format(Locale.ROOT, "%.2f", ratio);
    }

    static String micros(long micros) {
        return micros < 0 ? "" : String.format(Locale.ROOT, micros < 10_000 ? "%.2f" : "%.0f", micros / 1000.0);
    }

    private static String cpu(long millis) {
        return millis < 0 ? "?" : String.format(Locale.ROOT, "%.1f", millis / 1000.0);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String load(RunResult r) {
        return r.loadBefore() < 0 ? "" : String.format(Locale.ROOT, "%.1f/%.1f", r.loadBefore(), r.loadAfter());
    }
}
