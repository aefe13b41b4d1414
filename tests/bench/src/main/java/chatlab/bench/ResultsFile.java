package chatlab.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The results file: one JSON object per server measured, one per line, appended run after run
 * (JSON Lines), so that figures from many runs and days can be compared with any tool.
 */
final class ResultsFile {
    private ResultsFile() {
    }

    /** Appends a line for every run of every round ({@code "round"}, from 1, of {@code "rounds"}). */
    static void append(Path file, Machine machine, Benchmark.Plan plan, int stage, Rounds rounds) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        StringBuilder lines = new StringBuilder();
        String date = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
        for (int round = 1; round <= rounds.count(); round++) {
            for (RunResult r : rounds.round(round)) {
                lines.append(json(line(date, machine, plan, stage, round, rounds.count(), r, rounds.round(round)))).append('\n');
            }
        }
        Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static Map<String, Object> line(String date, Machine machine, Benchmark.Plan plan, int stage, int roundIndex,
                                            int rounds, RunResult r, List<RunResult> results) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("date", date);
        o.put("machine", machine.describe());
        o.put("cores", machine.cores());
        o.put("server", r.contender().label());
        o.put("kind", r.contender().kind());
        if (r.contender() instanceof Contender.Stage s) {
            o.put("stage", s.stage().number());
            o.put("impl", s.implementation());
            o.put("threads", s.threads().name().toLowerCase(java.util.Locale.ROOT));
        } else if (r.contender() instanceof Contender.External || r.contender() instanceof Contender.Seed) {
            o.put("stage", stage);
        }
        o.put("dialect", r.contender().dialect().name().toLowerCase(java.util.Locale.ROOT));
        o.put("clients", plan.clients());
        o.put("warmup", plan.warmup());
        o.put("messages", plan.messages());
        o.put("window", plan.window());
        o.put("serverHeapLimitMB", plan.serverHeapMB());
        o.put("loadAverageBefore", round(r.loadBefore()));
        o.put("loadAverageAfter", round(r.loadAfter()));
        o.put("completed", r.completed());
        if (!r.completed()) {
            o.put("failure", r.failure());
        } else {
            r.load().fields().forEach((key, value) -> o.put(key, Long.parseLong(value)));
            o.put("lost", r.lost());
            o.put("warmupLost", r.warmupLost());
            o.put("deliveriesPerSecond", Math.round(r.deliveriesPerSecond()));
            o.put("joinNoticesPerSecond", Math.round(r.joinNoticesPerSecond()));
            ResultTable.ratioToNetty(r, results).ifPresent(ratio -> o.put("ratioToNetty", round(ratio)));
            o.put("perfect", r.perfect());
        }
        if (r.stats() != null) {
            r.stats().fields().forEach((key, value) -> o.put("server_" + key, Long.parseLong(value)));
        }
        if (r.stopped() != null) {
            r.stopped().fields().forEach((key, value) -> o.put("server_" + key, Long.parseLong(value)));
        }
        o.put("serverCpuJoinMs", r.serverCpuJoinMs());
        o.put("serverCpuMessagesMs", r.serverCpuMessagesMs());
        o.put("serverJitMessagesMs", r.serverJitMessagesMs());
        o.put("serverWritesMessages", r.serverWritesMessages());
        o.put("serverBytesWrittenMessages", r.serverBytesWrittenMessages());
        o.put("osThreadsPeak", r.osThreadsPeak());
        o.put("residentPeakMB", r.residentPeakMB());
        o.put("round", roundIndex);
        o.put("rounds", rounds);
        return o;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    static String json(Map<String, Object> object) {
        StringBuilder out = new StringBuilder("{");
        object.forEach((key, value) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(quote(key)).append(':');
            if (value instanceof Double d && !Double.isFinite(d)) {
                out.append("null");
            } else if (value instanceof Number || value instanceof Boolean) {
                out.append(value);
            } else {
                out.append(quote(String.valueOf(value)));
            }
        });
        return out.append('}').toString();
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
