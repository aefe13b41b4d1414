package chatlab.grading;

import chatlab.report.Html;
import chatlab.suite.PlannedProperty;
import chatlab.suite.PropertyOutcome.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A batch's {@code summary.html}: one self-contained page for the instructor, readable on a
 * projector. The score distribution (a histogram of totals), the mean points per stage, each
 * property's pass rate across the class (grouped by stage, so the mistake the class made stands
 * out), and a table of students. Charts are inline SVG; no script, no font, no image, no link: it
 * reads the same with no network.
 *
 * <p>Colours are from the Okabe-Ito palette (readable with the common colour-blindnesses), and a
 * pass rate's colour is never its only sign: every bar carries its "k of n passed" in words.
 * Student ids and property names are data: every text is escaped.
 */
public final class ClassSummaryPage {
    /** The file's name in the batch's output folder. */
    public static final String FILE_NAME = "summary.html";
    static final String HISTOGRAM = "#0072B2";
    static final String STAGE_MEAN = "#56B4E9";
    static final String PASS_HIGH = "#009E73";
    static final String PASS_MIDDLE = "#E69F00";
    static final String PASS_LOW = "#D55E00";
    static final String TRACK = "#E6E6E6";
    /** Pass rates from this share up are drawn in {@link #PASS_HIGH}. */
    static final double HIGH = 0.8;
    /** Pass rates from this share up (and below {@link #HIGH}) are drawn in {@link #PASS_MIDDLE}. */
    static final double MIDDLE = 0.5;
    private static final int BINS = 10;
    /** The length of a pass-rate bar at 100%. */
    static final int PASS_TRACK = 360;

    private final List<SubmissionGrade> batch;
    /** The submissions that could be read: what pass rates and stage means are taken over. */
    private final List<SubmissionGrade> readable;
    private final ZonedDateTime when;

    private ClassSummaryPage(List<SubmissionGrade> batch, ZonedDateTime when) {
        this.batch = batch.stream().sorted(Comparator.comparing(SubmissionGrade::student)).toList();
        this.readable = this.batch.stream().filter(g -> g.status() != SubmissionGrade.Status.UNREADABLE).toList();
        this.when = when;
    }

