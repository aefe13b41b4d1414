package chatlab.demo;

import chatlab.harness.Implementation;
import chatlab.harness.StageCompiler;
import chatlab.stage.StageId;
import java.io.IOException;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The accept-loop demonstration: seed 000's analysis question ("{@code accept()} inside an infinite
 * loop, or outside it?") answered by experiment. Stage 1 calls {@code accept()} once, stage 2 in a
 * loop, stage 3 in a loop with a thread per client; the same clients visit each in turn.
 */
final class AcceptLoopDemo {
    /** The stages the demo compares, in the order it runs them. */
    static final List<StageId> STAGES = List.of(StageId.ONE_SHOT, StageId.ACCEPT_LOOP, StageId.BROADCAST_ROOM);

    private final StageCompiler compiler;
    private final Schedule schedule;
    private final Progress progress;

    AcceptLoopDemo(StageCompiler compiler, Schedule schedule, Progress progress) {
        this.compiler = compiler;
        this.schedule = schedule;
        this.progress = progress;
    }

    /**
     * Runs the demo on {@code yours} and, if given, on {@code reference} too, to compare.
     */
    DemoReport run(Implementation yours, Optional<Implementation> reference) throws IOException, InterruptedException {
        DemoReport.Run mine = run(yours);
        Optional<DemoReport.Run> theirs = Optional.empty();
        if (reference.isPresent()) {
            theirs = Optional.of(run(reference.get()));
        }
        return new DemoReport(schedule, mine, theirs, ZonedDateTime.now());
    }

    /** Runs every stage of {@code implementation}; a stage that cannot run is noted, and the others run. */
    DemoReport.Run run(Implementation implementation) throws IOException, InterruptedException {
        List<StageRecord> records = new ArrayList<>();
        for (StageId stage : STAGES) {
            progress.stage(stage, implementation.name(), schedule);
            StageRecord record = switch (StageSupply.load(stage, implementation, compiler)) {
                case StageSupply.Supplied.Ready ready ->
                        StageMeasurement.measure(stage, ready.server(), implementation, schedule, progress);
                case StageSupply.Supplied.Unavailable unavailable -> new StageRecord.Unavailable(stage, unavailable.why());
            };
            if (record instanceof StageRecord.Unavailable unavailable) {
                progress.unavailable(stage, implementation.name(), unavailable.why());
            }
            records.add(record);
        }
        return new DemoReport.Run(implementation, records);
    }

    Schedule schedule() {
        return schedule;
    }

    /** What the stage is asked to be, in the words of the analysis question. */
    static String design(StageId stage) {
        return switch (stage) {
            case ONE_SHOT -> "accept() once, outside any loop";
            case ACCEPT_LOOP -> "accept() in a loop, one session at a time";
            case BROADCAST_ROOM -> "accept() in a loop, a thread per client";
            case HARDENED_ROOM -> "the hardened room";
        };
    }
}
