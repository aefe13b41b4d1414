package chatlab.cli;

import picocli.CommandLine;

/**
 * What the {@code chatlab} command's exit status means, in the style of picocli's
 * {@link CommandLine.ExitCode}: scripts (and the grader) can tell a stage that is not done yet from
 * one that does not compile, and both from a port that was taken.
 */
public final class ExitCodes {
    private ExitCodes() {
    }

    /** Done as asked. */
    public static final int OK = CommandLine.ExitCode.OK;
    /** Something went wrong that should not have: a stage failed, a bug. */
    public static final int SOFTWARE = CommandLine.ExitCode.SOFTWARE;
    /** The command line was wrong (picocli prints the usage). */
    public static final int USAGE = CommandLine.ExitCode.USAGE;
    /** The stage stopped at a TODO the student has not filled in yet. */
    public static final int NOT_DONE = 3;
    /** The stage's sources do not compile. */
    public static final int DOES_NOT_COMPILE = 4;
    /** The network said no: the port is taken, the address is not this machine's, nobody listens. */
    public static final int UNAVAILABLE = 5;
    /** {@code check}: some property did not pass (failed, timed out, could not run). */
    public static final int LOST_POINTS = 6;

    // One line each for the commands' help (annotation values must be constants).
    static final String HELP_OK = "0:done";
    static final String HELP_SOFTWARE = "1:something failed (the stage threw, a bug)";
    static final String HELP_USAGE = "2:wrong command line";
    static final String HELP_NOT_DONE = "3:the stage is not done yet (a TODO is left)";
    static final String HELP_DOES_NOT_COMPILE = "4:the stage does not compile";
    static final String HELP_UNAVAILABLE = "5:cannot listen or connect (port taken, no server)";
    static final String HELP_OK_CHECK = "0:every property passed";
    static final String HELP_LOST_POINTS = "6:points were lost: a property failed, timed out or could not run";
}
