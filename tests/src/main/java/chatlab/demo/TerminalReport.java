package chatlab.demo;

import chatlab.demo.ClientRecord.End;
import chatlab.stage.StageId;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;

/**
 * The demo's results in the terminal: per stage a timeline (a row per client, time across) and the
 * conclusion computed from it; then, when the student's stages ran, how they compare with the
 * reference.
 */
final class TerminalReport {
    /** Columns of the time axis. */
    static final int WIDTH = 40;
    /** Room for a label like {@code 0.25 s} between two ticks. */
    private static final int MAX_TICKS = WIDTH / 8;

    private final DemoReport report;
    private final Glyphs glyphs;
    private final TimeAxis axis;
    private final int nameWidth;

    TerminalReport(DemoReport report, Glyphs glyphs) {
        this.report = report;
        this.glyphs = glyphs;
        this.axis = TimeAxis.covering(report.timeSpan(), MAX_TICKS);
        this.nameWidth = report.schedule().names().stream().mapToInt(String::length).max().orElse(3);
    }

    void print(PrintStream out) {
        Schedule schedule = report.schedule();
        out.println();
        out.println("accept() outside a loop, inside a loop, and with a thread per client: measured");
        out.println(Wording.count(schedule.clients(), "client", "clients") + " (" + String.join(", ", schedule.names())
                + ") " + Wording.agree(schedule.clients(), "arrives", "arrive " + Wording.seconds(schedule.arrivalGap()) + " apart")
                + " at each server. Once answered, a client stays until everybody is in (at most "
                + Wording.seconds(Schedule.LONGEST_STAY) + "), then says goodbye.");
        out.println(glyphs.legend());
        for (StageRecord stage : report.yours().stages()) {
            out.println();
            printStage(out, stage, report.yours().implementation().name());
        }
        report.reference().ifPresent(reference -> {
            out.println();
            out.println("Compared with the reference (" + reference.implementation().name() + "), measured just now:");
            for (DemoReport.Comparison line : report.comparisons()) {
                out.println("  " + (line.unlike() ? glyphs.warning() + " " : "  ") + line.text());
            }
        });
    }

    private void printStage(PrintStream out, StageRecord record, String implementation) {
        StageId stage = record.stage();
        out.println("Stage " + stage.number() + ", " + stage.title() + ": " + AcceptLoopDemo.design(stage)
                + "   [" + implementation + "]");
        switch (record) {
            case StageRecord.Unavailable unavailable -> out.println("  " + glyphs.warning() + " " + unavailable.why());
            case StageRecord.Measured measured -> printTimeline(out, measured);
        }
    }

    private void printTimeline(PrintStream out, StageRecord.Measured run) {
        String indent = " ".repeat(2 + nameWidth + 1);
        out.println(indent + tickLabels());
        out.println(indent + axisLine());
        for (ClientRecord client : run.clients()) {
            out.println("  " + Wording.padRight(client.name(), nameWidth) + " " + bar(client) + "  " + client.story());
        }
        out.println(indent + run.returnedAt()
                .map(at -> "serve() returned by itself at " + Wording.seconds(at))
                .orElse("still serving at " + Wording.seconds(run.closedAt()) + ", when the demo closed it"));
        run.failure().ifPresent(failure -> out.println(indent + glyphs.warning() + " " + failure));
        run.closeReport().ifPresent(problem -> out.println(indent + glyphs.warning() + " " + problem));
        out.println("  " + glyphs.conclusion() + " " + report.outcome(run).conclusion());
    }

    private String tickLabels() {
        char[] line = new char[WIDTH + 6];
        Arrays.fill(line, ' ');
        int free = 0; // first column a label may start at
        for (Duration tick : axis.ticks()) {
            String label = TimeAxis.label(tick);
            int at = column(tick);
            if (at >= free && at + label.length() <= line.length) {
                label.getChars(0, label.length(), line, at);
                free = at + label.length() + 1;
            }
        }
        return new String(line).stripTrailing();
    }

    private String axisLine() {
        char[] line = new char[WIDTH];
        Arrays.fill(line, glyphs.axis());
        for (Duration tick : axis.ticks()) {
            line[column(tick)] = glyphs.tick();
        }
        return new String(line);
    }

    /** The client's row: waiting from its connection, served from its first answer, a mark where it ended. */
    String bar(ClientRecord client) {
        char[] row = new char[WIDTH];
        Arrays.fill(row, ' ');
        if (client.end() == End.REFUSED) {
            row[column(client.connectCalled())] = glyphs.reset();
            return new String(row);
        }
        if (client.connected().isEmpty()) {
            return new String(row);
        }
        int from = column(client.connected().get());
        int end = column(client.endedAt());
        if (client.served()) {
            // Answered at once: no waiting to draw, however the two times round.
            int answered = client.answeredAtOnce() ? from : column(client.answered().get());
            fill(row, from, answered, glyphs.waiting());
            end = Math.max(end, answered + 1); // a session always shows, however short
            fill(row, answered, end, glyphs.served());
        } else {
            end = Math.max(end, from + 1);
            fill(row, from, end, glyphs.waiting());
        }
        char mark = switch (client.end()) {
            case LEFT, FAREWELL, CLOSED -> glyphs.left();
            case RESET, REFUSED -> glyphs.reset();
            case GAVE_UP -> glyphs.gaveUp();
            case ABORTED -> ' ';
        };
        if (mark != ' ') {
            row[Math.min(end, WIDTH - 1)] = mark;
        }
        return new String(row);
    }

    private static void fill(char[] row, int from, int to, char mark) {
        for (int i = from; i < Math.min(to, row.length); i++) {
            row[i] = mark;
        }
    }

    private int column(Duration at) {
        return (int) Math.round(axis.fraction(at) * (WIDTH - 1));
    }
}
