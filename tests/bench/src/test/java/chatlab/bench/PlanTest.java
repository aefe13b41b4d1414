package chatlab.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The load a benchmark gets unless told otherwise: its warm-up. */
class PlanTest {
    private static final int[] CLIENTS = {1, 2, 50, 200, 999, 1_000, 1_001, 3_000, 5_000, 5_001, 10_000};

    @Test
    void everyRunWarmsUpWithAtLeastOneMessagePerClient() {
        for (int clients : CLIENTS) {
            // Joining warms up joining, not the path a message takes: even 10,000 x 1 warms up.
            assertTrue(Benchmark.Plan.defaultWarmup(clients) >= 1, clients + " clients");
        }
    }

    @Test
    void theWarmUpIsAboutFiftyMillionDeliveriesOrOneMessageEachWhereThatIsMore() {
        long wanted = Benchmark.Plan.WARMUP_DELIVERIES;
        for (int clients : CLIENTS) {
            long perMessage = (long) clients * clients; // each message goes to every client
            long deliveries = Benchmark.Plan.defaultWarmup(clients) * perMessage;
            String load = clients + " clients: " + deliveries + " warm-up deliveries";
            if (perMessage >= wanted) {
                assertTrue(deliveries == perMessage, load); // one message each is enough already
            } else {
                // Rounded up to whole messages: never short of the JIT's seconds, at most one message over.
                assertTrue(deliveries >= wanted && deliveries < wanted + perMessage, load);
            }
        }
    }
}
