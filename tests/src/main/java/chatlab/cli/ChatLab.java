package chatlab.cli;

import chatlab.cli.spi.Subcommand;
import chatlab.harness.ChatLabHome;
import java.io.PrintWriter;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code chatlab} command: runs the lab's servers and clients by hand (and, as later commands
 * arrive, checks and grades). The launcher script {@code ./chatlab} builds what changed and starts
 * {@link #main}.
 *
 * <p>Subcommands are classes listed below, plus any {@link Subcommand} another module puts on the
 * classpath ({@code bench}); see the package documentation for what one looks like.
 */
@Command(name = "chatlab",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "ChatLab: the TCP socket chat room lab, in Java 21 on virtual threads.",
            "Runs a stage's server (the reference solution, or your labs/) and chats with it; grades your labs/.%n"},
        subcommands = {
            ServerCommand.class,
            ClientCommand.class,
            chatlab.demo.DemoCommand.class,
            CheckCommand.class,
            GradeCommand.class,
            ExportStudentCommand.class,
            GradescopeCommand.class,
            SampleClassCommand.class,
            TallyCommand.class,
            CommandLine.HelpCommand.class
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./chatlab server --stage 3            a chat room (reference solution), port " + ServerCommand.DEFAULT_PORT,
            "  ./chatlab client --name Ann           join it, in another terminal",
            "  ./chatlab server --stage 1 --impl labs",
            "                                        your own stage 1",
            "  ./chatlab check                       grade your labs/ (score per stage)",
            "  ./chatlab help server                 all about one command"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCodes.HELP_OK, ExitCodes.HELP_SOFTWARE, ExitCodes.HELP_USAGE, ExitCodes.HELP_NOT_DONE,
            ExitCodes.HELP_DOES_NOT_COMPILE, ExitCodes.HELP_UNAVAILABLE, ExitCodes.HELP_LOST_POINTS})
public final class ChatLab implements Runnable {
    private final Terminal terminal;
    private final ChatLabHome home; // null: found when first asked for

    @Spec
    private CommandSpec spec;

    /** The command on the process's standard streams, in the checkout {@link ChatLabHome#locate} finds. */
    public ChatLab() {
        this(Terminal.system(), null);
    }

    /** The command on {@code terminal}, in {@code home} (null: the one {@link ChatLabHome#locate} finds). */
    public ChatLab(Terminal terminal, ChatLabHome home) {
        this.terminal = terminal;
        this.home = home;
    }

    /** Where the subcommands read and write. */
    public Terminal terminal() {
        return terminal;
    }

    /** The checkout the command works in. */
    public ChatLabHome home() {
        return home != null ? home : ChatLabHome.locate();
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command: server, client or check (see below)");
    }

    public static void main(String[] args) {
        System.exit(run(Terminal.system(), null, args));
    }

    /** Runs the command with {@code args} on {@code terminal} in {@code home} (null: found); returns the exit code. */
    public static int run(Terminal terminal, ChatLabHome home, String... args) {
        return commandLine(terminal, home).execute(args);
    }

    /** The command, ready to execute, with ChatLab's handling of failures. */
    public static CommandLine commandLine(Terminal terminal, ChatLabHome home) {
        CommandLine commandLine = new CommandLine(new ChatLab(terminal, home));
        // Subcommands of other modules, when their jars are on the classpath (chatlab bench).
        for (Subcommand extra : ServiceLoader.load(Subcommand.class)) {
            commandLine.addSubcommand(extra);
        }
        commandLine.setOut(new PrintWriter(terminal.out(), true));
        commandLine.setErr(new PrintWriter(terminal.err(), true));
        commandLine.setExecutionExceptionHandler((failure, failed, parsed) -> {
            if (failure instanceof CommandFailure expected) {
                terminal.err().println(expected.getMessage());
                return expected.exitCode();
            }
            terminal.err().println("chatlab " + String.join(" ", parsed.originalArgs()) + " failed: "
                    + FailureReport.describe(failure, ""));
            return ExitCodes.SOFTWARE;
        });
        return commandLine;
    }
}
