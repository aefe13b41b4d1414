package chatlab.bench;

import chatlab.harness.StageLoadException;
import chatlab.harness.Todos;
import chatlab.stage.StageId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server JVM: one server under test ({@link StageServer} or {@link NettyRoom}), alone in its
 * heap, started by {@link ServerProcess}. It says where it listens, then answers the benchmark on
 * its standard input and output:
 * <ul>
 *   <li>{@code STATS}: its threads now and at most, its heap at most and live (after a full
 *       collection), its time in garbage collection;</li>
 *   <li>{@code STOP} (or the end of its input): closes the server, says how long that took and how
 *       many threads were left, and exits.</li>
 * </ul>
 * Arguments: {@code chatlab <stage> <compiled classes> virtual|platform}, or {@code netty}.
 */
final class ServerMain {
    private static final long SAMPLE_MILLIS = 20;

    private ServerMain() {
    }

    public static void main(String[] args) throws Exception {
        HeapWatch heap = HeapWatch.start();
        HostedServer server;
        try {
            server = switch (args[0]) {
                case "chatlab" -> StageServer.start(StageId.of(Integer.parseInt(args[1])), Path.of(args[2]),
                        StageServer.ThreadKind.valueOf(args[3]));
                case "netty" -> new NettyRoom();
                default -> throw new IllegalArgumentException("no such server: " + args[0]);
            };
        } catch (StageLoadException | IOException e) {
            System.err.println("Cannot start the server: " + e.getMessage());
            ControlLine.of("FAILED").with("todo", Todos.find(e).isPresent()).print();
            System.exit(3);
            return;
        }

        AtomicInteger threadsPeak = new AtomicInteger();
        Thread.ofPlatform().daemon().name("bench-sampler").start(() -> {
            while (true) {
                heap.sample();
                threadsPeak.accumulateAndGet(server.threads(), Math::max);
                if (server instanceof StageServer stage && stage.failure() != null) {
                    System.err.println("The stage stopped by itself: " + stage.failure());
                    ControlLine.of("FAILED").with("todo", stage.stoppedAtTodo()).print();
                    Runtime.getRuntime().halt(3);
                }
                try {
                    Thread.sleep(SAMPLE_MILLIS); // a sampler's tick
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        ControlLine.of("LISTENING").with("port", server.port()).print();

        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = commands.readLine(); line != null; line = commands.readLine()) {
            switch (line.strip()) {
                case "STATS" -> ControlLine.of("STATS")
                        .with("threads", server.threads())
                        .with("threadsPeak", Math.max(threadsPeak.get(), server.threads()))
                        .with("jvmThreadsPeak", ManagementFactory.getThreadMXBean().getPeakThreadCount())
                        .with("heapPeakMB", megabytes(heap.peakUsed()))
                        .with("heapLiveMB", megabytes(HeapWatch.liveAfterCollection()))
                        .with("heapLimitMB", megabytes(HeapWatch.limit()))
                        .with("gcMs", HeapWatch.collectionMillis())
                        .print();
                case "STOP" -> {
                    stop(server);
                    return;
                }
                default -> System.err.println("unknown command: " + line);
            }
        }
        stop(server); // the benchmark is gone
    }

    private static void stop(HostedServer server) throws InterruptedException {
        long start = System.nanoTime();
        int left = server.stop();
        ControlLine.of("STOPPED").with("closeMs", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
                .with("threadsLeft", left).print();
        System.exit(0);
    }

    private static long megabytes(long bytes) {
        return Math.round(bytes / (1024.0 * 1024.0));
    }
}
