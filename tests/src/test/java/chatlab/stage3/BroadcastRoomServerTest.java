package chatlab.stage3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatlab.concurrency.CountingThreadFactory;
import chatlab.driver.ScriptedClient;
import chatlab.protocol.Limits;
import chatlab.protocol.Protocol;
import chatlab.stage.ChatStage;
import chatlab.stage.StageHost;
import chatlab.stage.StageId;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Stage 3, the broadcast room: the room's rules (inherited from {@link RoomRulesTest}) and what is
 * stage 3's own, against the reference solution.
 */
@DisplayName("Stage 3: broadcast room")
class BroadcastRoomServerTest extends RoomRulesTest {

    @Override
    protected StageId stage() {
        return StageId.BROADCAST_ROOM;
    }

    @Override
    protected ChatStage newServer() {
        return new BroadcastRoomServer();
    }

    @Test
    @DisplayName("rule 1: stage 3 checks nothing: whatever the first line holds is the nickname")
    void anyFirstLineIsTheNickname() throws Exception {
        ScriptedClient ana = join("ana");
        ScriptedClient odd = join("Mr. Odd (really)", ana);

        odd.send("hi");

        ana.expectLine(Protocol.message("Mr. Odd (really)", "hi"), TIMEOUT);
    }

    @Test
    @DisplayName("rule 4: two members with one nickname: the one that leaves is the one removed, the other stays")
    void sameNicknameTwiceTheLeaverIsTheOneRemoved() throws Exception {
        ScriptedClient first = join("ana");
        ScriptedClient second = join("ana", first);
        ScriptedClient ben = join("ben", first, second);

        first.send(Protocol.BYE);
        ben.expectLine(Protocol.left("ana"), TIMEOUT);
        second.expectLine(Protocol.left("ana"), TIMEOUT);

        ben.send("who is still here?");
        second.expectLine(Protocol.message("ben", "who is still here?"), TIMEOUT);
        second.send("me");
        ben.expectLine(Protocol.message("ben", "who is still here?"), TIMEOUT);
        ben.expectLine(Protocol.message("ana", "me"), TIMEOUT);
    }

    @Test
    @DisplayName("closing the server closes every connection, joined or not, and leaves no thread behind")
    void closingClosesEveryConnection() throws Exception {
        ScriptedClient ana = join("ana");
        ScriptedClient ben = join("ben", ana);
        ScriptedClient stranger = connect("stranger");
        stranger.expectLine(Protocol.NICK, TIMEOUT);

        StageHost.Closing closing = host.close(TIMEOUT);

        assertTrue(closing.clean(), "serve returned and no thread is left: " + closing);
        for (ScriptedClient client : List.of(ana, ben, stranger)) {
            assertNotEquals(ScriptedClient.Ending.OPEN, client.awaitEnd(TIMEOUT));
        }
        assertEquals(List.of(Protocol.NICK), stranger.lines());
    }

    @Test
    @DisplayName("closing the server on platform threads too: connections are closed, not just interrupted")
    void closingOnPlatformThreads() throws Exception {
        CountingThreadFactory platform = CountingThreadFactory.platform("stage3-platform");
        StageHost platformHost = startStage(platform, Limits.DEFAULT);
        ScriptedClient ana = join(platformHost, "ana");
        ScriptedClient stranger = connect("stranger", platformHost);
        stranger.expectLine(Protocol.NICK, TIMEOUT);

        StageHost.Closing closing = platformHost.close(TIMEOUT);

        assertTrue(closing.clean(), "serve returned and no thread is left: " + closing);
        assertNotEquals(0, platform.started());
        for (ScriptedClient client : List.of(ana, stranger)) {
            assertNotEquals(ScriptedClient.Ending.OPEN, client.awaitEnd(TIMEOUT));
        }
    }
}
