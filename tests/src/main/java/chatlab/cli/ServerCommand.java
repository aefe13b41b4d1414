package chatlab.cli;

import chatlab.harness.ChatLabHome;
import chatlab.harness.Implementation;
import chatlab.protocol.Protocol;
import chatlab.stage.ChatStage;
import chatlab.stage.StageHost;
import chatlab.stage.StageId;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code chatlab server}: runs one stage's server on this machine, with the terminal as the
 * operator's console.
 *
 * <p>Its first line on standard output, once the socket listens, is exactly
 * {@code Listening on <address>:<port>}: scripts and tests read it to learn the port.
 */
@Command(name = "server",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a stage's server: the reference solution, your labs/, or any folder like it.",
            "%nOnce listening, its first line is exactly 'Listening on <address>:<port>', then this "
                    + "machine's name and address. Stages 1 and 2: what you type goes to the client, and [bye] "
                    + "ends the chat. Ctrl-C closes the server (stage 4 tells its members first).%n"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./chatlab server --stage 3            the reference room, on 127.0.0.1:" + ServerCommand.DEFAULT_PORT,
            "  ./chatlab server --stage 1 --impl labs --name Ann",
            "                                        your stage 1; you chat as Ann",
            "  ./chatlab server --stage 4 --bind 0.0.0.0",
            "                                        a room your classmates can join"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCodes.HELP_OK, ExitCodes.HELP_SOFTWARE, ExitCodes.HELP_USAGE, ExitCodes.HELP_NOT_DONE,
            ExitCodes.HELP_DOES_NOT_COMPILE, ExitCodes.HELP_UNAVAILABLE})
final class ServerCommand implements Callable<Integer> {
    /** The port servers listen on and clients connect to unless told otherwise. */
    static final int DEFAULT_PORT = 5050;

    @ParentCommand
    private ChatLab chatlab;

    @Option(names = "--stage", required = true, paramLabel = "N", converter = StageConverter.class,
            description = "The stage: 1 one-shot server, 2 accept loop, 3 broadcast room, 4 hardened room.")
    private StageId stage;

    @Option(names = "--port", paramLabel = "P", defaultValue = "" + DEFAULT_PORT,
            description = "The port to listen on (default: ${DEFAULT-VALUE}); 0 picks a free one.")
    private int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "The address to listen on (default: ${DEFAULT-VALUE}, this machine only); "
                    + "0.0.0.0 lets others on your network connect.")
    private String bind;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = Protocol.DEFAULT_OPERATOR_NAME,
            description = "Your name as the operator, sent to the client in stages 1 and 2 (default: ${DEFAULT-VALUE}).")
    private String name;

    @Option(names = "--impl", paramLabel = "solutions|labs|DIR",
            description = "Whose server to run: the reference solutions (the default, where the checkout has them; "
                    + "a student's starter copy has none, and runs labs/), your labs/, or a folder laid out like labs/ "
                    + "(or holding one). Sources are compiled as needed.")
    private String impl;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65_535) {
            throw new CommandFailure(ExitCodes.USAGE, "--port must be 0 to 65535, not " + port);
        }
        ChatLabHome home = chatlab.home();
        String chosen = impl != null ? impl
                : java.nio.file.Files.isDirectory(home.solutions()) ? Implementation.SOLUTIONS : Implementation.LABS;
        Implementation implementation = Implementation.resolve(chosen, home);
        ChatStage server = StageLoading.load(stage, implementation, home);
        return new StageRun(stage, implementation, chatlab.terminal()).run(server, listen(), name);
    }

    private ServerSocket listen() {
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new CommandFailure(ExitCodes.USAGE, "--bind " + bind + ": no such address");
        }
        try {
            return StageHost.listen(address, port);
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.UNAVAILABLE, "Cannot listen on " + address.getHostAddress() + ":" + port
                    + ": " + e.getMessage() + ". Is another server running there? Choose another --port, or --port 0 for any free one.");
        }
    }
}
