package chatlab.bench;

import chatlab.cli.ChatLab;
import chatlab.cli.CommandFailure;
import chatlab.cli.ExitCodes;
import chatlab.cli.spi.Subcommand;
import chatlab.harness.ChatLabHome;
import chatlab.harness.Compilation;
import chatlab.harness.Implementation;
import chatlab.harness.StageCompiler;
import chatlab.stage.StageId;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code chatlab bench}: the room under load. N clients join a room and send M tagged messages each;
 * every client checks what it got. The same load runs against ChatLab's stage (on virtual threads,
 * platform threads, or both), against a room written on Netty, and against the seed's Python server
 * if given; each server in a JVM (or process) of its own, the load generator in another.
 */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Measures a chat room under load, beside a Netty room and the seed's server.",
            "%nN clients join the room (the NICK handshake) and each sends M tagged messages; every client checks "
                    + "what it received: deliveries, losses, duplicates, each sender's order, latency. By default the "
                    + "reference solution's stage 4 runs on virtual threads, then a room written on Netty serves the "
                    + "same load. Each server runs in a JVM of its own, the load generator in another. A table "
                    + "follows, and one JSON line per server and round is appended to the results file.%n"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./chatlab bench                                  50 clients x 1,000 messages: stage 4, then Netty",
            "  ./chatlab bench --rounds 5                       the same, 5 times in turn: medians and the scatter",
            "  ./chatlab bench --clients 1000 --messages 1 --threads both",
            "                                                   virtual vs platform threads, then Netty",
            "  ./chatlab bench --clients 10000 --messages 1 --no-netty",
            "                                                   10,000 members (minutes: 50 million joined! notices)",
            "  ./chatlab bench --seed ../shared/bench/seed001_server.py",
            "                                                   the seed's Python server too, same load, same run",
            "  ./chatlab bench --against 192.168.1.20:5050      a classmate's server (stage 3 protocol)",
            "  ./chatlab bench --stage 3 --impl labs            your own stage 3"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every server measured delivered everything, once and in order",
            "1:a server lost, duplicated or reordered deliveries, or failed (a lab's TODO, say)",
            "2:wrong command line",
            "4:the stage does not compile"})
public final class BenchCommand implements Callable<Integer>, Subcommand {
    @ParentCommand
    private ChatLab chatlab;

