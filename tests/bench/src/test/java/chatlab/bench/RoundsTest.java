package chatlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What {@code chatlab bench --rounds} makes of several rounds: medians taken from measured runs, ratios within rounds. */
class RoundsTest {
    private static final Contender OURS = new Contender.External(new InetSocketAddress("127.0.0.1", 5050), Dialect.CHATLAB);
    private static final Contender NETTY = new Contender.Netty();

    @Test
    void theMedianRunIsTheMiddleOneMeasured() {
        RunResult slow = run(OURS, 1_000);
        RunResult middle = run(OURS, 3_000);
        RunResult fast = run(OURS, 6_000);
        Rounds rounds = new Rounds(List.of(List.of(fast, run(NETTY, 2_000)), List.of(slow, run(NETTY, 2_000)),
                List.of(middle, run(NETTY, 2_000))));

        assertSame(middle, rounds.medianRuns().get(0));
    }

    @Test
    void ofAnEvenNumberOfRoundsTheLowerMiddleOne() {
        RunResult lower = run(OURS, 2_000);
        Rounds rounds = new Rounds(List.of(List.of(run(OURS, 4_000)), List.of(lower), List.of(run(OURS, 1_000)),
                List.of(run(OURS, 3_000))));

        assertSame(lower, rounds.medianRuns().get(0));
    }

    @Test
    void theRatioToNettyIsTakenWithinEachRoundThenTheMedian() {
        // Rounds' ratios: 2.0, 0.5, 1.5: the median ratio is 1.5, not the ratio of the median rates (3,000 / 3,000).
        RunResult first = run(OURS, 4_000);
        Rounds rounds = new Rounds(List.of(
                List.of(first, run(NETTY, 2_000)),
                List.of(run(OURS, 1_000), run(NETTY, 2_000)),
                List.of(run(OURS, 3_000), run(NETTY, 2_000))));

        assertEquals(List.of(Optional.of(2.0), Optional.of(0.5), Optional.of(1.5)), rounds.ratiosToNetty(0));
        assertEquals(Optional.of(1.5), rounds.medianRatioToNetty(first));
    }

    @Test
    void aFailedRunIsNeitherAMedianNorARatio() {
        RunResult failed = new RunResult(OURS, null, null, null, -1, -1, -1, -1, -1, -1, -1, 0, 0, "timed out after 1 min");
        RunResult measured = run(OURS, 5_000);
        Rounds rounds = new Rounds(List.of(List.of(failed, run(NETTY, 5_000)), List.of(measured, run(NETTY, 5_000))));

        assertSame(measured, rounds.medianRuns().get(0));
        assertEquals(List.of(Optional.empty(), Optional.of(1.0)), rounds.ratiosToNetty(0));
    }

    @Test
    void theTableShowsEveryRoundAndTheScatter() {
        Rounds rounds = new Rounds(List.of(
                List.of(run(OURS, 4_000_000), run(NETTY, 2_000_000)),
                List.of(run(OURS, 1_000_000), run(NETTY, 2_000_000)),
                List.of(run(OURS, 3_000_000), run(NETTY, 2_000_000))));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        rounds.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String table = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("median round of 3"), table);
        assertTrue(table.matches("(?s).*127\\.0\\.0\\.1:5050\\s+4\\.00 M\\s+1\\.00 M\\s+3\\.00 M\\s+3\\.00 M\\s+1\\.00 M - 4\\.00 M.*"), table);
        assertTrue(table.matches("(?s).*vs Netty\\s+2\\.00\\s+0\\.50\\s+1\\.50\\s+1\\.50\\s+0\\.50 - 2\\.00.*"), table);
    }

    /** A run of {@code deliveriesPerSecond}: 12 million deliveries, in the time that takes. */
    private static RunResult run(Contender contender, long deliveriesPerSecond) {
        long delivered = 12_000_000;
        long millis = delivered * 1000 / deliveriesPerSecond;
        ControlLine load = new ControlLine("RESULT", Map.of("deliveriesExpected", "12000000", "delivered", "12000000",
                "messagesMs", Long.toString(millis), "joinMs", "100", "joined", "10", "joinedExpected", "10",
                "warmupExpected", "0", "warmedUp", "0"));
        return new RunResult(contender, load, null, null, -1, -1, -1, -1, -1, -1, -1, 0, 0, null);
    }
}
