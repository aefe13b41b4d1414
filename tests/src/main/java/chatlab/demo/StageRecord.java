package chatlab.demo;

import chatlab.stage.StageId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What came of running one stage of one implementation in the demo. */
sealed interface StageRecord {

    StageId stage();

    /**
     * The stage ran and its clients were watched.
     *
     * @param clients     what each client saw, in order of arrival
     * @param returnedAt  when {@code serve()} returned by itself, if it did before the demo closed it
     * @param closedAt    when the demo closed the stage, after the last client was done
     * @param closeReport what closing found wrong ({@code serve()} did not return, threads left), or empty
     * @param failure     what {@code serve()} or one of its threads threw, in one line, or empty
     */
    record Measured(StageId stage, List<ClientRecord> clients, Optional<Duration> returnedAt, Duration closedAt,
                    Optional<String> closeReport, Optional<String> failure) implements StageRecord {
        public Measured {
            clients = List.copyOf(clients);
        }

        /** The time of the last thing seen: the end of the picture. */
        Duration lastEvent() {
            Duration last = returnedAt.orElse(Duration.ZERO);
            for (ClientRecord client : clients) {
                if (client.endedAt().compareTo(last) > 0) {
                    last = client.endedAt();
                }
            }
            return last;
        }
    }

    /**
     * The stage could not be measured: it is missing, does not compile, or stopped at a TODO.
     *
     * @param why one line for the student
     */
    record Unavailable(StageId stage, String why) implements StageRecord {
    }
}