    /** Writes {@link #render} to {@code file} (its folder made if needed), in UTF-8. */
    public static void write(List<SubmissionGrade> batch, ZonedDateTime when, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, render(batch, when), StandardCharsets.UTF_8);
    }

    /** The page for {@code batch}, graded at {@code when}. */
    public static String render(List<SubmissionGrade> batch, ZonedDateTime when) {
        return new ClassSummaryPage(batch, when).page();
    }

    private String page() {
        StringBuilder html = new StringBuilder();
        html.append("""
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>ChatLab: class summary</title>
                <style>
                body { font-family: system-ui, "DejaVu Sans", "Segoe UI", Arial, sans-serif; font-size: 22px;
                       margin: 18px 28px; color: #111; background: #fff; }
                h1 { font-size: 38px; margin: 0 0 6px; }
                h2 { font-size: 30px; margin: 26px 0 6px; }
                p { margin: 4px 0; }
                .facts { font-size: 24px; color: #333; }
                .facts strong { color: #111; }
                .note { font-size: 20px; color: #444; }
                .row { display: flex; gap: 36px; align-items: flex-start; }
                .row > section { flex: 1 1 0; min-width: 0; }
                svg { display: block; width: 100%; height: auto; margin: 8px 0; overflow: visible; }
                svg text { font-family: system-ui, "DejaVu Sans", Arial, sans-serif; fill: #111; }
                .legend { display: flex; flex-wrap: wrap; gap: 6px 30px; margin: 6px 0; font-size: 21px; }
                .legend span { display: inline-flex; align-items: center; gap: 8px; }
                .swatch { display: inline-block; width: 34px; height: 20px; border-radius: 3px; }
                table.students { border-collapse: collapse; font-size: 21px; margin-top: 8px; }
                table.students th, table.students td { padding: 3px 14px; border-bottom: 1px solid #ddd; text-align: right; }
                table.students th:first-child, table.students td:first-child { text-align: left; overflow-wrap: anywhere; }
                table.students .status { text-align: left; }
                table.students tr:nth-child(even) td { background: #f6f6f6; }
                table.students td.lost { color: #8a2b00; }
                table.students td.warning { color: #8a2b00; font-weight: 700; }
                @media (max-width: 1100px) { .row { flex-direction: column; } }
                </style>
                </head>
                """);
        html.append("<body data-submissions=\"").append(batch.size()).append("\">\n");
        header(html);
        if (batch.isEmpty()) {
            html.append("<p>No submissions were graded.</p>\n</body>\n</html>\n");
            return html.toString();
        }
        html.append("<div class=\"row\">\n<section>\n<h2>Score distribution</h2>\n");
        histogram(html);
        html.append("</section>\n<section>\n<h2>Mean points per stage</h2>\n");
        stageMeans(html);
        html.append("</section>\n</div>\n");
        html.append("<section>\n<h2>Pass rate of each property</h2>\n");
        passRates(html);
        html.append("</section>\n<section>\n<h2>Students</h2>\n");
        students(html);
        html.append("</section>\n</body>\n</html>\n");
        return html.toString();
    }

    // ---- What was graded, when, with which seed

    private void header(StringBuilder html) {
        html.append("<header>\n<h1>ChatLab: class summary</h1>\n<p class=\"facts\">");
        Map<SubmissionGrade.Status, Long> byStatus = new EnumMap<>(SubmissionGrade.Status.class);
        batch.forEach(g -> byStatus.merge(g.status(), 1L, Long::sum));
        String statuses = byStatus.size() <= 1 && byStatus.containsKey(SubmissionGrade.Status.GRADED) ? ""
                : " (" + byStatus.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().label())
                        .collect(Collectors.joining(", ")) + ")";
        html.append("<strong>").append(batch.size()).append(batch.size() == 1 ? " submission" : " submissions")
                .append("</strong>").append(Html.escape(statuses));
        html.append(" · graded ").append(Html.escape(when.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT))));
        SortedSet<Long> seeds = batch.stream().map(SubmissionGrade::seed).collect(Collectors.toCollection(TreeSet::new));
        if (!seeds.isEmpty()) {
            html.append(" · ").append(seeds.size() == 1 ? "seed " : "seeds ").append(Html.escape(seeds.size() <= 4
                    ? seeds.stream().map(String::valueOf).collect(Collectors.joining(", "))
                    : seeds.size() + " different"));
        }
        if (!batch.isEmpty()) {
            double[] totals = batch.stream().mapToDouble(SubmissionGrade::score).sorted().toArray();
            double median = totals.length % 2 == 1 ? totals[totals.length / 2]
                    : (totals[totals.length / 2 - 1] + totals[totals.length / 2]) / 2;
            html.append(" · mean <strong>").append(decimal(mean(totals))).append("</strong>, median <strong>")
                    .append(decimal(median)).append("</strong> of ").append(scale());
        }
        html.append("</p>\n</header>\n");
    }

    // ---- The score distribution

    /** The top of the score scale: the suite's total (100 for the whole lab). */
    private int scale() {
        return Math.max(1, batch.stream().mapToInt(SubmissionGrade::maxScore).max().orElse(100));
    }

    private void histogram(StringBuilder html) {
        int scale = scale();
        int[] counts = new int[BINS];
        for (SubmissionGrade grade : batch) {
            counts[Math.min(BINS - 1, grade.score() * BINS / scale)]++;
        }
        int most = Arrays.stream(counts).max().orElse(0);
        int step = niceStep(most, 5);
        int top = Math.max(step, (most + step - 1) / step * step);
        int left = 70;
        int right = 860;
        int plotTop = 30;
        int bottom = 350;
        double binWidth = (right - left) / (double) BINS;
        html.append("<svg id=\"score-distribution\" viewBox=\"0 0 880 430\" role=\"img\" aria-label=\"")
                .append(Html.escape("Histogram of the total scores of " + batch.size() + " submissions")).append("\">\n");
        for (int tick = 0; tick <= top; tick += step) {
            int y = bottom - (int) Math.round((double) tick / top * (bottom - plotTop));
            html.append("<line x1=\"").append(left).append("\" y1=\"").append(y).append("\" x2=\"").append(right)
                    .append("\" y2=\"").append(y).append("\" stroke=\"#ddd\" stroke-width=\"2\"/>");
            html.append("<text x=\"").append(left - 10).append("\" y=\"").append(y + 7)
                    .append("\" font-size=\"20\" text-anchor=\"end\">").append(tick).append("</text>\n");
        }
        for (int bin = 0; bin < BINS; bin++) {
            int low = bin * scale / BINS;
            int high = bin == BINS - 1 ? scale : (bin + 1) * scale / BINS - 1;
            double x = left + bin * binWidth;
            int height = (int) Math.round((double) counts[bin] / top * (bottom - plotTop));
            html.append("<g class=\"bin\"><title>").append(Html.escape(low + " to " + high + " points: "
                    + plural(counts[bin], "submission", "submissions"))).append("</title>");
            html.append("<rect class=\"bin\" data-count=\"").append(counts[bin]).append("\" x=\"").append(px(x + 5))
                    .append("\" y=\"").append(bottom - height).append("\" width=\"").append(px(binWidth - 10))
                    .append("\" height=\"").append(height).append("\" fill=\"").append(HISTOGRAM).append("\"/>");
            if (counts[bin] > 0) {
                html.append("<text x=\"").append(px(x + binWidth / 2)).append("\" y=\"").append(bottom - height - 8)
                        .append("\" font-size=\"22\" font-weight=\"700\" text-anchor=\"middle\">").append(counts[bin])
                        .append("</text>");
            }
            html.append("<text x=\"").append(px(x + binWidth / 2)).append("\" y=\"").append(bottom + 30)
                    .append("\" font-size=\"19\" text-anchor=\"middle\">").append(low).append('–').append(high)
                    .append("</text></g>\n");
        }
        html.append("<line x1=\"").append(left).append("\" y1=\"").append(bottom).append("\" x2=\"").append(right)
                .append("\" y2=\"").append(bottom).append("\" stroke=\"#666\" stroke-width=\"2\"/>\n");
        html.append("<text x=\"").append((left + right) / 2).append("\" y=\"").append(bottom + 66)
                .append("\" font-size=\"21\" text-anchor=\"middle\">total points (of ").append(scale)
                .append("); height: number of submissions</text>\n");
        html.append("</svg>\n");
    }

    // ---- Mean points per stage

    private void stageMeans(StringBuilder html) {
        Map<Integer, Integer> available = new TreeMap<>();
        batch.forEach(g -> g.availableByStage().forEach((stage, points) -> available.merge(stage, points, Math::max)));
        int widest = available.values().stream().mapToInt(Integer::intValue).max().orElse(1);
        int rowHeight = 96;
        int trackWidth = 540;
        html.append("<svg id=\"stage-means\" viewBox=\"0 0 880 ").append(Math.max(1, available.size()) * rowHeight + 20)
                .append("\" role=\"img\" aria-label=\"Mean points per stage\">\n");
        int row = 0;
        for (Map.Entry<Integer, Integer> stage : available.entrySet()) {
            double mean = readable.stream().mapToDouble(g -> g.earnedByStage().getOrDefault(stage.getKey(), 0))
                    .average().orElse(0);
            int y = 10 + row++ * rowHeight;
            int track = Math.max(1, trackWidth * stage.getValue() / widest);
            int filled = (int) Math.round(track * mean / Math.max(1, stage.getValue()));
            html.append("<g class=\"stage\" data-stage=\"").append(stage.getKey()).append("\">");
            html.append("<text x=\"0\" y=\"").append(y + 26).append("\" font-size=\"24\" font-weight=\"700\">")
                    .append(Html.escape(StageNames.of(stage.getKey()))).append("</text>");
            html.append("<rect class=\"track\" x=\"0\" y=\"").append(y + 40).append("\" width=\"").append(track)
                    .append("\" height=\"36\" rx=\"4\" fill=\"").append(TRACK).append("\"/>");
            html.append("<rect class=\"mean\" x=\"0\" y=\"").append(y + 40).append("\" width=\"").append(filled)
                    .append("\" height=\"36\" rx=\"4\" fill=\"").append(STAGE_MEAN).append("\"/>");
            html.append("<text x=\"").append(track + 16).append("\" y=\"").append(y + 67).append("\" font-size=\"24\">")
                    .append("<tspan font-weight=\"700\">").append(decimal(mean)).append("</tspan> of ")
                    .append(stage.getValue()).append("</text></g>\n");
        }
        html.append("</svg>\n");
        html.append("<p class=\"note\">Means over the ").append(plural(readable.size(), "submission", "submissions"))
                .append(" that could be read; a bar's length is the stage's points.</p>\n");
    }

    // ---- Each property's pass rate

    /** One property across the class. */
    private record Tally(PropertyGrade first, int passed, int total, Map<Kind, Integer> kinds) {
        double rate() {
            return total == 0 ? 0 : (double) passed / total;
        }
    }

    private List<Tally> tallies() {
        Map<String, List<PropertyGrade>> byProperty = new LinkedHashMap<>();
        for (SubmissionGrade grade : readable) {
            for (PropertyGrade property : grade.properties()) {
                byProperty.computeIfAbsent(key(property.outcome().property()), k -> new ArrayList<>()).add(property);
            }
        }
        List<Tally> tallies = new ArrayList<>();
        for (List<PropertyGrade> grades : byProperty.values()) {
            Map<Kind, Integer> kinds = new EnumMap<>(Kind.class);
            grades.forEach(p -> kinds.merge(p.outcome().kind(), 1, Integer::sum));
            tallies.add(new Tally(grades.getFirst(), kinds.getOrDefault(Kind.PASSED, 0), grades.size(), kinds));
        }
        tallies.sort(Comparator.comparingInt((Tally t) -> t.first().stage()).thenComparingInt(t -> t.first().number()));
        return tallies;
    }

    private static String key(PlannedProperty property) {
        return property.stage() + "\n" + property.name();
    }

    private void passRates(StringBuilder html) {
        html.append("<div class=\"legend\">");
        swatch(html, PASS_HIGH, percent(HIGH) + " or more passed");
        swatch(html, PASS_MIDDLE, percent(MIDDLE) + " to " + percent(HIGH) + " passed");
        swatch(html, PASS_LOW, "under " + percent(MIDDLE) + " passed");
        html.append("</div>\n");
        html.append("<p class=\"note\">Over the ").append(plural(readable.size(), "submission", "submissions"))
                .append(" that could be read. Hover over a bar for how the others went.</p>\n");

        // Columns, in the chart's units (about a pixel each at 1920 wide): the number, the points,
        // the bar, "k of n passed", the name (wrapped to lines that fit what is left of the width).
        int numberRight = 46;
        int pointsRight = 118;
        int barX = 132;
        int countX = barX + PASS_TRACK + 14;
        int nameX = countX + 230;
        int nameChars = 95;
        int headingHeight = 56;
        int lineHeight = 30;
        int rowPadding = 16;
        List<Tally> tallies = tallies();
        StringBuilder rows = new StringBuilder();
        int y = 0;
        int stage = Integer.MIN_VALUE;
        for (Tally tally : tallies) {
            PropertyGrade property = tally.first();
            if (property.stage() != stage) {
                stage = property.stage();
                rows.append("<text class=\"stage\" x=\"0\" y=\"").append(y + 40)
                        .append("\" font-size=\"27\" font-weight=\"700\">").append(Html.escape(StageNames.of(stage)))
                        .append("<tspan font-weight=\"400\"> (").append(plural(stagePoints(tallies, stage), "point", "points"))
                        .append(")</tspan></text>\n");
                y += headingHeight;
            }
            List<String> name = wrap(property.name() + switch (property.visibility()) {
                case VISIBLE -> "";
                case HIDDEN -> " (hidden)";
                case AFTER_DUE_DATE -> " (after the due date)";
            }, nameChars);
            int height = name.size() * lineHeight + rowPadding;
            int barY = y + (height - 30) / 2;
            int textY = barY + 23;
            rows.append("<g class=\"property\" data-passed=\"").append(tally.passed()).append("\" data-total=\"")
                    .append(tally.total()).append("\"><title>").append(Html.escape(Markdown.number(property) + " "
                            + property.name() + ": " + breakdown(tally))).append("</title>");
            rows.append("<text x=\"").append(numberRight).append("\" y=\"").append(textY)
                    .append("\" font-size=\"22\" font-weight=\"700\" text-anchor=\"end\">")
                    .append(Html.escape(Markdown.number(property))).append("</text>");
            rows.append("<text x=\"").append(pointsRight).append("\" y=\"").append(textY)
                    .append("\" font-size=\"20\" text-anchor=\"end\" fill=\"#444\">").append(property.points())
                    .append(" pts</text>");
            rows.append("<rect class=\"track\" x=\"").append(barX).append("\" y=\"").append(barY).append("\" width=\"")
                    .append(PASS_TRACK).append("\" height=\"30\" rx=\"4\" fill=\"").append(TRACK).append("\"/>");
            rows.append("<rect class=\"passed\" x=\"").append(barX).append("\" y=\"").append(barY).append("\" width=\"")
                    .append(Math.round(PASS_TRACK * tally.rate())).append("\" height=\"30\" rx=\"4\" fill=\"")
                    .append(colour(tally)).append("\"/>");
            rows.append("<text x=\"").append(countX).append("\" y=\"").append(textY).append("\" font-size=\"22\">")
                    .append("<tspan font-weight=\"700\">").append(tally.passed()).append("</tspan> of ").append(tally.total())
                    .append(" passed</text>");
            for (int line = 0; line < name.size(); line++) {
                rows.append("<text x=\"").append(nameX).append("\" y=\"").append(y + rowPadding / 2 + 22 + line * lineHeight)
                        .append("\" font-size=\"22\">").append(Html.escape(name.get(line))).append("</text>");
            }
            rows.append("</g>\n");
            y += height;
        }
        html.append("<svg id=\"pass-rates\" viewBox=\"0 0 1860 ").append(Math.max(1, y + 8))
                .append("\" role=\"img\" aria-label=\"Pass rate of each property, by stage\">\n").append(rows).append("</svg>\n");
    }

    private static int stagePoints(List<Tally> tallies, int stage) {
        return tallies.stream().filter(t -> t.first().stage() == stage).mapToInt(t -> t.first().points()).sum();
    }

    private static String colour(Tally tally) {
        return tally.rate() >= HIGH ? PASS_HIGH : tally.rate() >= MIDDLE ? PASS_MIDDLE : PASS_LOW;
    }

    /** "12 passed, 3 failed, 1 timed out". */
    private static String breakdown(Tally tally) {
        return tally.kinds().entrySet().stream().map(e -> e.getValue() + " " + e.getKey().label())
                .collect(Collectors.joining(", "));
    }

    private static void swatch(StringBuilder html, String colour, String label) {
        html.append("<span><i class=\"swatch\" style=\"background:").append(colour).append("\"></i>")
                .append(Html.escape(label)).append("</span>");
    }

    /** {@code text} in lines of at most {@code width} characters, broken at spaces where it can be. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        String rest = text.strip();
        while (rest.length() > width) {
            int cut = rest.lastIndexOf(' ', width);
            if (cut <= 0) {
                cut = width;
            }
            lines.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut).strip();
        }
        lines.add(rest);
        return lines;
    }

    // ---- The students

    private void students(StringBuilder html) {
        SortedSet<Integer> stages = new TreeSet<>();
        batch.forEach(g -> stages.addAll(g.availableByStage().keySet()));
        html.append("<table class=\"students\">\n<thead><tr><th>student</th>");
        for (int stage : stages) {
            html.append("<th>stage ").append(stage).append("</th>");
        }
        html.append("<th>total</th><th class=\"status\">status</th></tr></thead>\n<tbody>\n");
        for (SubmissionGrade grade : batch) {
            html.append("<tr class=\"student\"><td>").append(Html.escape(grade.student())).append("</td>");
            for (int stage : stages) {
                int earned = grade.earnedByStage().getOrDefault(stage, 0);
                int available = grade.availableByStage().getOrDefault(stage, 0);
                html.append(earned < available ? "<td class=\"lost\">" : "<td>").append(earned).append("</td>");
            }
            html.append("<td><strong>").append(grade.score()).append("</strong> of ").append(grade.maxScore()).append("</td>");
            html.append(grade.status() == SubmissionGrade.Status.GRADED ? "<td class=\"status\">" : "<td class=\"status warning\">")
                    .append(Html.escape(grade.status().label())).append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    // ---- Numbers and text

    /** 1, 2 or 5 times a power of ten: the smallest such step that needs at most {@code ticks} steps to reach {@code most}. */
    private static int niceStep(int most, int ticks) {
        for (int power = 1; ; power *= 10) {
            for (int factor : new int[] {1, 2, 5}) {
                if ((long) factor * power * ticks >= most) {
                    return factor * power;
                }
            }
        }
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(0);
    }

    private static String decimal(double value) {
        String text = String.format(Locale.ROOT, "%.1f", value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }

    private static String percent(double share) {
        return Math.round(share * 100) + "%";
    }

    private static String px(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String plural(int count, String one, String many) {
        return count + " " + (count == 1 ? one : many);
    }
}
