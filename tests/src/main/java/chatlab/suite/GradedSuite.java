package chatlab.suite;

import chatlab.stage.StageId;
import java.util.List;
import java.util.Map;

/** The graded suite: its property classes, by stage. Points of all of them add up to 100. */
public final class GradedSuite {
    private GradedSuite() {
    }

    /** Each stage's property classes. */
    public static final Map<StageId, List<Class<?>>> CLASSES = Map.of(
            StageId.ONE_SHOT, List.of(OneShotProperties.class),
            StageId.ACCEPT_LOOP, List.of(AcceptLoopProperties.class),
            StageId.BROADCAST_ROOM, List.of(BroadcastRoomProperties.class),
            StageId.HARDENED_ROOM, List.of(HardenedRoomProperties.class));

    /** The property classes of {@code stage}. */
    public static List<Class<?>> classesOf(StageId stage) {
        return CLASSES.getOrDefault(stage, List.of());
    }
}
