import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * Checks a class summary page (the grader's summary.html) as Chromium drew it (run by
 * tests/page-check/check-page, with any java 11 or newer: {@code java SummaryPageCheck.java DOM PNG}).
 *
 * <p>In the DOM Chromium built: the three charts by their ids; the histogram's ten bins holding every
 * submission once; a pass-rate bar per property whose filled length is its "k of n" share of the
 * track; a row per submission in the students' table. In the screenshot (taken 1920 wide, tall enough
 * for the charts): each chart's colour over at least half the area its bars have in the DOM, the
 * histogram in the left half and the stage means in the right half (side by side, as on a
 * projector), and dark text. The colours are ClassSummaryPage's.
 */
public class SummaryPageCheck {
    static final int HISTOGRAM = 0x0072B2;
    static final int STAGE_MEAN = 0x56B4E9;
    static final int[] PASS = {0x009E73, 0xE69F00, 0xD55E00};
    static final int TEXT = 0x111111;

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java SummaryPageCheck.java DOM.html SCREENSHOT.png");
            System.exit(2);
        }
        List<String> problems = new ArrayList<>();
        String dom = Files.readString(Path.of(args[0]));

        Matcher body = Pattern.compile("<body data-submissions=\"(\\d+)\"").matcher(dom);
        int submissions = body.find() ? Integer.parseInt(body.group(1)) : -1;
        String histogram = svg(dom, "score-distribution");
        String passRates = svg(dom, "pass-rates");
        String stageMeans = svg(dom, "stage-means");
        if (submissions < 1) {
            problems.add("the page names no submissions (<body data-submissions=...>)");
        }
        if (histogram.isEmpty() || passRates.isEmpty() || stageMeans.isEmpty()) {
            problems.add("missing chart(s): score-distribution " + !histogram.isEmpty() + ", pass-rates "
                    + !passRates.isEmpty() + ", stage-means " + !stageMeans.isEmpty());
        }

        List<int[]> bins = numbers(histogram, "<rect class=\"bin\" data-count=\"(\\d+)\"[^>]*width=\"([\\d.]+)\" height=\"(\\d+)\"");
        int binned = bins.stream().mapToInt(b -> b[0]).sum();
        double histogramArea = bins.stream().mapToDouble(b -> (double) b[1] * b[2]).sum();
        System.out.println("DOM: " + submissions + " submissions; histogram: " + bins.size() + " bins holding " + binned);
        if (bins.size() != 10 || binned != submissions) {
            problems.add("the histogram should have 10 bins holding all " + submissions + " submissions: "
                    + bins.size() + " bins hold " + binned);
        }

        Matcher property = Pattern.compile("<g class=\"property\" data-passed=\"(\\d+)\" data-total=\"(\\d+)\">(.*?)</g>",
                Pattern.DOTALL).matcher(passRates);
        int properties = 0;
        double[] passArea = new double[PASS.length];
        while (property.find()) {
            properties++;
            int passed = Integer.parseInt(property.group(1));
            int total = Integer.parseInt(property.group(2));
            double track = attribute(property.group(3), "track", "width");
            double filled = attribute(property.group(3), "passed", "width");
            String fill = stringAttribute(property.group(3), "passed", "fill");
            double expected = total == 0 ? 0 : track * passed / total;
            if (passed > total || Math.abs(filled - expected) > 1 || !property.group(3).contains(passed + "</tspan> of " + total)) {
                problems.add("property bar " + properties + " (" + passed + " of " + total + " passed) is " + filled
                        + " of " + track + " long, or does not say so in words");
            }
            for (int i = 0; i < PASS.length; i++) {
                if (fill.equalsIgnoreCase(String.format(Locale.ROOT, "#%06X", PASS[i]))) {
                    passArea[i] += filled * attribute(property.group(3), "passed", "height");
                }
            }
        }
        System.out.println("DOM: " + properties + " property bars, " + occurrences(dom, "<tr class=\"student\">")
                + " student rows, " + occurrences(stageMeans, "<rect class=\"mean\"") + " stage means");
        if (properties == 0) {
            problems.add("the pass-rate chart has no property bars");
        }
        if (occurrences(dom, "<tr class=\"student\">") != submissions) {
            problems.add("the students' table should have a row per submission");
        }
        List<int[]> means = numbers(stageMeans, "<rect class=\"mean\" x=\"0\" y=\"\\d+\" width=\"(\\d+)\" height=\"(\\d+)\"");
        double meanArea = means.stream().mapToDouble(m -> (double) m[0] * m[1]).sum();
        if (means.isEmpty()) {
            problems.add("the stage means chart has no bars");
        }

        BufferedImage shot = ImageIO.read(new File(args[1]));
        if (shot == null) {
            problems.add("the screenshot is not a readable PNG: " + args[1]);
        } else {
            int half = shot.getWidth() / 2;
            System.out.println("Screenshot: " + shot.getWidth() + "x" + shot.getHeight());
            // The DOM's sizes are in each chart's viewBox units, which the page draws at about one
            // pixel each at 1920 wide: half the area is a margin for scaling and anti-aliased edges.
            expect(problems, "histogram bars (left half)", pixels(shot, 0, half, HISTOGRAM), histogramArea / 2);
            expect(problems, "stage mean bars (right half)", pixels(shot, half, shot.getWidth(), STAGE_MEAN), meanArea / 2);
            for (int i = 0; i < PASS.length; i++) {
                expect(problems, String.format(Locale.ROOT, "pass-rate bars in #%06X", PASS[i]),
                        pixels(shot, 0, shot.getWidth(), PASS[i]), passArea[i] / 2);
            }
            expect(problems, "dark text", pixels(shot, 0, shot.getWidth(), TEXT), 2000);
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> System.err.println("FAILED: " + p));
            System.exit(1);
        }
        System.out.println("OK: the class summary's charts are drawn");
    }

    private static void expect(List<String> problems, String what, int found, double atLeast) {
        System.out.println("  " + what + ": " + found + " pixels (at least " + Math.round(atLeast) + " expected)");
        if (found < atLeast) {
            problems.add("the screenshot shows too little of the " + what + ": " + found + " pixels");
        }
    }

    /** The inside of {@code <svg id="ID" ...>...</svg>}, or nothing. */
    static String svg(String dom, String id) {
        int start = dom.indexOf("<svg id=\"" + id + "\"");
        int end = start < 0 ? -1 : dom.indexOf("</svg>", start);
        return end < 0 ? "" : dom.substring(start, end);
    }

    /** Every match of {@code regex}, its groups as numbers (rounded). */
    static List<int[]> numbers(String text, String regex) {
        List<int[]> all = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            int[] values = new int[m.groupCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = (int) Math.round(Double.parseDouble(m.group(i + 1)));
            }
            all.add(values);
        }
        return all;
    }

    /** The number in attribute {@code name} of the {@code <rect class="cssClass">} in {@code text}. */
    static double attribute(String text, String cssClass, String name) {
        String value = stringAttribute(text, cssClass, name);
        return value.isEmpty() ? -1 : Double.parseDouble(value);
    }

    static String stringAttribute(String text, String cssClass, String name) {
        Matcher m = Pattern.compile("<rect class=\"" + cssClass + "\"[^>]*? " + name + "=\"([^\"]*)\"").matcher(text);
        return m.find() ? m.group(1) : "";
    }

    static int occurrences(String text, String what) {
        return text.split(Pattern.quote(what), -1).length - 1;
    }

    /** Pixels in columns [from, to) within a small distance of {@code rgb} (anti-aliased edges aside). */
    static int pixels(BufferedImage image, int from, int to, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = from; x < to; x++) {
                int p = image.getRGB(x, y);
                if (Math.abs(((p >> 16) & 0xff) - ((rgb >> 16) & 0xff)) <= 12
                        && Math.abs(((p >> 8) & 0xff) - ((rgb >> 8) & 0xff)) <= 12
                        && Math.abs((p & 0xff) - (rgb & 0xff)) <= 12) {
                    n++;
                }
            }
        }
        return n;
    }
}
