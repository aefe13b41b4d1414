package chatlab.grading;

import chatlab.harness.ChatLabHome;
import chatlab.harness.Folders;
import chatlab.suite.PlannedProperty;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a copy of the checkout for people who must not see all of it. Two uses:
 * <ul>
 *   <li>the starter repository an instructor hands out ({@code chatlab export-student}): {@code labs/},
 *       {@code common/}, the visible properties, the launcher and STUDENT.md; no solutions, no hidden
 *       properties, no catalogue of mistakes, no instructor's notes;</li>
 *   <li>the grader's own copy inside a Gradescope autograder ({@code chatlab gradescope}): the same,
 *       but with every property.</li>
 * </ul>
 * The POMs mark what only the instructor's checkout has ({@code <!-- instructor only: start -->} ...
 * {@code <!-- instructor only: end -->}: the solutions module, and the build's run of the suite against
 * it); the copy leaves those parts out, so that it builds and {@code ./chatlab check} works in it.
 */
public final class StarterRepository {
    /** What is copied from the checkout, as it is (POMs and property classes are filtered). */
    private static final List<String> COPIED = List.of(
            "pom.xml", "chatlab", "chatlab.cmd", ".gitattributes", ".gitignore", "STUDENT.md",
            "common/pom.xml", "common/src/main",
            "labs",
            "tests/pom.xml", "tests/src/main",
            "tests/bench/pom.xml", "tests/bench/src/main");
    private static final Pattern INSTRUCTOR_ONLY = Pattern.compile(
            "[ \\t]*<!-- instructor only: start[^>]*-->.*?<!-- instructor only: end -->[ \\t]*\\R", Pattern.DOTALL);
    private static final Pattern UNIQUE_ID = Pattern.compile("\\[class:([\\w.$]+)].*\\[method:(\\w+)\\(");

    private StarterRepository() {
    }

    /**
     * Writes the copy into {@code target} (which must not exist or be empty).
     *
     * @param removed the properties to leave out (the hidden ones, for students)
     * @return the names of the properties left out
     */
    public static List<String> write(ChatLabHome home, Path target, List<PlannedProperty> removed) throws IOException {
        if (!Folders.isNewOrEmpty(target)) {
            throw new IOException(target + " is not empty: choose a new folder");
        }
        Files.createDirectories(target);
        for (String entry : COPIED) {
            Path from = home.root().resolve(entry);
            if (Files.exists(from)) {
                Folders.copyTree(from, target.resolve(entry));
            }
        }
        for (String pom : List.of("pom.xml", "tests/pom.xml")) {
            Path file = target.resolve(pom);
            Files.writeString(file, withoutInstructorParts(Files.readString(file, StandardCharsets.UTF_8)),
                    StandardCharsets.UTF_8);
        }
        List<String> left = new ArrayList<>();
        for (PlannedProperty property : removed) {
            Matcher m = UNIQUE_ID.matcher(property.id());
            if (!m.find()) {
                throw new IOException("cannot tell the class and method of property " + property.id());
            }
            Path source = target.resolve("tests/src/main/java").resolve(m.group(1).replace('.', '/') + ".java");
            String text = Files.readString(source, StandardCharsets.UTF_8);
            Files.writeString(source, withoutMethod(text, m.group(2)), StandardCharsets.UTF_8);
            left.add(property.name());
        }
        Files.writeString(target.resolve("README.md"), README, StandardCharsets.UTF_8);
        return List.copyOf(left);
    }

    /** {@code pom} without its instructor-only parts. */
    static String withoutInstructorParts(String pom) {
        return INSTRUCTOR_ONLY.matcher(pom).replaceAll("");
    }

    /**
     * {@code source} without the method {@code name} and the annotations and comment above it. The
     * property classes are ChatLab's own, formatted alike: a method's body ends at the first line
     * that is a closing brace at the method's own indentation.
     */
    static String withoutMethod(String source, String name) {
        List<String> lines = new ArrayList<>(source.lines().toList());
        Pattern signature = Pattern.compile("^(\\s+)(?:public |protected |private |static |final )*void " + name + "\\(.*");
        int at = -1;
        String indent = "";
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = signature.matcher(lines.get(i));
            if (m.matches()) {
                at = i;
                indent = m.group(1);
                break;
            }
        }
        if (at < 0) {
            throw new IllegalArgumentException("no method " + name + " in the source");
        }
        int first = at;
        while (first > 0) {
            String above = lines.get(first - 1).strip();
            if (above.startsWith("@") || above.startsWith("/**") || above.startsWith("*") || above.startsWith("//")
                    || above.endsWith(")") && !above.endsWith(";") && !above.endsWith("}") && !above.endsWith("{")
                    || above.startsWith("+") || above.startsWith("\"")) {
                first--;
            } else {
                break;
            }
        }
        int last = at;
        while (last < lines.size() && !lines.get(last).equals(indent + "}")) {
            last++;
        }
        if (last == lines.size()) {
            throw new IllegalArgumentException("cannot find where method " + name + " ends");
        }
        int end = last + 1;
        if (end < lines.size() && lines.get(end).isBlank()) {
            end++; // the blank line after it
        }
        lines.subList(first, end).clear();
        return String.join("\n", lines) + "\n";
    }

    private static final String README = """
            # The TCP socket chat room lab

            Your lab handout is [STUDENT.md](STUDENT.md). In short:

            ```sh
            ./chatlab server --stage 1 --impl labs    # run your own stage 1 server
            ./chatlab client --stage 1                # chat with it, in another terminal
            ./chatlab check                           # grade your labs/ with the course's visible properties
            ```

            You need a JDK 21 or newer and Maven; `./chatlab` finds the JDK by itself and builds what it
            needs the first time. Your work goes in `labs/`; `common/` and `tests/` are the course's.
            """;
}
