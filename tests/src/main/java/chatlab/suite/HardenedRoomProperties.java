package chatlab.suite;

import chatlab.property.Gen;
import chatlab.protocol.Limits;
import chatlab.protocol.Protocol;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The graded properties of stage 4, the hardened room (30 points): stage 3's room rules, which
 * still hold, then each hardening rule over generated scenarios: nicknames (judged by the shared
 * rules of {@code Nicknames}), the nickname deadline, the line limit, UTF-8, a member that stops
 * reading, and the shutdown.
 */
@DisplayName("Stage 4: hardened room")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class HardenedRoomProperties {
    /** Short, so that a scenario waits a fraction of a second for it rather than 30 s. */
    static final Duration NICKNAME_TIMEOUT = Duration.ofMillis(500);
    /** How long a stage may take to close: it has nobody slow to wait for in these scenarios. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(3);

    @GradedProperty(stage = 4, points = 6, tries = 6)
    @Order(1)
    @DisplayName("stage 3's rules still hold: every member receives exactly the room's events, in order, for any schedule")
    void roomRulesStillHold(PropertyContext properties) {
        Gen<RoomScenario> schedules = RoomScenarios.schedules(4, 14, Limits.MAX_LINE_BYTES)
                .map(HardenedRoomProperties::withStage4Nicknames);
        properties.forAll(schedules).check(scenario -> {
            try (StageUnderTest room = properties.start()) {
                try (RoomDriver driver = new RoomDriver(room.address(), properties.lineTimeout())) {
                    driver.play(scenario);
                }
                closeAndCheck(room);
            }
        });
    }

    @GradedProperty(stage = 4, points = 6, tries = 8)
    @Order(2)
    @DisplayName("nicknames: invalid, reserved and taken ones (ignoring case, in any script) get the right ERROR and "
            + "NICK again; valid ones join")
    void nicknameRules(PropertyContext properties) {
        properties.forAll(HardenedScenarios.nicknames()).check(scenario -> play(properties, scenario));
    }

    @GradedProperty(stage = 4, points = 2, tries = 2)
    @Order(3)
    @DisplayName("nicknames: no valid nickname in time gets ERROR no nickname and a disconnect; members stay")
    void nicknameTimeout(PropertyContext properties) {
        properties.forAll(NicknameTimeoutCheck.scenarios(NICKNAME_TIMEOUT)).check(scenario -> {
            try (StageUnderTest room = properties.start(Limits.DEFAULT.withNicknameTimeout(NICKNAME_TIMEOUT))) {
                new NicknameTimeoutCheck(scenario, room, properties.lineTimeout()).play();
                closeAndCheck(room);
            }
        });
    }

    @GradedProperty(stage = 4, points = 4, tries = 6)
    @Order(4)
    @DisplayName("line limit: 1024 bytes go through; the 1025th gets ERROR line too long, a disconnect, and left! to the others")
    void lineLimit(PropertyContext properties) {
        properties.forAll(HardenedScenarios.lineLimit()).check(scenario -> play(properties, scenario));
    }

    @GradedProperty(stage = 4, points = 3, tries = 6)
    @Order(5)
    @DisplayName("UTF-8: a line or nickname that is not valid UTF-8 gets ERROR invalid UTF-8 and is dropped; the connection stays")
    void invalidUtf8(PropertyContext properties) {
        properties.forAll(HardenedScenarios.invalidUtf8()).check(scenario -> play(properties, scenario));
    }

    @GradedProperty(stage = 4, points = 5, tries = 2)
    @Order(6)
    @DisplayName("a member that stops reading delays nobody, and is dropped with left! once more than 1 MiB waits for it")
    void slowReaderDelaysNobody(PropertyContext properties) {
        properties.forAll(SlowReaderCheck.scenarios()).shrinkingFor(Duration.ofSeconds(5)).check(scenario -> {
            try (StageUnderTest room = properties.start()) {
                new SlowReaderCheck(scenario, room, properties.lineTimeout()).play();
                closeAndCheck(room);
            }
        });
    }

    @GradedProperty(stage = 4, points = 4, tries = 6)
    @Order(7)
    @DisplayName("shutdown: every connection gets ERROR server shutting down and is closed, no left!, no thread left")
    void shutdown(PropertyContext properties) {
        properties.forAll(HardenedScenarios.beforeShutdown().map(s -> s.endingWith(SHUTDOWN))).check(scenario -> {
            try (StageUnderTest room = properties.start();
                 HardenedRoomDriver driver = new HardenedRoomDriver(room.address(), properties.lineTimeout())) {
                driver.playAndShutDown(scenario, room, CLOSE_GRACE);
                noFailure(room);
            }
        });
    }

    private static final String SHUTDOWN = "The server is closed (as Ctrl-C closes it): every client, in the room or "
            + "not, must receive \"" + Protocol.ERROR_SHUTTING_DOWN + "\" as its next line and nothing else, then see its "
            + "connection closed; serve() must return, with every thread it started ended.";

    // ---- helpers --------------------------------------------------------------------------------

    private static void play(PropertyContext properties, HardenedScenario scenario) throws Exception {
        try (StageUnderTest room = properties.start()) {
            try (HardenedRoomDriver driver = new HardenedRoomDriver(room.address(), properties.lineTimeout())) {
                driver.play(scenario);
            }
            closeAndCheck(room);
        }
    }

    /** Stage 3's schedules, with a stage 4 nickname wherever stage 3's would not do. */
    static RoomScenario withStage4Nicknames(RoomScenario scenario) {
        List<RoomStep> steps = scenario.steps().stream().map(step -> step instanceof RoomStep.Join join
                ? new RoomStep.Join(join.client(), NicknameGen.forStage4(join.client(), join.nick())) : step).toList();
        return new RoomScenario(steps);
    }

    /**
     * Closes the room, once every client has gone (how a room shuts down with clients connected is
     * the shutdown property's business), and checks that it had not failed meanwhile: a room that
     * throws once its members have what they expected still broke (a thread that died, the room
     * closed on everyone).
     */
    private static void closeAndCheck(StageUnderTest room) throws InterruptedException {
        room.close(CLOSE_GRACE);
        noFailure(room);
    }

    private static void noFailure(StageUnderTest room) {
        Optional<Throwable> failure = room.failure();
        if (failure.isPresent()) {
            throw new AssertionError("Every client received what it should, but the room failed meanwhile: "
                    + describe(failure.get()) + ".");
        }
    }

    /** The exception that ended the room, without the wrappers around it, and where it was thrown. */
    private static String describe(Throwable failure) {
        return StageFailures.describe(failure);
    }
}
