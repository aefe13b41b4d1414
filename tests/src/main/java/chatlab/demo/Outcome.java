package chatlab.demo;

import chatlab.demo.ClientRecord.End;
import chatlab.stage.StageId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * What happened in one measured run, computed from the clients' records alone: how many were
 * served, whether one after another or at the same time, what became of the others. Its
 * {@link #summary()} is the demo's conclusion; nothing in it is written in advance.
 *
 * @param stage       the stage
 * @param clients     how many clients came
 * @param served      how many got a first answer
 * @param together    the most clients being served at one moment (0 if none was served)
 * @param unanswered  clients that connected but got no answer, by how their connection ended
 *                    ({@link End#RESET}, {@link End#CLOSED}, {@link End#GAVE_UP})
 * @param refused     clients whose {@code connect()} failed
 * @param cutOff      served clients whose session the server ended before they left, by how
 * @param window      the observation window (how long an unanswered client waited at most)
 */
record Outcome(StageId stage, int clients, int served, int together, Map<End, Integer> unanswered, int refused,
               Map<End, Integer> cutOff, Duration window) {

    Outcome {
        unanswered = inOrder(unanswered);
        cutOff = inOrder(cutOff);
    }

    private static Map<End, Integer> inOrder(Map<End, Integer> counts) {
        Map<End, Integer> copy = new EnumMap<>(End.class);
        copy.putAll(counts);
        return Collections.unmodifiableMap(copy);
    }

    /** Computes the outcome of a measured run. */
    static Outcome of(StageRecord.Measured run, Schedule schedule) {
        int served = 0;
        int refused = 0;
        Map<End, Integer> unanswered = new EnumMap<>(End.class);
        Map<End, Integer> cutOff = new EnumMap<>(End.class);
        for (ClientRecord client : run.clients()) {
            if (client.served()) {
                served++;
                if (client.end() != End.LEFT && client.end() != End.ABORTED) {
                    cutOff.merge(client.end(), 1, Integer::sum);
                }
            } else if (client.end() == End.REFUSED) {
                refused++;
            } else if (client.end() != End.ABORTED) {
                unanswered.merge(client.end(), 1, Integer::sum);
            }
        }
        return new Outcome(run.stage(), run.clients().size(), served, mostAtOnce(run.clients()), unanswered, refused,
                cutOff, schedule.observationWindow());
    }

    /**
     * The most sessions in progress at one moment: a session runs from the client's first answer
     * until it ends. Sessions that only touch (one ends as the next is answered) do not overlap.
     */
    static int mostAtOnce(List<ClientRecord> clients) {
        record Edge(Duration at, int change) {
        }
        List<Edge> edges = new ArrayList<>();
        for (ClientRecord client : clients) {
            client.answered().ifPresent(start -> {
                edges.add(new Edge(start, +1));
                edges.add(new Edge(client.endedAt(), -1));
            });
        }
        // At the same instant, ends come before starts.
        edges.sort(Comparator.comparing(Edge::at).thenComparingInt(Edge::change));
        int now = 0;
        int most = 0;
        for (Edge edge : edges) {
            now += edge.change();
            most = Math.max(most, now);
        }
        return most;
    }

    /** How many clients connected but were never answered. */
    int neverAnswered() {
        return unanswered.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * What happened, in one sentence: {@code 1 of 3 clients served; 2 connected but were never
     * answered, then reset}.
     */
    String summary() {
        StringJoiner parts = new StringJoiner("; ");
        parts.add(servedPart());
        int never = neverAnswered();
        if (never > 0) {
            parts.add(never + " connected but " + Wording.agree(never, "was", "were") + " never answered"
                    + endings(unanswered, never));
        }
        if (refused > 0) {
            parts.add(refused + " could not connect");
        }
        int cut = cutOff.values().stream().mapToInt(Integer::intValue).sum();
        if (cut > 0) {
            parts.add("the server ended " + Wording.count(cut, "session", "sessions") + " before the client left"
                    + endings(cutOff, cut));
        }
        return parts.toString();
    }

    /** The conclusion as the demo prints it: {@code stage 1: 1 of 3 clients served; ...}. */
    String conclusion() {
        return "stage " + stage.number() + ": " + summary();
    }

    private String servedPart() {
        String part = served + " of " + Wording.count(clients, "client", "clients") + " served";
        if (served < 2) {
            return part;
        }
        if (together == 1) {
            return part + ", one after another";
        }
        if (together == served) {
            return part + " at the same time";
        }
        return part + ", up to " + together + " at the same time";
    }

    private String endings(Map<End, Integer> byEnd, int total) {
        if (byEnd.size() == 1) {
            End only = byEnd.keySet().iterator().next();
            return switch (only) {
                case RESET -> ", then reset";
                case CLOSED -> ", then closed";
                case FAREWELL -> ", with its farewell";
                case GAVE_UP -> " in " + Wording.seconds(window) + " (" + Wording.agree(total, "it", "they") + " gave up)";
                default -> "";
            };
        }
        StringJoiner each = new StringJoiner(", ", " (", ")");
        byEnd.forEach((end, n) -> each.add(n + " " + switch (end) {
            case RESET -> "reset";
            case CLOSED -> "closed";
            case FAREWELL -> "with its farewell";
            case GAVE_UP -> "gave up";
            default -> end.name().toLowerCase(Locale.ROOT);
        }));
        return each.toString();
    }
}
