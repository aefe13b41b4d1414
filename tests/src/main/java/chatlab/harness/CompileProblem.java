package chatlab.harness;

/**
 * One compile error, trimmed for a person: where it is and what javac said, without javac's echo
 * of the source line.
 *
 * @param file    the file, relative to the implementation's root, with {@code /} separators
 *                ({@code stage3/src/main/java/chatlab/stage3/BroadcastRoomServer.java}); empty when
 *                javac names no file
 * @param line    the line number, or 0 when javac gives none
 * @param message javac's message; follow-up lines (symbol, location) are indented
 */
public record CompileProblem(String file, long line, String message) {

    /** {@code file:line: error: message}, the way javac prints it. */
    @Override
    public String toString() {
        return where(file) + "error: " + message;
    }

    /** The same with the file shown as {@code implementation} shows it ({@code labs/stage3/...}). */
    public String toString(Implementation implementation) {
        return where(file.isEmpty() ? "" : implementation.show(file)) + "error: " + message;
    }

    private String where(String shownFile) {
        if (shownFile.isEmpty()) {
            return "";
        }
        return line > 0 ? shownFile + ":" + line + ": " : shownFile + ": ";
    }
}
