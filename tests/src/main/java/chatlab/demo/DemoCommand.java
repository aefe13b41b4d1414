package chatlab.demo;

import chatlab.cli.ChatLab;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code chatlab demo}: classroom demonstrations, measured on this machine. One subcommand per demo. */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = {"Classroom demonstrations, measured on this machine and drawn for a projector.",
            "%nEach demo runs the stages, measures what happens, and draws it: in the terminal, and as a page.%n"},
        subcommands = {AcceptLoopCommand.class},
        footerHeading = "%nExample:%n",
        footer = {"  ./chatlab demo accept-loop        accept() in a loop or outside it, measured"})
public final class DemoCommand implements Runnable {
    @ParentCommand
    private ChatLab chatlab;

    @Spec
    private CommandSpec spec;

    /** The {@code chatlab} command this runs under. */
    ChatLab chatlab() {
        return chatlab;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a demo: accept-loop (see below)");
    }
}
