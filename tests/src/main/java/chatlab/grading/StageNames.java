package chatlab.grading;

import chatlab.stage.StageId;

/** How the reports name a stage: "Stage 3: broadcast room". */
final class StageNames {
    private StageNames() {
    }

    /** "Stage 3: broadcast room"; just "Stage 7" for a number the lab does not have. */
    static String of(int stage) {
        for (StageId id : StageId.values()) {
            if (id.number() == stage) {
                return "Stage " + stage + ": " + id.title();
            }
        }
        return "Stage " + stage;
    }
}
