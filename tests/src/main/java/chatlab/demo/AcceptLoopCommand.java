package chatlab.demo;

import chatlab.cli.CommandFailure;
import chatlab.cli.ExitCodes;
import chatlab.cli.Terminal;
import chatlab.harness.ChatLabHome;
import chatlab.harness.Implementation;
import chatlab.harness.StageCompiler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code chatlab demo accept-loop}: seed 000's analysis question answered by experiment. Runs stages
 * 1, 2 and 3 in turn with the same scripted clients, prints each stage's timeline and the
 * conclusion computed from it, and writes {@value HtmlReport#FILE_NAME} for a projector.
 */
@Command(name = "accept-loop",
        mixinStandardHelpOptions = true,
        description = {
            "accept() outside a loop, in a loop, and with a thread per client: who is served, when.",
            "%nHow does a server differ with accept() inside an infinite loop or outside it? This runs the servers "
                    + "of stage 1 (accept() once), stage 2 (accept() in a loop) and stage 3 (a thread per client) in "
                    + "turn, lets the same clients arrive a moment apart at each, and shows who was served, when, and "
                    + "who was never answered. Every conclusion is computed from what was measured.",
            "%nWith --impl labs it runs your stages, then the reference, and says where yours behave differently.%n"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./chatlab demo accept-loop                 the reference stages, 3 clients",
            "  ./chatlab demo accept-loop --impl labs     your stages, then the reference",
            "  ./chatlab demo accept-loop --clients 5 --out /tmp/demo"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the demo ran (a stage that is not done yet is said, not an error)",
            "1:something failed", "2:wrong command line"})
final class AcceptLoopCommand implements Callable<Integer> {
    @ParentCommand
    private DemoCommand demo;

    @Option(names = "--impl", paramLabel = "solutions|labs|DIR", defaultValue = Implementation.SOLUTIONS,
            description = "Whose stages to run: the reference solutions (default), your labs/, or a folder laid out "
                    + "like labs/. Anything but the reference is compared with it.")
    private String impl;

    @Option(names = "--clients", paramLabel = "K", defaultValue = "" + Schedule.DEFAULT_CLIENTS,
            description = "How many clients arrive at each server: 1 to " + Schedule.MAX_CLIENTS + " (default: ${DEFAULT-VALUE}).")
    private int clients;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where to write " + HtmlReport.FILE_NAME + " (default: target/demo in the ChatLab folder).")
    private Path out;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (clients < 1 || clients > Schedule.MAX_CLIENTS) {
            throw new CommandFailure(ExitCodes.USAGE, "--clients must be 1 to " + Schedule.MAX_CLIENTS + ", not " + clients);
        }
        Terminal terminal = demo.chatlab().terminal();
        ChatLabHome home = demo.chatlab().home();
        Implementation yours = Implementation.resolve(impl, home);
        Implementation reference = Implementation.resolve(Implementation.SOLUTIONS, home);
        Optional<Implementation> compareWith = yours.root().equals(reference.root()) ? Optional.empty() : Optional.of(reference);

        AcceptLoopDemo accepting = new AcceptLoopDemo(StageCompiler.forHome(home), Schedule.of(clients),
                Progress.printedOn(terminal.err()));
        DemoReport report = accepting.run(yours, compareWith);

        new TerminalReport(report, Glyphs.forCharset(terminal.out().charset())).print(terminal.out());
        Path page = new HtmlReport(report).writeInto(out != null ? out : home.root().resolve("target").resolve("demo"));
        terminal.out().println();
        terminal.out().println("The timelines for a projector: " + page.toAbsolutePath());
        return ExitCodes.OK;
    }
}
