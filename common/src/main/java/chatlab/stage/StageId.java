package chatlab.stage;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * The four stages of the lab, and where each one's code lives.
 *
 * <p>An implementation of the lab (the reference solutions, a student's {@code labs/}, a catalogued
 * mistake) is a folder with one subfolder per stage, {@code stage1} to {@code stage4}, each holding
 * its sources under {@code src/main/java}; each stage's server is the class {@link #className()}.
 */
public enum StageId {
    ONE_SHOT(1, "chatlab.stage1.OneShotServer", "one-shot server"),
    ACCEPT_LOOP(2, "chatlab.stage2.AcceptLoopServer", "accept loop"),
    BROADCAST_ROOM(3, "chatlab.stage3.BroadcastRoomServer", "broadcast room"),
    HARDENED_ROOM(4, "chatlab.stage4.HardenedRoomServer", "hardened room");

    private final int number;
    private final String className;
    private final String title;

    StageId(int number, String className, String title) {
        this.number = number;
        this.className = className;
        this.title = title;
    }

    /** 1 to 4. */
    public int number() {
        return number;
    }

    /** The fully qualified name of the stage's server class. */
    public String className() {
        return className;
    }

    /** A few words a person recognises: "accept loop". */
    public String title() {
        return title;
    }

    /** The stage's folder in an implementation: {@code stage2}. */
    public String folderName() {
        return "stage" + number;
    }

    /** The stage's sources in the implementation rooted at {@code implementation}. */
    public Path sourceRoot(Path implementation) {
        return implementation.resolve(folderName()).resolve("src").resolve("main").resolve("java");
    }

    /** Whether the stage serves one client at a time with an operator at the console (1 and 2). */
    public boolean hasOperator() {
        return number <= 2;
    }

    /** The stage numbered {@code number}. */
    public static StageId of(int number) {
        return Arrays.stream(values()).filter(s -> s.number == number).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no stage " + number + ": stages are 1 to 4"));
    }

    @Override
    public String toString() {
        return "stage " + number + " (" + title + ")";
    }
}
