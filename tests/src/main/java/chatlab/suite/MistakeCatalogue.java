package chatlab.suite;

import chatlab.stage.StageId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The catalogue of student mistakes in {@code tests/mistakes/}: realistic faulty submissions, each
 * one small change away from a correct stage, that the graded suite must always catch.
 */
public final class MistakeCatalogue {
    private static final Pattern FOLDER = Pattern.compile("stage([1-4])-[a-z0-9-]+");

    private MistakeCatalogue() {
    }

    /**
     * One catalogued mistake.
     *
     * @param id     its folder's name: {@code stage3-broadcast-skips-sender}
     * @param stage  the stage it is in
     * @param title  the first line of its {@code MISTAKE.md}
     * @param folder the submission's folder (laid out like {@code labs/})
     */
    public record Mistake(String id, StageId stage, String title, Path folder) {
        @Override
        public String toString() {
            return id;
        }
    }

    /** Where the catalogue is in a checkout. */
    public static Path folderIn(Path home) {
        return home.resolve("tests").resolve("mistakes");
    }

    /** Every mistake in {@code catalogue}, by name. */
    public static List<Mistake> list(Path catalogue) {
        try (Stream<Path> folders = Files.list(catalogue)) {
            return folders.filter(Files::isDirectory)
                    .map(folder -> {
                        Matcher m = FOLDER.matcher(folder.getFileName().toString());
                        if (!m.matches()) {
                            throw new IllegalStateException("a catalogue folder must be named stageN-what-went-wrong: " + folder);
                        }
                        StageId stage = StageId.of(Integer.parseInt(m.group(1)));
                        return new Mistake(folder.getFileName().toString(), stage, title(folder), folder);
                    })
                    .sorted(Comparator.comparing(Mistake::id))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the mistake catalogue in " + catalogue, e);
        }
    }

    private static String title(Path folder) {
        Path description = folder.resolve("MISTAKE.md");
        try {
            return Files.readAllLines(description, StandardCharsets.UTF_8).stream().findFirst()
                    .map(line -> line.replaceFirst("^#+\\s*", "").strip()).orElse(folder.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("every catalogued mistake needs a MISTAKE.md: " + description, e);
        }
    }
}
