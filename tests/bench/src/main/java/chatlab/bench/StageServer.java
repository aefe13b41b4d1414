package chatlab.bench;

import chatlab.concurrency.CountingThreadFactory;
import chatlab.harness.StageLoadException;
import chatlab.harness.StageLoader;
import chatlab.harness.Todos;
import chatlab.protocol.Limits;
import chatlab.stage.ChatStage;
import chatlab.stage.QueuedConsole;
import chatlab.stage.StageHost;
import chatlab.stage.StageId;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * A ChatLab stage (3 or 4, of any implementation, compiled by the harness), hosted as the
 * {@code chatlab server} command hosts it, on virtual or platform threads.
 */
final class StageServer implements HostedServer {
    /** How long the stage may take to close, every thread included (stage 4 sends its shutdown notice first). */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(60);

    private final StageHost host;
    private final CountingThreadFactory threads;
    private final LongAdder consoleLines = new LongAdder();
    private volatile boolean stopping;

    private StageServer(StageId stage, ChatStage server, ThreadKind kind) throws IOException {
        this.threads = kind.factory(stage.folderName());
        // The console prints "Connected with..." for every client: counted, not shown.
        QueuedConsole console = new QueuedConsole(line -> consoleLines.increment());
        this.host = StageHost.start(stage, server, StageHost.listen(InetAddress.getLoopbackAddress(), 0), console,
                threads, "Server", Limits.DEFAULT);
    }

    static StageServer start(StageId stage, Path classes, ThreadKind kind) throws IOException, StageLoadException {
        ChatStage server = StageLoader.load(stage, classes, StageServer.class.getClassLoader());
        return new StageServer(stage, server, kind);
    }

    /** Whether the stage stopped at a TODO of a lab not done yet. */
    boolean stoppedAtTodo() {
        return host.failure().flatMap(Todos::find).isPresent();
    }

    @Override
    public int port() {
        return host.port();
    }

    @Override
    public int threads() {
        return threads.alive();
    }

    /** Why {@code serve} ended by itself (it threw, or returned), or null while it runs or once asked to stop. */
    String failure() {
        if (stopping || !host.hasReturned()) {
            return null;
        }
        return host.failure().map(Throwable::toString).orElse("serve() returned");
    }

    @Override
    public int stop() throws InterruptedException {
        stopping = true;
        return host.close(CLOSE_GRACE).threadsAlive();
    }

    /** Which threads the stage gets. */
    enum ThreadKind {
        VIRTUAL, PLATFORM;

        CountingThreadFactory factory(String prefix) {
            return this == VIRTUAL ? CountingThreadFactory.virtual(prefix) : CountingThreadFactory.platform(prefix);
        }
    }
}
