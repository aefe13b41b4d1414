package chatlab.report;

/** What the HTML pages ChatLab writes (the demo's, the class summary) share: text made safe for HTML and SVG. */
public final class Html {
    private Html() {
    }

    /**
     * {@code text} for HTML and SVG, in an element or a quoted attribute: markup characters
     * escaped, control characters (which XML forbids in SVG) left out, lines and tabs kept.
     */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c >= 0x20 && c != 0x7F || c == '\n' || c == '\t') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
