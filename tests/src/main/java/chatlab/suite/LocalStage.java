package chatlab.suite;

import chatlab.concurrency.CountingThreadFactory;
import chatlab.driver.ScriptedConsole;
import chatlab.harness.Implementation;
import chatlab.harness.Todos;
import chatlab.protocol.Limits;
import chatlab.protocol.Protocol;
import chatlab.stage.ChatStage;
import chatlab.stage.StageHost;
import chatlab.stage.StageId;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/** A stage running in this JVM, on loopback, with a scripted console and virtual threads. */
public final class LocalStage implements StageUnderTest {
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    private final StageHost host;
    private final ScriptedConsole console;
    private final Implementation implementation;

    private LocalStage(StageHost host, ScriptedConsole console, Implementation implementation) {
        this.host = host;
        this.console = console;
        this.implementation = implementation;
    }

    /** Starts {@code server}, of {@code implementation}, as {@code stage} on a free loopback port. */
    public static LocalStage start(StageId stage, ChatStage server, Limits limits, Implementation implementation)
            throws IOException {
        ScriptedConsole console = new ScriptedConsole();
        StageHost host = StageHost.start(stage, server, StageHost.listen(InetAddress.getLoopbackAddress(), 0), console,
                CountingThreadFactory.virtual(stage.folderName()), Protocol.DEFAULT_OPERATOR_NAME, limits);
        return new LocalStage(host, console, implementation);
    }

    @Override
    public InetSocketAddress address() {
        return host.address();
    }

    @Override
    public void type(String operatorLine) {
        console.type(operatorLine);
    }

    @Override
    public void expectPrinted(String line, Duration timeout) throws InterruptedException, TimeoutException {
        console.expectPrinted(line, timeout);
    }

    @Override
    public List<String> printed() {
        return console.printed();
    }

    @Override
    public boolean awaitReturn(Duration timeout) throws InterruptedException {
        return host.awaitReturn(timeout);
    }

    @Override
    public Optional<Throwable> failure() {
        return host.failure();
    }

    @Override
    public Optional<String> notDoneYet() {
        return host.failure().flatMap(Todos::find).map(todo -> Todos.notDoneYet(host.stage(), todo, implementation));
    }

    @Override
    public int threadsAlive() {
        return host.threads().alive();
    }

    @Override
    public StageHost.Closing close(Duration grace) throws InterruptedException {
        return host.close(grace);
    }

    @Override
    public void close() throws InterruptedException {
        host.close(CLOSE_GRACE);
    }
}
