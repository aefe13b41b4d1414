package chatlab.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import chatlab.cli.ChatLab;
import chatlab.cli.Terminal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The goals, measured: not part of the default build (the better part of an hour on two
 * cores), run with {@code mvn -B -pl tests/bench -am verify -Pbench}. Each goal is one
 * {@code chatlab bench} run; its table goes to standard output, its JSON lines to
 * {@code tests/bench/target/bench/results.jsonl}. What is asserted is what a user checks in the
 * table: the stage on virtual threads and the Netty room lose, duplicate and reorder nothing. The
 * speeds are figures to read, not to assert: they depend on what else the machine is doing. Platform
 * threads at 5,000 and 10,000 members may run out of time (that is their lesson), but must not lose
 * anything either.
 *
 * <p>{@code -Dchatlab.bench.seed=../shared/bench/seed001_server.py} adds the seed's Python server
 * to the throughput goal.
 */
class BenchGoals {
    private static final Path RESULTS = Path.of("target", "bench", "results.jsonl");

    @Test
    @DisplayName("50 members x 1,000 messages, 5 rounds: stage 4, the Netty room (and the seed's server if given)")
    void throughput() throws IOException {
        List<String> args = new ArrayList<>(List.of("--clients", "50", "--messages", "1000", "--rounds", "5"));
        String seed = System.getProperty("chatlab.bench.seed");
        if (seed != null && !seed.isBlank()) {
            args.addAll(List.of("--seed", seed));
        }
        for (String line : bench(args)) {
            if (!line.contains("\"kind\":\"seed\"")) { // the seed's losses are its lesson
                assertTrue(line.contains("\"perfect\":true"), line);
            }
        }
    }

    @ParameterizedTest(name = "{0} members x 1 message, virtual and platform threads, then Netty")
    @ValueSource(ints = {1_000, 5_000, 10_000})
    @DisplayName("Virtual vs platform threads")
    void virtualVersusPlatform(int members) throws IOException {
        for (String line : bench(List.of("--clients", Integer.toString(members), "--messages", "1",
                "--threads", "both", "--timeout", "20"))) {
            boolean platform = line.contains("\"threads\":\"platform\"");
            assertTrue(line.contains("\"perfect\":true") || platform && line.contains("\"completed\":false"), line);
        }
    }

    /** Runs {@code chatlab bench} with {@code args}; returns the JSON lines it appended. */
    private static List<String> bench(List<String> args) throws IOException {
        int before = Files.exists(RESULTS) ? Files.readAllLines(RESULTS).size() : 0;
        List<String> all = new ArrayList<>(List.of("bench", "--results", RESULTS.toString()));
        all.addAll(args);
        ChatLab.run(Terminal.system(), null, all.toArray(String[]::new));
        List<String> lines = Files.readAllLines(RESULTS);
        assertTrue(lines.size() > before, "chatlab " + String.join(" ", all) + " measured nothing");
        return lines.subList(before, lines.size());
    }
}
