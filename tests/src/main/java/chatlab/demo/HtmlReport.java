package chatlab.demo;

import chatlab.demo.ClientRecord.End;
import chatlab.report.Html;
import chatlab.stage.StageId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The demo's results as one self-contained HTML page for a projector: the three timelines side by
 * side as inline SVG, each with its conclusion and figures. No script, no web font, no image, no
 * link: it reads the same with no network.
 *
 * <p>Colours are from the Okabe-Ito palette (readable with the common colour-blindnesses) and every
 * mark also differs in shape: dashed for waiting, a solid bar for served, a cross for reset.
 */
final class HtmlReport {
    /** The page's file name in the output folder. */
    static final String FILE_NAME = "accept-loop.html";
    static final String SERVED = "#009E73";
    static final String WAITING = "#E69F00";
    static final String RESET = "#D55E00";
    static final String RETURNED = "#0072B2";

    private static final int VIEW_WIDTH = 560;
    private static final int PLOT_LEFT = 96;
    private static final int PLOT_RIGHT = 536;
    private static final int AXIS_Y = 36;
    private static final int FIRST_ROW_Y = 44;
    private static final int ROW_HEIGHT = 56;
    private static final int MAX_TICKS = 6;

    private final DemoReport report;
    private final TimeAxis axis;

    HtmlReport(DemoReport report) {
        this.report = report;
        this.axis = TimeAxis.covering(report.timeSpan(), MAX_TICKS);
    }

    /** Writes the page into {@code folder} (made if needed); returns its path. */
    Path writeInto(Path folder) throws IOException {
        Files.createDirectories(folder);
        Path page = folder.resolve(FILE_NAME);
        Files.writeString(page, page(), StandardCharsets.UTF_8);
        return page;
    }

