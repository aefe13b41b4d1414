package chatlab.demo;

import chatlab.stage.StageId;
import java.io.PrintStream;
import java.time.Duration;

/** What the demo is doing right now, for the person waiting: which stage, which client. */
interface Progress {

    /** A stage of {@code implementation} starts, with {@code schedule}'s clients. */
    void stage(StageId stage, String implementation, Schedule schedule);

    /** Something happened to {@code client} at {@code at} (from the start of the stage's run). */
    void client(Duration at, String client, String what);

    /** The stage could not be run. */
    void unavailable(StageId stage, String implementation, String why);

    /** Says nothing. */
    static Progress silent() {
        return new Progress() {
            @Override
            public void stage(StageId stage, String implementation, Schedule schedule) {
            }

            @Override
            public void client(Duration at, String client, String what) {
            }

            @Override
            public void unavailable(StageId stage, String implementation, String why) {
            }
        };
    }

    /** One line per event on {@code out}. */
    static Progress printedOn(PrintStream out) {
        return new Progress() {
            @Override
            public void stage(StageId stage, String implementation, Schedule schedule) {
                out.println("Running " + stage + " of " + implementation + ": " + schedule.clients()
                        + (schedule.clients() == 1 ? " client" : " clients") + " arriving "
                        + Wording.seconds(schedule.arrivalGap()) + " apart...");
            }

            @Override
            public void client(Duration at, String client, String what) {
                out.println("  " + Wording.padLeft(Wording.seconds(at), 7) + "  " + client + " " + what);
            }

            @Override
            public void unavailable(StageId stage, String implementation, String why) {
                out.println("  not measured (see below)");
            }
        };
    }
}
