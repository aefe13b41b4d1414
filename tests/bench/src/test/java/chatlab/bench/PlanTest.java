package chatlab.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The load a benchmark gets unless told otherwise: its warm-up. */
class PlanTest {
    private static final int[] CLIENTS = {1, 2, 50, 200, 999, 1_000, 1_001, 3_000, 5_000, 10_000};
    private static final int[] MESSAGES = {1, 2, 10, 1_000, 5_000};

    @Test
    void everyRunWarmsUpWithAtLeastOneMessagePerClientAndNeverMoreThanItMeasures() {
        for (int clients : CLIENTS) {
            for (int messages : MESSAGES) {
                int warmup = Benchmark.Plan.defaultWarmup(clients, messages);
                String load = clients + " x " + messages + ": warm-up " + warmup;
                // Joining warms up joining, not the path a message takes: even 10,000 x 1 warms up.
                assertTrue(warmup >= 1, load);
                assertTrue(warmup <= messages, load);
            }
        }
    }

    @Test
    void theWarmUpIsAboutAMillionDeliveriesWhereTheLoadAllowsIt() {
        for (int clients : CLIENTS) {
            for (int messages : MESSAGES) {
                long perMessage = (long) clients * clients; // each message goes to every client
                long deliveries = Benchmark.Plan.defaultWarmup(clients, messages) * perMessage;
                String load = clients + " x " + messages + ": " + deliveries + " warm-up deliveries";
                if (perMessage >= 1_000_000) {
                    assertTrue(deliveries == perMessage, load); // one message each is a million already
                } else if (perMessage * messages >= 1_000_000) {
                    assertTrue(deliveries > 1_000_000 - perMessage && deliveries <= 1_000_000, load);
                } else {
                    assertTrue(deliveries == perMessage * messages, load); // as many as it measures
                }
            }
        }
    }
}
