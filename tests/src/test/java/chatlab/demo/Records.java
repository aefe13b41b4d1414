package chatlab.demo;

import chatlab.demo.ClientRecord.End;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Clients' records written by hand, for the tests of what the demo computes and draws from them. */
final class Records {
    private Records() {
    }

    static ClientRecord served(String name, long connectedMs, long answeredMs, long endedMs, End end) {
        return new ClientRecord(name, ms(connectedMs), Optional.of(ms(connectedMs)), Optional.of(ms(answeredMs)), "Server",
                end, ms(endedMs), "", List.of(new ClientRecord.TimedLine(ms(answeredMs), "Server")));
    }

    static ClientRecord unanswered(String name, long connectedMs, long endedMs, End end) {
        return new ClientRecord(name, ms(connectedMs), Optional.of(ms(connectedMs)), Optional.empty(), "", end,
                ms(endedMs), "", List.of());
    }

    static ClientRecord refused(String name, long atMs) {
        return new ClientRecord(name, ms(atMs), Optional.empty(), Optional.empty(), "", End.REFUSED, ms(atMs + 1),
                "Connection refused", List.of());
    }

    static StageRecord.Measured measured(chatlab.stage.StageId stage, Long returnedMs, ClientRecord... clients) {
        return new StageRecord.Measured(stage, List.of(clients), Optional.ofNullable(returnedMs).map(Records::ms),
                ms(4000), Optional.empty(), Optional.empty());
    }

    static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
