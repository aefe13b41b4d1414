package chatlab.cli;

import chatlab.client.TerminalClient;
import chatlab.stage.StageId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code chatlab client}: the terminal client ({@link TerminalClient}). */
@Command(name = "client",
        mixinStandardHelpOptions = true,
        description = {
            "Joins a chat: a stage 3 or 4 room, or a stage 1 or 2 server's one-to-one chat.",
            "%nLines from the server show as they arrive, while you type; control characters in them are "
                    + "shown escaped (ESC as ^[), so nobody can drive your terminal. Stages 1 and 2: you send your "
                    + "name, the server its own. Stages 3 and 4: your nickname answers the server's NICK. "
                    + "[bye] (or Ctrl-D) leaves.%n"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./chatlab client --name Ann           the room on 127.0.0.1:" + ServerCommand.DEFAULT_PORT,
            "  ./chatlab client --stage 1 --port 6000",
            "                                        a stage 1 server on port 6000",
            "  ./chatlab client --host 192.168.1.5 --name Ann",
            "                                        a classmate's room"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.HELP_OK, ExitCodes.HELP_SOFTWARE, ExitCodes.HELP_USAGE, ExitCodes.HELP_UNAVAILABLE})
final class ClientCommand implements Callable<Integer> {

    @ParentCommand
    private ChatLab chatlab;

    @Option(names = "--stage", paramLabel = "N", converter = StageConverter.class, defaultValue = "3",
            description = "The server's stage (default: ${DEFAULT-VALUE}): 1 and 2 chat one-to-one, 3 and 4 in a room.")
    private StageId stage;

    @Option(names = "--host", paramLabel = "H", defaultValue = "127.0.0.1",
            description = "The server's name or address (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--port", paramLabel = "P", defaultValue = "" + ServerCommand.DEFAULT_PORT,
            description = "The server's port (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--name", paramLabel = "NAME",
            description = "Your name (stages 1, 2) or nickname (3, 4); asked for when not given.")
    private String name;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 1 || port > 65_535) {
            throw new CommandFailure(ExitCodes.USAGE, "--port must be 1 to 65535, not " + port);
        }
        Terminal terminal = chatlab.terminal();
        BufferedReader keyboard = new BufferedReader(new InputStreamReader(terminal.in(), keyboardCharset()));
        TerminalClient client = new TerminalClient(new TerminalClient.Options(stage, host, port, name), keyboard,
                terminal.out());
        try {
            return switch (client.run()) {
                case LEFT, SERVER_CLOSED -> ExitCodes.OK;
                case CONNECTION_LOST -> ExitCodes.UNAVAILABLE;
            };
        } catch (ConnectException | NoRouteToHostException | SocketTimeoutException | UnknownHostException e) {
            throw new CommandFailure(ExitCodes.UNAVAILABLE, "Cannot connect to " + host + ":" + port + ": "
                    + e.getMessage() + ". Is a server running there? Start one with: ./chatlab server --stage "
                    + stage.number() + " --port " + port);
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.UNAVAILABLE, "The connection to " + host + ":" + port + " failed: " + e);
        }
    }

    /** The keyboard's encoding: what the JDK says standard input uses, else the console's. */
    private static Charset keyboardCharset() {
        String declared = System.getProperty("stdin.encoding");
        if (declared != null && Charset.isSupported(declared)) {
            return Charset.forName(declared);
        }
        return System.console() != null ? System.console().charset() : Charset.defaultCharset();
    }
}
