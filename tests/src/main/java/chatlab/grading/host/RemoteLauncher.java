package chatlab.grading.host;

import chatlab.harness.Compilation;
import chatlab.protocol.Limits;
import chatlab.stage.StageId;
import chatlab.suite.CompiledImplementation;
import chatlab.suite.StageLauncher;
import chatlab.suite.StageUnderTest;
import java.io.IOException;
import java.util.Optional;

/**
 * Starts stages of an implementation in a student JVM: each stage is compiled here, in the driver
 * (a compile error or missing sources read exactly as when the stage runs locally), then started by
 * the {@link SubmissionHost} of the student JVM, which this launcher starts when first needed.
 *
 * <p>One student JVM serves every launcher of this driver, stage after stage, until it ends: when
 * it ended under a stage ({@code System.exit}, out of memory) or was retired (a stage left threads
 * behind), the next {@link #start} starts a fresh one. With the system property
 * {@value Sandbox#PROPERTY} {@code true}, and where Linux allows it, the student JVM runs in a mount
 * namespace where only its scratch folder is writable ({@link Sandbox#whyFilesWritable()}).
 */
public final class RemoteLauncher implements StageLauncher {
    private static final Object LOCK = new Object();
    private static StudentJvm current; // guarded by LOCK

    private final CompiledImplementation compiled;

    public RemoteLauncher(CompiledImplementation compiled) {
        this.compiled = compiled;
    }

    @Override
    public StageUnderTest start(StageId stage, Limits limits) throws Exception {
        Compilation.Compiled classes = compiled.classes(stage);
        return reservedJvm().start(stage, classes.classes(), limits, compiled.implementation());
    }

    /** The student JVM to start the next stage in, a stage reserved in it. */
    private static StudentJvm reservedJvm() throws IOException, InterruptedException {
        synchronized (LOCK) {
            if (current == null || !current.reserve()) {
                current = StudentJvm.start(StudentJvm.Options.likeThisJvm(sandboxed()));
                current.reserve();
            }
            return current;
        }
    }

    private static boolean sandboxed() {
        return Boolean.getBoolean(Sandbox.PROPERTY) && Sandbox.whyFilesWritable().isEmpty();
    }

    /** The process of the student JVM running now, if one is. */
    public static Optional<ProcessHandle> studentJvm() {
        synchronized (LOCK) {
            return current == null || current.hasEnded() ? Optional.empty() : Optional.of(current.handle());
        }
    }

    /** Stops the student JVM, if one runs; the next stage starts a fresh one. */
    public static void stopStudentJvm() {
        synchronized (LOCK) {
            if (current != null) {
                current.stop();
                current = null;
            }
        }
    }
}
