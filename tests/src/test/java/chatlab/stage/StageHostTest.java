package chatlab.stage;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatlab.concurrency.CountingThreadFactory;
import chatlab.concurrency.TaskScope;
import chatlab.driver.ScriptedClient;
import chatlab.driver.ScriptedConsole;
import chatlab.protocol.Limits;
import chatlab.protocol.LineWriter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StageHostTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    /** The grace given to close() where the test expects it to find a stage that does not stop. */
    private static final Duration SHORT_GRACE = Duration.ofMillis(200);

    private final ScriptedConsole console = new ScriptedConsole();
    private final CountingThreadFactory threads = CountingThreadFactory.virtual("stage");
    private StageHost host;

    @AfterEach
    void closeTheHost() throws InterruptedException {
        if (host != null) {
            host.close(WAIT);
        }
    }

    private StageHost start(ChatStage stage) throws IOException {
        ServerSocket listener = StageHost.listen(InetAddress.getLoopbackAddress(), 0);
        host = StageHost.start(StageId.BROADCAST_ROOM, stage, listener, console, threads, "Ada", Limits.DEFAULT);
        return host;
    }

    @Test
    void listenBindsAFreePortOnTheGivenAddress() throws IOException {
        try (ServerSocket listener = StageHost.listen(InetAddress.getLoopbackAddress(), 0)) {
            assertTrue(listener.isBound());
            assertNotEquals(0, listener.getLocalPort());
            assertEquals(InetAddress.getLoopbackAddress(), listener.getInetAddress());
        }
    }

    @Test
    void theStageGetsTheListenerConsoleThreadsNameAndLimits() throws Exception {
        AtomicReference<StageContext> seen = new AtomicReference<>();
        start(context -> seen.set(context));

        assertTrue(host.awaitReturn(WAIT));
        StageContext context = seen.get();
        assertSame(console, context.console());
        assertSame(threads, context.threads());
        assertSame(threads, host.threads());
        assertEquals("Ada", context.operatorName());
        assertEquals(Limits.DEFAULT, context.limits());
        assertEquals(host.port(), context.listener().getLocalPort());
        assertEquals(StageId.BROADCAST_ROOM, host.stage());
    }

    @Test
    void aClientReachesTheStageAtTheHostsAddress() throws Exception {
        start(context -> {
            try (Socket client = context.listener().accept()) {
                new LineWriter(client.getOutputStream()).writeLine("hello from " + context.operatorName());
            }
        });
        assertEquals(InetAddress.getLoopbackAddress(), host.address().getAddress());
        assertEquals(host.port(), host.address().getPort());
        assertNotEquals(0, host.port());

        try (ScriptedClient client = ScriptedClient.connect("ana", host.address())) {
            client.expectLine("hello from Ada", WAIT);
            assertEquals(ScriptedClient.Ending.CLOSED_BY_SERVER, client.awaitEnd(WAIT));
        }
        assertTrue(host.awaitReturn(WAIT));
        assertTrue(host.failure().isEmpty());
    }

    @Test
    void whenServeReturnsTheListenerIsClosedAndAWaitingClientIsTurnedAway() throws Exception {
        AtomicReference<ServerSocket> listener = new AtomicReference<>();
        start(context -> {
            listener.set(context.listener());
            try (Socket first = context.listener().accept()) {
                new LineWriter(first.getOutputStream()).writeLine("served");
                context.console().readLine(); // until the test says the session is over
            }
        });
        try (ScriptedClient first = ScriptedClient.connect("first", host.address());
             ScriptedClient waiting = ScriptedClient.connect("waiting", host.address())) {
            first.expectLine("served", WAIT);
            // "waiting" has completed its handshake into the backlog; nobody will accept it.
            assertFalse(host.hasReturned());

            console.type("done");

            assertTrue(host.awaitReturn(WAIT));
            assertTrue(listener.get().isClosed(), "hasReturned() is true only once the listener is closed");
            assertNotEquals(ScriptedClient.Ending.OPEN, waiting.awaitEnd(WAIT), "closed or reset");
            assertTrue(waiting.lines().isEmpty());
        }
        StageHost.Closing closing = host.close(WAIT);
        assertTrue(closing.clean(), closing.toString());
        assertTrue(host.failure().isEmpty());
    }

    @Test
    void closingAStageBlockedInAcceptIsClean() throws Exception {
        start(context -> {
            while (true) {
                context.listener().accept().close();
            }
        });

        StageHost.Closing closing = host.close(WAIT);

        assertEquals(new StageHost.Closing(true, 0), closing);
        assertTrue(closing.clean());
        assertTrue(host.hasReturned());
        assertTrue(host.failure().isEmpty(), "the SocketException that close() causes is no failure: "
                + host.failure());
    }

    @Test
    void closingAStageWaitingOnTheConsoleIsClean() throws Exception {
        start(context -> {
            while (true) {
                context.console().readLine();
            }
        });

        assertTrue(host.close(WAIT).clean());
        assertTrue(host.failure().isEmpty(), "the interrupt that close() causes is no failure: " + host.failure());
    }

    @Test
    void closingAStageThatEndsItsThreadsIsClean() throws Exception {
        start(context -> {
            try (TaskScope connections = TaskScope.open(context.threads())) {
                while (true) {
                    Socket client = context.listener().accept();
                    connections.fork(() -> {
                        try (client) {
                            return client.getInputStream().read(); // blocks until the scope is closed
                        }
                    });
                }
            }
        });
        try (ScriptedClient a = ScriptedClient.connect("a", host.address());
             ScriptedClient b = ScriptedClient.connect("b", host.address())) {
            await().atMost(WAIT).until(() -> threads.alive() == 2);

            StageHost.Closing closing = host.close(WAIT);

            assertTrue(closing.clean(), closing.toString());
            assertEquals(2, threads.started());
            assertNotEquals(ScriptedClient.Ending.OPEN, a.awaitEnd(WAIT));
            assertNotEquals(ScriptedClient.Ending.OPEN, b.awaitEnd(WAIT));
        }
    }

    @Test
    void aThreadLeftBehindIsCounted() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        start(context -> {
            context.threads().newThread(() -> awaitUninterruptibly(release)).start();
            while (true) {
                context.listener().accept().close();
            }
        });
        try {
            StageHost.Closing closing = host.close(SHORT_GRACE);

            assertEquals(new StageHost.Closing(true, 1), closing);
            assertFalse(closing.clean());
        } finally {
            release.countDown();
        }
        assertTrue(threads.awaitNoneAlive(WAIT));
    }

    @Test
    void aStageThatDoesNotReturnWhenClosedIsReported() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        start(context -> awaitUninterruptibly(release));
        try {
            StageHost.Closing closing = host.close(SHORT_GRACE);

            assertFalse(closing.serveReturned());
            assertFalse(closing.clean());
            assertFalse(host.hasReturned());
        } finally {
            release.countDown();
        }
        assertTrue(host.awaitReturn(WAIT));
    }

    @Test
    void anExceptionThrownByServeIsItsFailureAndTheListenerIsClosed() throws Exception {
        IllegalStateException boom = new IllegalStateException("boom (expected by the test)");
        AtomicReference<ServerSocket> listener = new AtomicReference<>();
        start(context -> {
            listener.set(context.listener());
            throw boom;
        });

        assertTrue(host.awaitReturn(WAIT));
        assertSame(boom, host.failure().orElseThrow());
        assertTrue(listener.get().isClosed());
        assertTrue(host.close(WAIT).clean());
        assertSame(boom, host.failure().orElseThrow(), "close() keeps the failure");
    }

    @Test
    void aTodoIsReportedAsTheFailure() throws Exception {
        start(context -> {
            throw new Todo("1: accept one client");
        });

        assertTrue(host.awaitReturn(WAIT));
        Todo todo = assertInstanceOf(Todo.class, host.failure().orElseThrow());
        assertEquals("1: accept one client", todo.getMessage());
    }

    @Test
    void aSocketExceptionBeforeCloseIsAFailure() throws Exception {
        start(context -> {
            throw new SocketException("not caused by the harness (expected by the test)");
        });

        assertTrue(host.awaitReturn(WAIT));
        assertInstanceOf(SocketException.class, host.failure().orElseThrow());
    }

    @Test
    void anInterruptedExceptionBeforeCloseIsAFailure() throws Exception {
        start(context -> {
            throw new InterruptedException("not caused by the harness (expected by the test)");
        });

        assertTrue(host.awaitReturn(WAIT));
        assertInstanceOf(InterruptedException.class, host.failure().orElseThrow());
    }

    @Test
    void closingTwiceIsHarmless() throws Exception {
        start(context -> context.listener().accept());

        assertTrue(host.close(WAIT).clean());
        assertTrue(host.close(WAIT).clean());
    }

    @Test
    void closingFindsAStageThatAlreadyReturnedClean() throws Exception {
        start(context -> { });

        assertTrue(host.awaitReturn(WAIT));
        assertTrue(host.close(WAIT).clean());
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
