package chatlab.demo;

import static chatlab.demo.Records.measured;
import static chatlab.demo.Records.refused;
import static chatlab.demo.Records.served;
import static chatlab.demo.Records.unanswered;
import static org.junit.jupiter.api.Assertions.assertEquals;

import chatlab.demo.ClientRecord.End;
import chatlab.stage.StageId;
import org.junit.jupiter.api.Test;

/** The conclusions are computed from the clients' records: the same sentence comes only from the same facts. */
class OutcomeTest {
    private static final Schedule THREE = Schedule.of(3);

    private static String conclusion(StageRecord.Measured run) {
        return Outcome.of(run, Schedule.of(run.clients().size())).conclusion();
    }

    @Test
    void oneServedAndTwoResetIsTheOneShotServersPicture() {
        assertEquals("stage 1: 1 of 3 clients served; 2 connected but were never answered, then reset",
                conclusion(measured(StageId.ONE_SHOT, 1510L,
                        served("Ann", 0, 10, 1500, End.LEFT),
                        unanswered("Bob", 250, 1510, End.RESET),
                        unanswered("Cleo", 500, 1510, End.RESET))));
    }

    @Test
    void sessionsThatFollowEachOtherAreOneAfterAnother() {
        // Bob is answered the very moment Ann's session ends: touching is not overlapping.
        assertEquals("stage 2: 3 of 3 clients served, one after another",
                conclusion(measured(StageId.ACCEPT_LOOP, null,
                        served("Ann", 0, 10, 1500, End.LEFT),
                        served("Bob", 250, 1500, 3000, End.LEFT),
                        served("Cleo", 500, 3010, 3500, End.LEFT))));
    }

    @Test
    void overlappingSessionsAreAtTheSameTime() {
        assertEquals("stage 3: 3 of 3 clients served at the same time",
                conclusion(measured(StageId.BROADCAST_ROOM, null,
                        served("Ann", 0, 5, 1000, End.LEFT),
                        served("Bob", 250, 255, 1000, End.LEFT),
                        served("Cleo", 500, 505, 1000, End.LEFT))));
    }

    @Test
    void partlyOverlappingSessionsSayHowManyAtMost() {
        assertEquals("stage 3: 3 of 3 clients served, up to 2 at the same time",
                conclusion(measured(StageId.BROADCAST_ROOM, null,
                        served("Ann", 0, 5, 600, End.LEFT),
                        served("Bob", 250, 255, 900, End.LEFT),
                        served("Cleo", 500, 700, 1000, End.LEFT))));
    }

    @Test
    void refusedGaveUpAndCutOffClientsAreCountedApart() {
        assertEquals("stage 1: 1 of 4 clients served; 1 connected but was never answered in "
                        + Wording.seconds(Schedule.of(4).observationWindow()) + " (it gave up); 1 could not connect;"
                        + " the server ended 1 session before the client left, with its farewell",
                conclusion(measured(StageId.ONE_SHOT, null,
                        served("Ann", 0, 10, 900, End.FAREWELL),
                        unanswered("Bob", 250, 7000, End.GAVE_UP),
                        refused("Cleo", 500),
                        unanswered("Dev", 750, 800, End.ABORTED))));
    }

    @Test
    void differentEndingsOfUnansweredClientsAreListed() {
        assertEquals("stage 1: 0 of 2 clients served; 2 connected but were never answered (1 closed, 1 reset)",
                conclusion(measured(StageId.ONE_SHOT, 100L,
                        unanswered("Ann", 0, 100, End.RESET),
                        unanswered("Bob", 250, 300, End.CLOSED))));
    }

    @Test
    void oneClientIsSingular() {
        assertEquals("stage 2: 1 of 1 client served",
                Outcome.of(measured(StageId.ACCEPT_LOOP, null, served("Ann", 0, 1, 500, End.LEFT)), THREE).conclusion());
    }
}
