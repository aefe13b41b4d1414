package chatlab.suite;

import chatlab.protocol.Limits;
import chatlab.stage.StageId;

/** Starts stages of the implementation under test, each on a fresh listening socket. */
@FunctionalInterface
public interface StageLauncher {

    /**
     * Starts {@code stage} with the operator's name {@code Server} and the given limits.
     *
     * @throws StageUnavailableException when the implementation has no working stage to start
     *                                   (it does not compile, is not done yet, cannot be loaded)
     */
    StageUnderTest start(StageId stage, Limits limits) throws Exception;

    /** Starts {@code stage} with the protocol's own limits. */
    default StageUnderTest start(StageId stage) throws Exception {
        return start(stage, Limits.DEFAULT);
    }
}
