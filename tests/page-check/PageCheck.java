import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * Checks the accept-loop demo's page as Chromium drew it (run by tests/page-check/check-page, with
 * any java 11 or newer: {@code java PageCheck.java DOM PNG}).
 *
 * <p>In the DOM Chromium built: at least three SVG timelines (the reference's, at least), each with
 * client rows and at least one served bar. In the screenshot: the served colour in each third of the
 * width where the first row of figures has a timeline (the stages side by side, drawn at a
 * projector's size), the waiting and reset colours where the DOM has such marks, and dark text. The
 * colours are HtmlReport's.
 */
public class PageCheck {
    static final int SERVED = 0x009E73;
    static final int WAITING = 0xE69F00;
    static final int RESET = 0xD55E00;
    /** A served bar of a projector-sized timeline covers far more pixels than this. */
    static final int ENOUGH_PIXELS = 400;

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java PageCheck.java DOM.html SCREENSHOT.png");
            System.exit(2);
        }
        List<String> problems = new ArrayList<>();
        String dom = Files.readString(Path.of(args[0]));
        String[] timelines = dom.split("<svg class=\"timeline\"", -1);
        int count = timelines.length - 1;
        System.out.println("DOM: " + count + " SVG timelines, " + occurrences(dom, "<g class=\"client\">") + " client rows, "
                + occurrences(dom, "<rect class=\"served\"") + " served bars, " + occurrences(dom, "<g class=\"reset\"")
                + " resets, " + occurrences(dom, "<figcaption class=\"conclusion\">") + " conclusions");
        if (count < 3) {
            problems.add("expected at least 3 SVG timelines in the DOM, found " + count);
        }
        for (int i = 1; i < timelines.length; i++) {
            String svg = timelines[i].substring(0, Math.max(0, timelines[i].indexOf("</svg>")));
            if (occurrences(svg, "<g class=\"client\">") == 0 || occurrences(svg, "<rect class=\"served\"") == 0) {
                problems.add("timeline " + i + " has no client row or no served bar");
            }
        }

        BufferedImage shot = ImageIO.read(new File(args[1]));
        if (shot == null) {
            problems.add("the screenshot is not a readable PNG: " + args[1]);
        } else {
            int third = shot.getWidth() / 3;
            System.out.println("Screenshot: " + shot.getWidth() + "x" + shot.getHeight());
            // The first row of figures: the stages side by side, each a third of the width. A stage
            // that did not run (not done yet, not in the submission) has no timeline to look for.
            List<Boolean> drawn = firstRowOfFigures(dom);
            for (int column = 0; column < Math.min(3, drawn.size()); column++) {
                if (!drawn.get(column)) {
                    System.out.println("  column " + (column + 1) + ": no timeline in the DOM, not checked");
                    continue;
                }
                int served = pixels(shot, column * third, (column + 1) * third, SERVED);
                System.out.println("  column " + (column + 1) + ": " + served + " pixels of the served colour");
                if (served < ENOUGH_PIXELS) {
                    problems.add("column " + (column + 1) + " of the screenshot shows no served bar (" + served + " pixels)");
                }
            }
            int waiting = pixels(shot, 0, shot.getWidth(), WAITING);
            int reset = pixels(shot, 0, shot.getWidth(), RESET);
            int dark = pixels(shot, 0, shot.getWidth(), 0x111111);
            System.out.println("  waiting colour: " + waiting + " pixels, reset colour: " + reset + ", text colour: " + dark);
            if (dom.contains("<line class=\"waiting\"") && waiting < ENOUGH_PIXELS / 4) {
                problems.add("the DOM has waiting lines but the screenshot shows none");
            }
            if (dom.contains("<g class=\"reset\"") && reset < ENOUGH_PIXELS / 8) {
                problems.add("the DOM has resets but the screenshot shows no reset mark");
            }
            if (dark < 5 * ENOUGH_PIXELS) {
                problems.add("the screenshot shows hardly any text (" + dark + " dark pixels): are fonts installed?");
            }
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> System.err.println("FAILED: " + p));
            System.exit(1);
        }
        System.out.println("OK: the timelines are drawn");
    }

    /** For each figure of the first row (section): whether it holds a timeline with a served bar. */
    static List<Boolean> firstRowOfFigures(String dom) {
        int start = dom.indexOf("<div class=\"stages\">");
        int end = start < 0 ? -1 : dom.indexOf("</section>", start);
        List<Boolean> figures = new ArrayList<>();
        if (end < 0) {
            return figures;
        }
        String[] parts = dom.substring(start, end).split("<figure", -1);
        for (int i = 1; i < parts.length; i++) {
            figures.add(parts[i].contains("<svg class=\"timeline\"") && parts[i].contains("<rect class=\"served\""));
        }
        return figures;
    }

    static int occurrences(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
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
