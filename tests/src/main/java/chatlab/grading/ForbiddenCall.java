package chatlab.grading;

/**
 * A call a stage must never make, found in its compiled classes before it runs.
 *
 * @param className  the class that makes it, as Java names it ({@code chatlab.stage1.OneShotServer},
 *                   {@code chatlab.stage3.Room$Member} for a nested class)
 * @param sourceFile the source file the class was compiled from ({@code OneShotServer.java})
 * @param line       the line of the call in that file, or 0 if the class has no line numbers
 * @param call       the call as a student writes it: {@code System.exit(...)}, {@code new Thread(...)},
 *                   {@code System::exit}, {@code FileDescriptor.out}
 * @param reason     one line for the student: why a stage may not, and what to do instead
 */
public record ForbiddenCall(String className, String sourceFile, int line, String call, String reason) {

    /** Where the call is, as the student finds it: {@code OneShotServer.java:42}. */
    public String location() {
        return line > 0 ? sourceFile + ":" + line : sourceFile;
    }

    /** The line of feedback: {@code OneShotServer.java:42: System.exit(...): a stage must never end the JVM: ...}. */
    @Override
    public String toString() {
        return location() + ": " + call + ": " + reason;
    }
}
