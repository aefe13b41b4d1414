package chatlab.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StageIdTest {

    @Test
    void theFourStagesAndTheirServerClasses() {
        assertEquals("chatlab.stage1.OneShotServer", StageId.of(1).className());
        assertEquals("chatlab.stage2.AcceptLoopServer", StageId.of(2).className());
        assertEquals("chatlab.stage3.BroadcastRoomServer", StageId.of(3).className());
        assertEquals("chatlab.stage4.HardenedRoomServer", StageId.of(4).className());
        for (StageId stage : StageId.values()) {
            assertEquals(stage, StageId.of(stage.number()));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5, -1})
    void thereIsNoOtherStage(int number) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StageId.of(number));
        assertTrue(e.getMessage().contains("1 to 4"), e.getMessage());
    }

    @Test
    void aStageLivesInItsFolderOfAnImplementation() {
        Path labs = Path.of("labs");
        assertEquals(Path.of("labs", "stage2", "src", "main", "java"), StageId.ACCEPT_LOOP.sourceRoot(labs));
        assertEquals("stage4", StageId.HARDENED_ROOM.folderName());
    }

    @Test
    void onlyStagesOneAndTwoHaveAnOperator() {
        assertTrue(StageId.ONE_SHOT.hasOperator());
        assertTrue(StageId.ACCEPT_LOOP.hasOperator());
        assertFalse(StageId.BROADCAST_ROOM.hasOperator());
        assertFalse(StageId.HARDENED_ROOM.hasOperator());
        assertEquals("stage 3 (broadcast room)", StageId.BROADCAST_ROOM.toString());
    }
}
