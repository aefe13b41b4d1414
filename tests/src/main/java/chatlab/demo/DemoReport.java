package chatlab.demo;

import chatlab.harness.Implementation;
import chatlab.stage.StageId;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything one {@code chatlab demo accept-loop} measured: the implementation asked for and, when
 * that is not the reference, the reference solutions, run the same way on the same machine.
 *
 * @param schedule  the clients' script
 * @param yours     the implementation asked for
 * @param reference the reference solutions, when {@code yours} is something else
 * @param when      when the demo ran
 */
record DemoReport(Schedule schedule, Run yours, Optional<Run> reference, ZonedDateTime when) {

    /**
     * The stages of one implementation, as measured.
     *
     * @param implementation what ran
     * @param stages         one record per stage, in stage order
     */
    record Run(Implementation implementation, List<StageRecord> stages) {
        Run {
            stages = List.copyOf(stages);
        }

        Optional<StageRecord> stage(StageId stage) {
            return stages.stream().filter(s -> s.stage() == stage).findFirst();
        }
    }

    /**
     * How one of your stages compares with the reference.
     *
     * @param stage     the stage
     * @param yours     your stage's outcome
     * @param reference the reference's outcome
     */
    record Difference(StageId stage, Outcome yours, Outcome reference) {
        boolean same() {
            return yours.summary().equals(reference.summary());
        }

        /** One line: {@code stage 1 behaves unlike the reference: yours ...; the reference ...}. */
        String describe() {
            if (same()) {
                return "stage " + stage.number() + " behaves like the reference: " + yours.summary();
            }
            return "stage " + stage.number() + " behaves unlike the reference: yours " + yours.summary()
                    + "; the reference " + reference.summary();
        }
    }

    /**
     * One line of the comparison with the reference.
     *
     * @param stage  the stage
     * @param unlike whether your stage behaved unlike the reference
     * @param text   what to say
     */
    record Comparison(StageId stage, boolean unlike, String text) {
    }

    /**
     * One line per stage of yours: how it compares with the reference; where yours did not run,
     * what the reference did, so that the lesson is there even before the lab is done. Empty when
     * there is no reference run.
     */
    List<Comparison> comparisons() {
        List<Comparison> lines = new ArrayList<>();
        reference.ifPresent(ref -> {
            List<Difference> differences = differences();
            for (StageRecord mine : yours.stages()) {
                StageId stage = mine.stage();
                Optional<Difference> difference = differences.stream().filter(d -> d.stage() == stage).findFirst();
                if (difference.isPresent()) {
                    lines.add(new Comparison(stage, !difference.get().same(), difference.get().describe()));
                } else {
                    lines.add(new Comparison(stage, false, "stage " + stage.number() + ", the reference only: "
                            + ref.stage(stage).map(theirs -> switch (theirs) {
                                case StageRecord.Measured measured -> outcome(measured).summary();
                                case StageRecord.Unavailable unavailable -> "did not run either: " + unavailable.why();
                            }).orElse("was not run")));
                }
            }
        });
        return lines;
    }

    /** The outcome of a measured stage. */
    Outcome outcome(StageRecord.Measured measured) {
        return Outcome.of(measured, schedule);
    }

    /** For each stage measured in both runs: how yours compares with the reference. */
    List<Difference> differences() {
        List<Difference> differences = new ArrayList<>();
        reference.ifPresent(ref -> {
            for (StageRecord mine : yours.stages()) {
                if (mine instanceof StageRecord.Measured measured
                        && ref.stage(mine.stage()).orElse(null) instanceof StageRecord.Measured theirs) {
                    differences.add(new Difference(mine.stage(), outcome(measured), outcome(theirs)));
                }
            }
        });
        return differences;
    }

    /** The time every picture spans: the latest event of any measured stage, at least one second. */
    Duration timeSpan() {
        Duration span = Duration.ofSeconds(1);
        List<Run> runs = new ArrayList<>();
        runs.add(yours);
        reference.ifPresent(runs::add);
        for (Run run : runs) {
            for (StageRecord stage : run.stages()) {
                if (stage instanceof StageRecord.Measured measured && measured.lastEvent().compareTo(span) > 0) {
                    span = measured.lastEvent();
                }
            }
        }
        return span;
    }
}
