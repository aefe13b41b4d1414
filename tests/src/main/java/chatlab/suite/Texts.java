package chatlab.suite;

import chatlab.driver.ScriptedClient;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Small helpers that show texts to a student: quoted, with invisible characters made visible. */
final class Texts {
    private Texts() {
    }

    /** {@code "hi there"}, with control characters escaped and very long texts cut in the middle. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        text.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                default -> {
                    if (Character.isISOControl(cp)) {
                        out.append(String.format("\\u%04x", cp));
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        out.append('"');
        String quoted = out.toString();
        if (quoted.length() > 90) {
            int bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            // Cut between characters, never inside one written with two chars (an emoji, say).
            int head = Character.isLowSurrogate(quoted.charAt(40)) ? 39 : 40;
            int tail = quoted.length() - 30;
            tail = Character.isLowSurrogate(quoted.charAt(tail)) ? tail - 1 : tail;
            return quoted.substring(0, head) + " ... " + quoted.substring(tail) + " (" + bytes + " bytes)";
        }
        return quoted;
    }

    /** A list of lines, one per row, quoted and indented; "(nothing)" when empty. */
    static String lines(List<String> lines, String indent) {
        if (lines.isEmpty()) {
            return indent + "(nothing)";
        }
        return lines.stream().map(l -> indent + quote(l)).collect(Collectors.joining("\n"));
    }

    /** Per client: what it should have received (by its label in {@code expected}), and what it did receive. */
    static String transcripts(Collection<ScriptedClient> clients, Map<String, List<String>> expected) {
        StringBuilder out = new StringBuilder("What each client should have received, and what it received:");
        for (ScriptedClient client : clients) {
            out.append("\n  ").append(client.label()).append(" should have received:\n")
                    .append(lines(expected.get(client.label()), "      "))
                    .append("\n  ").append(client.label()).append(" received:\n")
                    .append(lines(client.lines(), "      "));
        }
        return out.toString();
    }
}