    @Option(names = "--stage", paramLabel = "3|4", defaultValue = "4",
            description = "The stage to measure: 3 (broadcast room) or 4 (hardened room; default).")
    private int stage;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "50",
            description = "Clients in the room (default: ${DEFAULT-VALUE}).")
    private int clients;

    @Option(names = "--messages", paramLabel = "M", defaultValue = "1000",
            description = "Messages each client sends (default: ${DEFAULT-VALUE}).")
    private int messages;

    @Option(names = "--threads", paramLabel = "virtual|platform|both", defaultValue = "virtual",
            description = "The threads the stage gets (default: ${DEFAULT-VALUE}); both: one run on each, side by side.")
    private String threads;

    @Option(names = "--impl", paramLabel = "solutions|labs|DIR", defaultValue = "solutions",
            description = "Whose stage to measure: the reference solutions (default), your labs/, or a folder like it.")
    private String impl;

    @Option(names = "--netty", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also measure the Netty room, the professional's yardstick (default: on; --no-netty to skip).")
    private boolean netty;

    @Option(names = "--seed", paramLabel = "FILE",
            description = "Also measure the seed's Python server, run as python3 FILE PORT (its dialect); "
                    + "for instance ../shared/bench/seed001_server.py.")
    private Path seed;

    @Option(names = "--against", paramLabel = "HOST:PORT",
            description = "Measure only a server that runs already, anywhere, speaking the stage 3 protocol (or the seed's).")
    private String against;

    @Option(names = "--dialect", paramLabel = "chatlab|seed", defaultValue = "chatlab",
            description = "With --against: how to speak to it (default: ${DEFAULT-VALUE}). seed: notices without "
                    + "newlines, no prefixes (clients prefix their own lines).")
    private String dialect;

    @Option(names = "--warmup", paramLabel = "W",
            description = "Messages each client sends first, checked but not timed, so that the measured ones find "
                    + "the server's code compiled (default: about 50 million deliveries in all, and at least 1).")
    private Integer warmup;

    @Option(names = "--window", paramLabel = "W",
            description = "How many of its own messages a client may have in flight before it waits for the first "
                    + "to come back (default: about 256 KiB in flight per member).")
    private Integer window;

    @Option(names = "--connect-at-once", paramLabel = "C", defaultValue = "32",
            description = "Clients in their handshake at once (default: ${DEFAULT-VALUE}; the listen backlog is 50).")
    private int connectPermits;

    @Option(names = "--server-heap", paramLabel = "MB", defaultValue = "512",
            description = "The heap limit (-Xmx) of each server JVM, in MB (default: ${DEFAULT-VALUE}).")
    private int serverHeapMB;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "1",
            description = "Runs every server R times, taking turns (default: ${DEFAULT-VALUE}). With more, the table "
                    + "shows each server's median round and every round's rate: one run of a short load scatters by a third.")
    private int rounds;

    @Option(names = "--timeout", paramLabel = "MINUTES", defaultValue = "30",
            description = "The most one server's run may take (default: ${DEFAULT-VALUE}).")
    private int timeoutMinutes;

    @Option(names = "--quiet", paramLabel = "SECONDS", defaultValue = "10",
            description = "A phase with no progress for this long is given up (default: ${DEFAULT-VALUE}).")
    private int quietSeconds;

    @Option(names = "--results", paramLabel = "FILE",
            description = "The results file, one JSON line per server (default: target/bench/results.jsonl in the checkout).")
    private Path results;

    @Override
    public Integer call() throws InterruptedException, IOException {
        PrintStream out = chatlab.terminal().out();
        check();
        Benchmark.Plan plan = new Benchmark.Plan(clients,
                warmup(), messages,
                window != null ? window : Benchmark.Plan.defaultWindow(clients, messages), connectPermits,
                Duration.ofSeconds(quietSeconds), Duration.ofMinutes(timeoutMinutes), serverHeapMB);
        List<Contender> contenders = contenders();
        Machine machine = Machine.here();
        out.println("chatlab bench: " + count(clients) + " clients x " + count(messages) + " messages (warm-up "
                + count(plan.warmup()) + ", window " + plan.window() + "), "
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")));
        out.println("  on " + machine.describe());
        out.println("  expected: " + count((long) clients * (clients + 1) / 2) + " joined! notices, "
                + count((long) clients * clients * messages) + " message deliveries per server");

        Rounds measured = new Rounds(new Benchmark(plan, new ProgressReport(out)).run(contenders, rounds));
        out.println();
        if (measured.count() == 1) {
            ResultTable.print(out, measured.round(1));
        } else {
            measured.print(out);
        }
        Path file = results != null ? results : chatlab.home().root().resolve("target").resolve("bench").resolve("results.jsonl");
        ResultsFile.append(file, machine, plan, stage, measured);
        out.println("Results appended to " + file);

        boolean allPerfect = measured.all().stream()
                .filter(r -> !(r.contender() instanceof Contender.Seed)) // the seed's losses are its lesson, not a failure
                .allMatch(RunResult::perfect);
        return allPerfect ? ExitCodes.OK : ExitCodes.SOFTWARE;
    }

    /** Each client's warm-up messages: as told, or the plan's default for this many clients. */
    private int warmup() {
        return warmup != null ? warmup : Benchmark.Plan.defaultWarmup(clients);
    }

    private void check() {
        if (stage != 3 && stage != 4) {
            throw new CommandFailure(ExitCodes.USAGE, "--stage must be 3 or 4: the room stages");
        }
        if (clients < 1 || messages < 1) {
            throw new CommandFailure(ExitCodes.USAGE, "--clients and --messages must be at least 1");
        }
        if (window != null && window < 1) {
            throw new CommandFailure(ExitCodes.USAGE, "--window must be at least 1");
        }
        if (warmup != null && warmup < 0) {
            throw new CommandFailure(ExitCodes.USAGE, "--warmup must be 0 or more");
        }
        if (connectPermits < 1 || serverHeapMB < 16 || timeoutMinutes < 1 || quietSeconds < 1 || rounds < 1) {
            throw new CommandFailure(ExitCodes.USAGE,
                    "--connect-at-once, --server-heap, --timeout, --quiet and --rounds must be positive");
        }
        if (Receipts.bytesFor(clients, messages + warmup()) > 8L << 30) {
            throw new CommandFailure(ExitCodes.USAGE, count(clients) + " clients x " + count(messages)
                    + " messages is more than the load generator can check in memory: fewer, please");
        }
        if (seed != null && !Files.isRegularFile(seed)) {
            throw new CommandFailure(ExitCodes.USAGE, "--seed " + seed + ": no such file");
        }
        if (against == null && !dialect.equals("chatlab")) {
            throw new CommandFailure(ExitCodes.USAGE, "--dialect goes with --against (the seed's server given with --seed speaks seed)");
        }
    }

    private List<Contender> contenders() {
        List<Contender> list = new ArrayList<>();
        if (against != null) {
            list.add(new Contender.External(address(against), switch (dialect) {
                case "chatlab" -> Dialect.CHATLAB;
                case "seed" -> Dialect.SEED;
                default -> throw new CommandFailure(ExitCodes.USAGE, "--dialect must be chatlab or seed, not " + dialect);
            }));
            return list;
        }
        List<StageServer.ThreadKind> kinds = switch (threads) {
            case "virtual" -> List.of(StageServer.ThreadKind.VIRTUAL);
            case "platform" -> List.of(StageServer.ThreadKind.PLATFORM);
            case "both" -> List.of(StageServer.ThreadKind.VIRTUAL, StageServer.ThreadKind.PLATFORM);
            default -> throw new CommandFailure(ExitCodes.USAGE, "--threads must be virtual, platform or both, not " + threads);
        };
        StageId id = StageId.of(stage);
        ChatLabHome home = chatlab.home();
        Implementation implementation = Implementation.resolve(impl, home);
        Path classes = compile(id, implementation, home);
        for (StageServer.ThreadKind kind : kinds) {
            list.add(new Contender.Stage(id, implementation.name(), classes, kind));
        }
        if (netty) {
            list.add(new Contender.Netty());
        }
        if (seed != null) {
            list.add(new Contender.Seed(seed.toAbsolutePath()));
        }
        return list;
    }

    /** Compiles the stage here, so that a stage that does not compile is reported before anything starts. */
    private static Path compile(StageId id, Implementation implementation, ChatLabHome home) {
        Compilation compilation;
        try {
            compilation = StageCompiler.forHome(home).compile(id, implementation);
        } catch (IOException | RuntimeException e) {
            throw new CommandFailure(ExitCodes.SOFTWARE, "Cannot compile " + id + " of " + implementation.name() + ": " + e);
        }
        return switch (compilation) {
            case Compilation.Compiled compiled -> compiled.classes();
            case Compilation.Missing missing -> throw new CommandFailure(ExitCodes.USAGE, "There is no stage "
                    + id.number() + " in " + implementation.name() + ": its sources belong in " + missing.expected());
            case Compilation.Failed failed -> throw new CommandFailure(ExitCodes.DOES_NOT_COMPILE, "Stage " + id.number()
                    + " of " + implementation.name() + " does not compile (" + failed.total() + " errors): "
                    + "./chatlab server --stage " + id.number() + " --impl " + implementation.name() + " shows them.");
        };
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        try {
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            if (colon <= 0 || port < 1 || port > 65_535) {
                throw new NumberFormatException();
            }
            return new InetSocketAddress(hostPort.substring(0, colon), port);
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new CommandFailure(ExitCodes.USAGE, "--against wants HOST:PORT, for instance 127.0.0.1:5050, not " + hostPort);
        }
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
