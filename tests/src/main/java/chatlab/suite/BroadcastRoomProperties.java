package chatlab.suite;

import chatlab.protocol.Limits;
import org.junit.jupiter.api.DisplayName;

/**
 * The graded properties of stage 3, the broadcast room. Each compares what the room does with the
 * protocol's model of it, over generated scenarios.
 */
@DisplayName("Stage 3: broadcast room")
public class BroadcastRoomProperties {

    @GradedProperty(stage = 3, points = 10, tries = 12)
    @DisplayName("every member receives exactly the room's events, in order, for any schedule")
    void everyMemberReceivesTheRoomsEvents(PropertyContext properties) {
        properties.forAll(RoomScenarios.schedules(4, 14, Limits.MAX_LINE_BYTES)).check(scenario -> {
            try (StageUnderTest room = properties.start();
                 RoomDriver driver = new RoomDriver(room.address(), properties.lineTimeout())) {
                driver.play(scenario);
            }
        });
    }
}