    String page() {
        Schedule schedule = report.schedule();
        StringBuilder html = new StringBuilder();
        html.append("""
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>accept() in a loop or outside it: measured (ChatLab)</title>
                <style>
                body { font-family: system-ui, "DejaVu Sans", "Segoe UI", Arial, sans-serif; font-size: 22px;
                       margin: 18px 28px; color: #111; background: #fff; }
                h1 { font-size: 38px; margin: 0 0 6px; }
                h2 { font-size: 30px; margin: 18px 0 10px; }
                h3 { font-size: 30px; margin: 0; }
                p { margin: 4px 0; }
                .setup { font-size: 22px; color: #333; }
                .legend { display: flex; flex-wrap: wrap; gap: 6px 30px; margin: 10px 0 4px; font-size: 22px; }
                .legend span { display: inline-flex; align-items: center; gap: 8px; }
                .stages { display: flex; gap: 20px; align-items: stretch; }
                figure.stage { flex: 1 1 0; min-width: 0; margin: 0; padding: 12px 14px; border: 2px solid #ccc;
                               border-radius: 10px; }
                .design { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 21px; color: #333; min-height: 1.3em; }
                svg.timeline { display: block; width: 100%; height: auto; margin: 8px 0; }
                svg text { font-family: system-ui, "DejaVu Sans", Arial, sans-serif; }
                figcaption.conclusion { font-size: 29px; font-weight: 700; line-height: 1.25; }
                .server { font-size: 20px; color: #333; margin-top: 4px; }
                .warning { font-size: 20px; color: #8a2b00; overflow-wrap: anywhere; }
                .unavailable { font-size: 22px; color: #8a2b00; padding: 20px 0; overflow-wrap: anywhere; }
                table.figures { border-collapse: collapse; width: 100%; font-size: 19px; margin-top: 10px; }
                table.figures th, table.figures td { text-align: left; padding: 2px 6px; border-bottom: 1px solid #ddd; }
                ul.differences { font-size: 22px; }
                ul.differences li.unlike { color: #8a2b00; font-weight: 600; }
                @media (max-width: 1100px) { .stages { flex-direction: column; } }
                </style>
                </head>
                <body>
                """);
        html.append("<header>\n<h1>accept() outside a loop, inside a loop, and with a thread per client</h1>\n");
        html.append("<p class=\"setup\">").append(Html.escape(Wording.count(schedule.clients(), "client", "clients") + " ("
                        + String.join(", ", schedule.names()) + ") arrived " + Wording.seconds(schedule.arrivalGap())
                        + " apart at each server. Once answered, a client stayed until everybody was in (at most "
                        + Wording.seconds(Schedule.LONGEST_STAY) + "), then said goodbye. Measured on this machine, "
                        + report.when().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)) + "."))
                .append("</p>\n");
        legend(html);
        html.append("</header>\n");

        section(html, report.yours(), report.reference().isPresent() ? "Yours: " : "");
        report.reference().ifPresent(reference -> {
            differences(html);
            section(html, reference, "The reference, measured in the same run: ");
        });
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    private void legend(StringBuilder html) {
        html.append("<div class=\"legend\">\n");
        legendItem(html, "<rect x=\"2\" y=\"7\" width=\"40\" height=\"18\" rx=\"3\" fill=\"" + SERVED + "\"/>",
                "served (answered, chatting)");
        legendItem(html, "<line x1=\"2\" y1=\"16\" x2=\"42\" y2=\"16\" stroke=\"" + WAITING
                + "\" stroke-width=\"7\" stroke-dasharray=\"9 6\"/>", "connected, no answer yet");
        legendItem(html, "<rect x=\"19\" y=\"2\" width=\"6\" height=\"28\" fill=\"#222\"/>", "left");
        legendItem(html, cross(22, 16, RESET, "mark"), "reset (or refused)");
        legendItem(html, "<line x1=\"22\" y1=\"0\" x2=\"22\" y2=\"32\" stroke=\"" + RETURNED
                + "\" stroke-width=\"3\" stroke-dasharray=\"5 4\"/>", "serve() returned");
        html.append("</div>\n");
    }

    private static void legendItem(StringBuilder html, String shape, String label) {
        html.append("<span><svg width=\"44\" height=\"32\" viewBox=\"0 0 44 32\" aria-hidden=\"true\">").append(shape)
                .append("</svg>").append(Html.escape(label)).append("</span>\n");
    }

    private void section(StringBuilder html, DemoReport.Run run, String prefix) {
        html.append("<section class=\"run\">\n<h2>").append(Html.escape(prefix + run.implementation().name())).append("</h2>\n");
        html.append("<div class=\"stages\">\n");
        for (StageRecord stage : run.stages()) {
            figure(html, stage);
        }
        html.append("</div>\n</section>\n");
    }

    private void figure(StringBuilder html, StageRecord record) {
        StageId stage = record.stage();
        html.append("<figure class=\"stage\" id=\"stage").append(stage.number()).append("\">\n");
        html.append("<h3>Stage ").append(stage.number()).append(": ").append(Html.escape(stage.title())).append("</h3>\n");
        html.append("<p class=\"design\">").append(Html.escape(AcceptLoopDemo.design(stage))).append("</p>\n");
        switch (record) {
            case StageRecord.Unavailable unavailable ->
                    html.append("<p class=\"unavailable\">").append(Html.escape(unavailable.why())).append("</p>\n");
            case StageRecord.Measured measured -> measuredFigure(html, measured);
        }
        html.append("</figure>\n");
    }

    private void measuredFigure(StringBuilder html, StageRecord.Measured run) {
        Outcome outcome = report.outcome(run);
        timeline(html, run, outcome);
        html.append("<figcaption class=\"conclusion\">").append(Html.escape(outcome.conclusion())).append("</figcaption>\n");
        html.append("<p class=\"server\">").append(Html.escape(run.returnedAt()
                .map(at -> "serve() returned by itself at " + Wording.seconds(at) + ".")
                .orElse("Still serving at " + Wording.seconds(run.closedAt()) + ", when the demo closed it."))).append("</p>\n");
        run.failure().ifPresent(f -> html.append("<p class=\"warning\">").append(Html.escape(f)).append("</p>\n"));
        run.closeReport().ifPresent(p -> html.append("<p class=\"warning\">").append(Html.escape(p)).append("</p>\n"));
        figures(html, run.clients());
    }

    private void timeline(StringBuilder html, StageRecord.Measured run, Outcome outcome) {
        List<ClientRecord> clients = run.clients();
        int bottom = FIRST_ROW_Y + clients.size() * ROW_HEIGHT;
        int height = bottom + (run.returnedAt().isPresent() ? 30 : 8);
        html.append("<svg class=\"timeline\" viewBox=\"0 0 ").append(VIEW_WIDTH).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"").append(Html.escape("Timeline of " + outcome.conclusion())).append("\">\n");
        for (Duration tick : axis.ticks()) {
            int x = x(tick);
            html.append("<line class=\"grid\" x1=\"").append(x).append("\" y1=\"").append(AXIS_Y).append("\" x2=\"").append(x)
                    .append("\" y2=\"").append(bottom).append("\" stroke=\"#ddd\" stroke-width=\"2\"/>\n");
            html.append("<text x=\"").append(x).append("\" y=\"26\" font-size=\"21\" text-anchor=\"middle\" fill=\"#333\">")
                    .append(Html.escape(TimeAxis.label(tick))).append("</text>\n");
        }
        html.append("<line x1=\"").append(PLOT_LEFT).append("\" y1=\"").append(AXIS_Y).append("\" x2=\"").append(PLOT_RIGHT)
                .append("\" y2=\"").append(AXIS_Y).append("\" stroke=\"#666\" stroke-width=\"2\"/>\n");
        for (int i = 0; i < clients.size(); i++) {
            row(html, clients.get(i), FIRST_ROW_Y + i * ROW_HEIGHT + ROW_HEIGHT / 2);
        }
        run.returnedAt().ifPresent(at -> {
            int x = x(at);
            html.append("<g class=\"returned\"><line x1=\"").append(x).append("\" y1=\"").append(AXIS_Y).append("\" x2=\"")
                    .append(x).append("\" y2=\"").append(bottom + 4).append("\" stroke=\"").append(RETURNED)
                    .append("\" stroke-width=\"3\" stroke-dasharray=\"6 5\"/>");
            boolean roomOnRight = x + 170 < VIEW_WIDTH;
            html.append("<text x=\"").append(roomOnRight ? x + 6 : x - 6).append("\" y=\"").append(bottom + 24)
                    .append("\" font-size=\"18\" fill=\"").append(RETURNED).append("\" text-anchor=\"")
                    .append(roomOnRight ? "start" : "end").append("\">serve() returned</text></g>\n");
        });
        html.append("</svg>\n");
    }

    private void row(StringBuilder html, ClientRecord client, int y) {
        html.append("<g class=\"client\"><title>").append(Html.escape(client.name() + ": " + client.story())).append("</title>");
        html.append("<text x=\"8\" y=\"").append(y + 8).append("\" font-size=\"26\" font-weight=\"700\">")
                .append(Html.escape(client.name())).append("</text>");
        if (client.end() == End.REFUSED) {
            html.append(cross(x(client.connectCalled()), y, "#777", "refused"));
        } else if (client.connected().isPresent()) {
            int from = x(client.connected().get());
            int end = x(client.endedAt());
            int waitEnd = client.answeredAtOnce() ? from : client.answered().map(this::x).orElse(end);
            if (waitEnd > from) {
                html.append("<line class=\"waiting\" x1=\"").append(from).append("\" y1=\"").append(y).append("\" x2=\"")
                        .append(waitEnd).append("\" y2=\"").append(y).append("\" stroke=\"").append(WAITING)
                        .append("\" stroke-width=\"8\" stroke-dasharray=\"10 7\"/>");
            }
            if (client.served()) {
                int start = waitEnd;
                html.append("<rect class=\"served\" x=\"").append(start).append("\" y=\"").append(y - 13)
                        .append("\" width=\"").append(Math.max(6, end - start)).append("\" height=\"26\" rx=\"4\" fill=\"")
                        .append(SERVED).append("\"/>");
            }
            int markX = Math.max(end, client.served() ? waitEnd + 6 : from);
            html.append(switch (client.end()) {
                case LEFT, FAREWELL, CLOSED -> "<rect class=\"left\" x=\"" + (markX - 3) + "\" y=\"" + (y - 18)
                        + "\" width=\"6\" height=\"36\" fill=\"#222\"/>";
                case RESET -> cross(markX, y, RESET, "reset");
                case GAVE_UP -> "<text x=\"" + (markX + 4) + "\" y=\"" + (y + 9)
                        + "\" font-size=\"26\" font-weight=\"700\" fill=\"#555\">?</text>";
                case REFUSED, ABORTED -> "";
            });
        }
        html.append("</g>\n");
    }

    private static String cross(int x, int y, String colour, String cssClass) {
        int r = 11;
        return "<g class=\"" + cssClass + "\" stroke=\"" + colour + "\" stroke-width=\"6\" stroke-linecap=\"round\">"
                + "<line x1=\"" + (x - r) + "\" y1=\"" + (y - r) + "\" x2=\"" + (x + r) + "\" y2=\"" + (y + r) + "\"/>"
                + "<line x1=\"" + (x - r) + "\" y1=\"" + (y + r) + "\" x2=\"" + (x + r) + "\" y2=\"" + (y - r) + "\"/></g>";
    }

    private static void figures(StringBuilder html, List<ClientRecord> clients) {
        html.append("<table class=\"figures\">\n<tr><th>client</th><th>connected</th><th>answered</th><th>ended</th></tr>\n");
        for (ClientRecord client : clients) {
            html.append("<tr><td>").append(Html.escape(client.name())).append("</td><td>")
                    .append(Html.escape(client.connected().map(Wording::seconds).orElse(client.end() == End.REFUSED ? "refused" : "-")))
                    .append("</td><td>")
                    .append(Html.escape(client.answered().map(at -> Wording.seconds(at) + (client.answeredAtOnce() ? " (at once)"
                            : " (waited " + Wording.seconds(client.waited().orElseThrow()) + ")")).orElse("never")))
                    .append("</td><td>").append(Html.escape(ending(client))).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static String ending(ClientRecord client) {
        return switch (client.end()) {
            case LEFT -> "left";
            case FAREWELL -> "server said bye";
            case CLOSED -> "closed by server";
            case RESET -> "reset";
            case GAVE_UP -> "gave up";
            case REFUSED -> "refused";
            case ABORTED -> "stopped";
        } + (client.end() == End.ABORTED ? "" : " at " + Wording.seconds(client.endedAt()));
    }

    private void differences(StringBuilder html) {
        html.append("<section class=\"comparison\">\n<h2>Compared with the reference</h2>\n<ul class=\"differences\">\n");
        for (DemoReport.Comparison line : report.comparisons()) {
            html.append("<li class=\"").append(line.unlike() ? "unlike" : "like").append("\">").append(Html.escape(line.text()))
                    .append("</li>\n");
        }
        html.append("</ul>\n</section>\n");
    }

    private int x(Duration at) {
        return PLOT_LEFT + (int) Math.round(axis.fraction(at) * (PLOT_RIGHT - PLOT_LEFT));
    }
}
